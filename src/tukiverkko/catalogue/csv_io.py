"""The catalogue's services as CSV, one row per service — out, and back in all-or-nothing.

UTF-8 with a byte-order mark and ``;`` between fields, which is what Excel in a Finnish locale
opens and saves without a wizard (the decimal comma makes ``,`` a poor separator there).
Lists inside a cell (need areas, municipalities …) are separated by commas; the contact
channels are one cell of JSON in exactly the structure of the YAML files. Import turns every
row into the YAML loader's service record and runs the loader's own checks
(tukiverkko.catalogue.loading: the file schema's ``service`` definition, then
``service_problems``) before anything is written; then tukiverkko.catalogue.actions
``apply_services`` upserts by slug. See docs/interop.md and
docs/decisions/0031-csv-one-row-per-service.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from tukiverkko.accounts.models import Municipality, Organisation
from tukiverkko.catalogue.actions import LoadReport, apply_services
from tukiverkko.catalogue.loading import service_problems, service_validator
from tukiverkko.catalogue.models import (
    LANGS,
    SERVICE_TEXTS,
    TRANSLATED_LANGS,
    ContactChannel,
    Service,
    ServiceType,
)

# The service's own texts; "validity_unverified" (why its validity is unverified) has its
# columns beside the validity dates.
TEXTS = tuple(t for t in SERVICE_TEXTS if t != "validity_unverified")
LISTS = ("need_areas", "access_routes", "municipalities", "languages")

COLUMNS = [
    "slug",
    "organisation",
    "service_type",
    *[f"{t}_{lang}" for t in TEXTS for lang in LANGS],
    *LISTS[:2],
    "network_group",
    *LISTS[2:],
    "age_min",
    "age_max",
    "valid_from",
    "valid_to",
    *[f"validity_unverified_{lang}" for lang in LANGS],
    "verified_on",
    "verified_by",
    "source",
    *[f"translation_{lang}" for lang in TRANSLATED_LANGS],
    "contacts",
]
REQUIRED_COLUMNS = {"slug", "organisation", "service_type", "name_fi", "what_fi"}
DELIMITER = ";"
_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


@dataclass(frozen=True)
class RowProblem:
    row: int  # as Excel numbers it: the header is row 1
    slug: str
    column: str
    reason: str
    reason_fi: str

    def __str__(self) -> str:
        return f"row {self.row} (slug {self.slug or '-'}): column '{self.column}': {self.reason}"


class CsvImportError(Exception):
    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# ---------------------------------------------------------------- export


def _contact_record(c: ContactChannel) -> dict[str, Any]:
    record: dict[str, Any] = {"kind": c.kind, "value": c.value or None}
    for key, prefix in (("label", "label"), ("opening_hours_text", "opening_hours")):
        texts = {lang: getattr(c, f"{prefix}_{lang}") for lang in LANGS}
        if any(texts.values()):
            record[key] = {k: v for k, v in texts.items() if v}
    if c.opening_hours:
        record["opening_hours"] = c.opening_hours
    if c.for_professionals_only:
        record["for_professionals_only"] = True
    return record


def service_row(s: Service) -> dict[str, str]:
    row = {
        "slug": s.slug,
        "organisation": s.organisation.slug,
        "service_type": s.service_type.slug,
        "need_areas": ", ".join(n.slug for n in s.need_areas.all()),
        "access_routes": ", ".join(r.slug for r in s.access_routes.all()),
        "network_group": s.network_group,
        "municipalities": ", ".join(m.name_fi for m in s.municipalities.all()),
        "languages": ", ".join(s.languages),
        "age_min": "" if s.age_min is None else str(s.age_min),
        "age_max": "" if s.age_max is None else str(s.age_max),
        "valid_from": s.valid_from.isoformat() if s.valid_from else "",
        "valid_to": s.valid_to.isoformat() if s.valid_to else "",
        "verified_on": s.verified_on.isoformat() if s.verified_on else "",
        "verified_by": s.verified_by,
        "source": s.source,
        "contacts": json.dumps([_contact_record(c) for c in s.contacts.all()], ensure_ascii=False),
    }
    for text in SERVICE_TEXTS:
        for lang in LANGS:
            row[f"{text}_{lang}"] = getattr(s, f"{text}_{lang}")
    for lang in TRANSLATED_LANGS:
        row[f"translation_{lang}"] = getattr(s, f"translation_{lang}")
    return row


def export_csv() -> str:
    services = (
        Service.objects.select_related("organisation", "service_type")
        .prefetch_related(
            "need_areas",
            "access_routes",
            "municipalities",
            Prefetch("contacts", queryset=ContactChannel.objects.order_by("position")),
        )
        .order_by("organisation__slug", "slug")
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writeheader()
    for s in services:
        writer.writerow(service_row(s))
    return "\ufeff" + out.getvalue()


# ---------------------------------------------------------------- import


def _date(value: str) -> str:
    """ISO as written, or Finnish d.m.yyyy (what Excel writes back) turned into ISO.

    An impossible d.m.yyyy date stays as written, so the error shows the editor's own text.
    """
    m = _FI_DATE.match(value)
    if m:
        day, month, year = (int(g) for g in m.groups())
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return value
    return value


def _int_or_text(value: str) -> int | str:
    # A non-number stays text so that the schema names the column ("is not of type 'integer'").
    return int(value) if re.fullmatch(r"-?\d+", value) else value


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def row_to_record(row: dict[str, str]) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """The YAML loader's service record for one CSV row, and problems the schema cannot see."""
    cell = {k: (v or "").strip() for k, v in row.items() if k}
    problems: list[tuple[str, str, str]] = []
    record: dict[str, Any] = {
        "slug": cell.get("slug", ""),
        "service_type": cell.get("service_type", ""),
    }
    for text in SERVICE_TEXTS:
        texts = {lang: cell[f"{text}_{lang}"] for lang in LANGS if cell.get(f"{text}_{lang}")}
        if texts:
            record[text] = texts
    statuses = {
        lang: cell[f"translation_{lang}"]
        for lang in TRANSLATED_LANGS
        if cell.get(f"translation_{lang}")
    }
    if statuses:
        record["translations"] = statuses
    for name in ("need_areas", "access_routes", "languages"):
        if name in cell and (name != "languages" or cell[name]):
            record[name] = _split(cell[name])
    munis = cell.get("municipalities", "")
    record["municipalities"] = "all" if munis in ("all", "kaikki") else _split(munis)
    if cell.get("network_group"):
        record["network_group"] = cell["network_group"]
    for name in ("age_min", "age_max"):
        if cell.get(name):
            record[name] = _int_or_text(cell[name])
    for name in ("valid_from", "valid_to"):
        if cell.get(name):
            record[name] = _date(cell[name])
    record["verified"] = {
        "on": _date(cell.get("verified_on", "")),
        "by": cell.get("verified_by", ""),
    }
    record["source"] = cell.get("source", "")
    if cell.get("contacts"):
        try:
            record["contacts"] = json.loads(cell["contacts"])
        except json.JSONDecodeError as exc:
            problems.append(
                ("contacts", f"not valid JSON: {exc}", f"ei ole kelvollista JSONia: {exc}")
            )
    return record, problems


def _column(path: list[Any], validator: str, message: str, instance: Any) -> str:
    """The CSV column a schema error points to."""
    if validator == "required" and isinstance(instance, dict):
        missing = message.split("'")[1] if "'" in message else ""
        path = [*path, missing]
    if not path:
        return "(rivi)"
    head = str(path[0])
    if head == "verified":
        return "verified_on" if len(path) < 2 or path[1] == "on" else "verified_by"
    if head in SERVICE_TEXTS:
        lang = str(path[1]) if len(path) > 1 and path[1] in LANGS else "fi"
        return f"{head}_{lang}"
    if head.startswith("contacts"):  # "contacts[2].value" from the loader's own checks
        return "contacts"
    if head == "translations":
        lang = str(path[1]) if len(path) > 1 and path[1] in TRANSLATED_LANGS else "sv"
        return f"translation_{lang}"
    return head


_REASONS_FI = {
    "required": "pakollinen tieto puuttuu",
    "enum": "ei ole sallittu arvo",
    "const": "ei ole sallittu arvo",
    "format": "ei ole kelvollinen päivämäärä (vvvv-kk-pp tai p.k.vvvv)",
    "type": "väärän tyyppinen arvo (esimerkiksi luku tai lista odotettiin)",
    "pattern": "ei ole oikeassa muodossa",
    "minLength": "ei saa olla tyhjä",
    "minItems": "vähintään yksi arvo tarvitaan",
    "uniqueItems": "sama arvo on kahdesti",
    "minimum": "on liian pieni",
    "maximum": "on liian suuri",
    "additionalProperties": "tuntematon kenttä",
    "oneOf": "ei ole 'all' eikä luettelo kuntien nimiä",
}


def _schema_problems(
    validator: Any, row_no: int, slug: str, record: dict[str, Any]
) -> list[RowProblem]:
    found = []
    seen: set[tuple[Any, ...]] = set()
    for error in sorted(validator.iter_errors(record), key=lambda e: list(e.path)):
        # One problem per cell value: a bad date fails both "format" and "pattern".
        key = (*error.absolute_path, error.message if error.validator == "required" else "")
        if key in seen:
            continue
        seen.add(key)
        column = _column(
            list(error.absolute_path), str(error.validator), error.message, error.instance
        )
        reason_fi = _REASONS_FI.get(str(error.validator), "virheellinen arvo")
        if error.validator in ("enum", "const") and isinstance(error.validator_value, list):
            reason_fi += " (sallitut: " + ", ".join(map(str, error.validator_value)) + ")"
        if error.validator != "required":
            reason_fi = f"{error.instance!r}: {reason_fi}"
        found.append(RowProblem(row_no, slug, column, error.message, reason_fi))
    return found


def read_csv(text: str) -> list[tuple[Organisation, dict[str, Any]]]:
    """Every row checked; CsvImportError lists every problem. Nothing is written here."""
    text = text.removeprefix("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=DELIMITER)
    header = reader.fieldnames or []
    problems: list[RowProblem] = []
    missing = sorted(REQUIRED_COLUMNS - set(header))
    unknown = [h for h in header if h not in COLUMNS]
    for col in missing:
        problems.append(RowProblem(1, "", col, "column is missing", "sarake puuttuu"))
    for col in unknown:
        problems.append(RowProblem(1, "", col, "unknown column", "tuntematon sarake"))
    if problems:
        raise CsvImportError(problems)

    orgs = {o.slug: o for o in Organisation.objects.select_related("region")}
    type_slugs = set(ServiceType.objects.values_list("slug", flat=True))
    municipalities = set(Municipality.objects.values_list("name_fi", flat=True))
    validator = service_validator()
    seen: dict[str, int] = {}
    items: list[tuple[Organisation, dict[str, Any]]] = []
    # Rows numbered as a spreadsheet shows them: the header is row 1, a cell with line
    # breaks still belongs to one row.
    for row_no, row in enumerate(reader, start=2):
        if None in row:
            problems.append(
                RowProblem(
                    row_no,
                    row.get("slug") or "",
                    "(rivi)",
                    "more cells than columns",
                    "rivillä on enemmän soluja kuin sarakkeita",
                )
            )
            continue
        record, early = row_to_record(row)
        slug = record["slug"]
        problems += [RowProblem(row_no, slug, c, r, r_fi) for c, r, r_fi in early]
        if slug in seen:
            problems.append(
                RowProblem(
                    row_no,
                    slug,
                    "slug",
                    f"duplicate of row {seen[slug]}",
                    f"sama tunniste kuin rivillä {seen[slug]}",
                )
            )
        seen.setdefault(slug, row_no)
        org = orgs.get((row.get("organisation") or "").strip())
        if org is None:
            problems.append(
                RowProblem(
                    row_no,
                    slug,
                    "organisation",
                    f"unknown organisation {row.get('organisation')!r}",
                    f"tuntematon organisaatio {row.get('organisation')!r}",
                )
            )
        if early:
            continue
        schema = _schema_problems(validator, row_no, slug, record)
        problems += schema
        if not schema:
            for fp in service_problems(record, type_slugs, municipalities):
                column = _column(fp.field.split("."), "", "", None)
                problems.append(RowProblem(row_no, slug, column, fp.reason, fp.reason_fi))
        if org is not None:
            items.append((org, record))
    if problems:
        raise CsvImportError(problems)
    return items


def import_csv(text: str) -> LoadReport:
    """Check every row, then write all of them in one transaction — or nothing."""
    return apply_services(read_csv(text))


def download_filename() -> str:
    return f"tukiverkko-palvelut-{timezone.localdate().isoformat()}.csv"
