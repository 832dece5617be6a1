"""One error shape for the whole API: RFC 9457 problem details (``application/problem+json``).

    {"type": "about:blank", "title": "Virheellinen arvo", "status": 422,
     "detail": "Tarkista kentät: age.",
     "errors": [{"location": "query", "field": "age", "code": "less_than_equal",
                 "message": "Asiakkaan ikä: enintään 120.", "label": "Asiakkaan ikä"}]}

``title``, ``detail``, each ``message`` and ``label`` are in the request's language (Finnish by
default; ``Accept-Language`` chooses Swedish or English — see ``language``); ``status``,
``code``, ``location`` and ``field`` are stable names for programs. An endpoint raises
``ProblemError`` (or a Django ``ValidationError`` from an action, or ``Http404``); every other
refusal — a bad parameter, no login — is turned into the same shape here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

MEDIA_TYPE = "application/problem+json"

TITLES = {
    400: gettext_lazy("Virheellinen pyyntö"),
    401: gettext_lazy("Kirjautuminen vaaditaan"),
    403: gettext_lazy("Ei käyttöoikeutta"),
    404: gettext_lazy("Ei löydy"),
    405: gettext_lazy("Menetelmä ei ole sallittu"),
    409: gettext_lazy("Ristiriita"),
    413: gettext_lazy("Pyyntö on liian suuri"),
    422: gettext_lazy("Virheellinen arvo"),
    429: gettext_lazy("Liian monta pyyntöä"),
}


class FieldProblem(Schema):
    """One bad field, parameter or item."""

    location: str  # query | path | body
    field: str  # its name in the request, e.g. "age", "q1", "to"
    code: str  # why, for programs: e.g. "less_than_equal", "not_integer", "invalid_choice"
    message: str  # why, for people, in the request's language
    label: str  # the field's name for people, in the request's language


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] = []


class ProblemError(Exception):
    """Raise from an endpoint to answer with a problem."""

    def __init__(self, status: int, detail: str, errors: Iterable[FieldProblem] = ()) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = list(errors)


def field_problem(
    field: str, code: str, message: str, *, location: str = "body", label: str = ""
) -> FieldProblem:
    return FieldProblem(
        location=location, field=field, code=code, message=message, label=label or field
    )


def invalid(errors: list[FieldProblem], status: int = 422) -> ProblemError:
    """A problem listing bad fields; its detail names them."""
    names = ", ".join(dict.fromkeys(e.label for e in errors))
    return ProblemError(status, _("Tarkista kentät: %(fields)s.") % {"fields": names}, errors)


def from_validation_error(
    exc: DjangoValidationError, *, labels: Mapping[str, str] | None = None
) -> ProblemError:
    """An action's refusal: 409 for a conflicting edit, else 400, each field named."""
    status = 409 if getattr(exc, "code", None) == "conflict" else 400
    errors: list[FieldProblem] = []
    if hasattr(exc, "error_dict"):
        for field, items in exc.error_dict.items():
            for item in items:
                code = item.code or "invalid"
                for message in item.messages:
                    if field == "__all__":
                        continue
                    label = str((labels or {}).get(field, field))
                    errors.append(field_problem(field, code, message, label=label))
    return ProblemError(status, " ".join(str(m) for m in exc.messages), errors)


def problem_response(
    request: HttpRequest, status: int, detail: str, errors: Iterable[FieldProblem] = ()
) -> HttpResponse:
    problem = Problem(
        title=str(TITLES.get(status, _("Virhe"))),
        status=status,
        detail=detail,
        errors=list(errors),
    )
    return HttpResponse(
        problem.model_dump_json(), status=status, content_type=f"{MEDIA_TYPE}; charset=utf-8"
    )


# Finnish (translatable) messages for the parameter errors pydantic reports, by its error type.
_PYDANTIC: dict[str, Any] = {
    "missing": gettext_lazy("%(label)s puuttuu."),
    "int_parsing": gettext_lazy("%(label)s: anna kokonaisluku."),
    "int_type": gettext_lazy("%(label)s: anna kokonaisluku."),
    "float_parsing": gettext_lazy("%(label)s: anna luku."),
    "bool_parsing": gettext_lazy("%(label)s: anna true tai false."),
    "less_than_equal": gettext_lazy("%(label)s: enintään %(le)s."),
    "greater_than_equal": gettext_lazy("%(label)s: vähintään %(ge)s."),
    "string_too_long": gettext_lazy("%(label)s: enintään %(max_length)s merkkiä."),
    "string_pattern_mismatch": gettext_lazy("%(label)s: arvossa on merkkejä, jotka eivät kelpaa."),
    "enum": gettext_lazy("%(label)s: valitse jokin sallituista arvoista (%(expected)s)."),
    "literal_error": gettext_lazy("%(label)s: valitse jokin sallituista arvoista (%(expected)s)."),
    "date_from_datetime_parsing": gettext_lazy("%(label)s: anna päivämäärä muodossa vvvv-kk-pp."),
    "date_parsing": gettext_lazy("%(label)s: anna päivämäärä muodossa vvvv-kk-pp."),
    "json_invalid": gettext_lazy("Pyynnön runko ei ole kelvollista JSONia."),
    "model_attributes_type": gettext_lazy("Pyynnön runko: odotettiin JSON-oliota."),
}


def _from_pydantic(error: Mapping[str, Any], labels: Mapping[str, Any]) -> FieldProblem:
    loc = [str(p) for p in error.get("loc", ())] or ["body"]
    location, rest = loc[0], loc[1:]
    if location == "body" and len(rest) > 1:
        rest = rest[1:]  # the body parameter's own name
    field = ".".join(rest) or location
    label = str(labels.get(field, field))
    code = str(error.get("type", "invalid"))
    template = _PYDANTIC.get(code)
    ctx = {k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, str | int | float)}
    if template is not None:
        try:
            message = str(template) % {"label": label, **ctx}
        except (KeyError, ValueError, TypeError):
            message = f"{label}: {error.get('msg', '')}"
    else:
        message = f"{label}: {error.get('msg', '')}"
    return field_problem(field, code, message, location=location, label=label)


def _problem_of(exc: object) -> ProblemError:
    """Any refusal the API answers, as one problem."""
    if isinstance(exc, ProblemError):
        return exc
    if isinstance(exc, PermissionDenied):
        return ProblemError(403, str(exc) or _("Sinulla ei ole oikeutta tähän."))
    if isinstance(exc, RequestDataTooBig):
        message = _("Pyynnön runko on liian suuri.")
        return ProblemError(413, message, [field_problem("body", "too_large", message)])
    if isinstance(exc, DjangoValidationError):
        return from_validation_error(exc)
    if isinstance(exc, NinjaValidationError):
        return invalid([_from_pydantic(e, _LABELS) for e in exc.errors])
    if isinstance(exc, HttpError):
        detail = {
            401: _(
                "Kirjaudu sisään ammattilaisena (istunto; kaksivaiheinen tunnistus, kun se "
                "vaaditaan)."
            ),
            403: _("Sinulla ei ole oikeutta tähän."),
        }.get(exc.status_code, str(exc))
        return ProblemError(exc.status_code, str(detail))
    return ProblemError(404, _("Pyydettyä tietoa ei löydy."))


_LABELS: dict[str, Any] = {}


def install(api: NinjaAPI, *, labels: Mapping[str, Any] | None = None) -> None:
    """Answer every refusal of ``api`` with a problem. ``labels``: parameter name → label."""
    _LABELS.update(labels or {})

    def on_refusal(request: HttpRequest, exc: object) -> HttpResponse:
        problem = _problem_of(exc)
        return problem_response(request, problem.status, problem.detail, problem.errors)

    for refusal in (
        ProblemError,
        DjangoValidationError,
        NinjaValidationError,
        HttpError,
        Http404,
        PermissionDenied,
        RequestDataTooBig,
    ):
        api.add_exception_handler(refusal, on_refusal)


def document(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document with every 4xx response served as ``application/problem+json``."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content")
                if str(status).startswith("4") and content and "application/json" in content:
                    response["content"] = {MEDIA_TYPE: content["application/json"]}
    return schema
