"""Catalogue editor pages: the services as CSV, downloaded and uploaded back; the Swedish and
English texts no one has checked yet.

For catalogue editors and administrators only. An upload is checked row by row with the same
rules as the YAML files and saved all or nothing (tukiverkko.catalogue.csv_io).
"""

from __future__ import annotations

import logging
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from tukiverkko.accounts.decorators import editor_required
from tukiverkko.catalogue.csv_io import (
    COLUMNS,
    DELIMITER,
    CsvImportError,
    download_filename,
    export_csv,
    import_csv,
)
from tukiverkko.catalogue.querysets import unchecked_service_types, unchecked_services

logger = logging.getLogger("tukiverkko.catalogue")

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class CsvUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-tiedosto"),
        help_text=_("UTF-8, kentät puolipisteellä erotettuina, yksi palvelu riviä kohden."),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(gettext("Tiedosto on liian suuri (enintään 5 Mt)."))
        try:
            text: str = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                gettext("Tiedosto ei ole UTF-8-tekstiä. Tallenna se muodossa ”CSV UTF-8”.")
            ) from None
        return text


@editor_required
def csv_download(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(export_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{download_filename()}"'
    return response


@editor_required
@require_http_methods(["GET", "POST"])
def csv_editor(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"columns": COLUMNS, "delimiter": DELIMITER}
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report = import_csv(form.cleaned_data["file"])
            except CsvImportError as exc:
                context["problems"] = exc.problems
                status = 422
            else:
                outcomes = list(report.services.values())
                context["report"] = {
                    bucket: outcomes.count(bucket) for bucket in ("created", "updated", "unchanged")
                } | {"changed": report.changed}
                logger.info(
                    "Catalogue CSV imported by user %s: created %s, updated %s",
                    request.user.pk,
                    report.created,
                    report.updated,
                )
                form = CsvUploadForm()
        else:
            status = 422
    context["form"] = form
    return render(request, "catalogue/editor/csv.html", context, status=status)


TRANSLATION_LANGUAGES = {"sv": _("ruotsi"), "en": _("englanti")}


@editor_required
def unchecked_translations(request: HttpRequest) -> HttpResponse:
    """Service types and services whose Swedish or English texts no person has checked.

    ``?kieli=sv`` or ``?kieli=en`` narrows the list to one language; anything else lists both.
    """
    lang = request.GET.get("kieli", "")
    if lang not in TRANSLATION_LANGUAGES:
        lang = ""
    return render(
        request,
        "catalogue/editor/translations.html",
        {
            "lang": lang,
            "languages": TRANSLATION_LANGUAGES,
            "service_types": list(unchecked_service_types(lang)),
            "services": list(unchecked_services(lang)),
        },
    )
