"""The screening instruments as FHIR Questionnaires, and a recorded result as a
QuestionnaireResponse — with LOINC codes where LOINC has the instrument (each cited below)."""

from __future__ import annotations

from typing import Any

from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from tukiverkko.assessments.models import InstrumentAssessment
from tukiverkko.screening.instruments import INSTRUMENTS, Instrument

LOINC_SYSTEM = "http://loinc.org"
BASE = "https://tukiverkko.fi/fhir"

# instrument → (panel code, total-score code, the source each was checked against). Codes only
# where LOINC defines the instrument as we score it; the others (WAS, WAI, AUDIT, ODI) carry
# our own id alone.
LOINC: dict[str, dict[str, str]] = {
    "phq9": {
        "panel": "44249-1",  # PHQ-9 quick depression assessment panel [Reported.PHQ]
        "total": "44261-6",  # Patient Health Questionnaire 9 item (PHQ-9) total score
        "source": "https://loinc.org/44249-1/ ; https://loinc.org/44261-6/ (member of 44249-1)",
    },
    "gad7": {
        "panel": "69737-5",  # Generalized anxiety disorder 7 item (GAD-7)
        "total": "70274-6",  # Generalized anxiety disorder 7 item (GAD-7) total score
        "source": "https://loinc.org/69737-5/ ; https://loinc.org/70274-6/ (in panel 69729-2)",
    },
    "audit_c": {
        "total": "75626-2",  # Total score [AUDIT-C]
        "source": "https://loinc.org/75626-2/",
    },
}


def fhir_id(instrument_id: str) -> str:
    """FHIR ids take no underscore: audit_c → audit-c."""
    return instrument_id.replace("_", "-")


def canonical(instrument_id: str) -> str:
    return f"{BASE}/Questionnaire/{fhir_id(instrument_id)}"


def _coding(code: str, display: str = "") -> dict[str, str]:
    return {"system": LOINC_SYSTEM, "code": code, **({"display": display} if display else {})}


def questionnaire(definition: Instrument) -> Questionnaire:
    codes = LOINC.get(definition.id, {})
    items: list[dict[str, Any]] = [
        {
            "linkId": item.id,
            "text": item.text.get("fi", item.id),
            "type": "choice",
            "required": not definition.optional_items,
            "answerOption": [
                {
                    "valueCoding": {
                        "system": f"{canonical(definition.id)}/answers",
                        "code": str(option.value),
                        "display": option.label.get("fi", str(option.value)),
                    }
                }
                for option in item.options
            ],
        }
        for item in definition.items
    ]
    items.append(
        {
            "linkId": "total",
            "text": "Pisteet yhteensä",
            "type": "decimal",
            "readOnly": True,
            **({"code": [_coding(codes["total"])]} if "total" in codes else {}),
        }
    )
    return Questionnaire.model_validate(
        {
            "resourceType": "Questionnaire",
            "id": fhir_id(definition.id),
            "url": canonical(definition.id),
            "name": definition.id.upper().replace("_", ""),
            "title": definition.name,
            "status": "active",
            "subjectType": ["Patient"],
            "description": definition.description or None,
            "copyright": definition.source or None,
            **({"code": [_coding(codes["panel"])]} if "panel" in codes else {}),
            "item": items,
        }
    )


def definitions() -> list[Instrument]:
    return list(INSTRUMENTS.values())


def find(resource_id: str) -> Instrument | None:
    return INSTRUMENTS.get(resource_id.replace("-", "_"))


def response(row: InstrumentAssessment, client_id: int) -> QuestionnaireResponse:
    answers = row.answers if isinstance(row.answers, dict) else {}
    items: list[dict[str, Any]] = [
        {
            "linkId": str(link),
            "answer": [
                {
                    "valueCoding": {
                        "system": f"{canonical(row.instrument)}/answers",
                        "code": str(value),
                    }
                }
            ],
        }
        for link, value in answers.items()
        if isinstance(value, int | str) and not isinstance(value, bool)
    ]
    items.append({"linkId": "total", "answer": [{"valueDecimal": row.score}]})
    return QuestionnaireResponse.model_validate(
        {
            "resourceType": "QuestionnaireResponse",
            "id": str(row.pk),
            "questionnaire": canonical(row.instrument),
            "status": "completed",
            "subject": {"reference": f"Patient/{client_id}"},
            "authored": row.recorded_at.isoformat(),
            "source": {"reference": f"Patient/{client_id}"} if row.by_client else None,
            "item": items,
        }
    )
