from tukiverkko.clients.models.case import (
    Case,
    ChecklistItem,
    HandoverRequest,
    HandoverStatus,
    JournalEntry,
    NetworkMember,
    PhaseTransition,
    ResponsibilityPeriod,
)
from tukiverkko.clients.models.client import Client, ClientRelationship
from tukiverkko.clients.models.enums import (
    CHECKLIST_STEPS,
    FOLLOW_UP_STEP,
    TRANSITIONS,
    InfoCategory,
    Outcome,
    Phase,
)

__all__ = [
    "CHECKLIST_STEPS",
    "FOLLOW_UP_STEP",
    "TRANSITIONS",
    "Case",
    "ChecklistItem",
    "Client",
    "ClientRelationship",
    "HandoverRequest",
    "HandoverStatus",
    "InfoCategory",
    "JournalEntry",
    "NetworkMember",
    "Outcome",
    "Phase",
    "PhaseTransition",
    "ResponsibilityPeriod",
]
