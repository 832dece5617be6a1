from tukiverkko.cases.models.case import (
    Case,
    ChecklistItem,
    HandoverRequest,
    JournalEntry,
    NetworkMember,
    PhaseTransition,
    ResponsibilityPeriod,
)
from tukiverkko.cases.models.enums import TRANSITIONS, HandoverStatus, Outcome, Phase

__all__ = [
    "TRANSITIONS",
    "Case",
    "ChecklistItem",
    "HandoverRequest",
    "HandoverStatus",
    "JournalEntry",
    "NetworkMember",
    "Outcome",
    "Phase",
    "PhaseTransition",
    "ResponsibilityPeriod",
]
