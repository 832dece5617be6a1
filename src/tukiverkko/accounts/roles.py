"""What each role may do: one table of capabilities and the roles that hold them, and the
registers (health care, social care, other) each role may work in.

Every role check of the product reads this module (the decorators, the access policy, the
actions, the audit log's reader, the admin); later issues add a capability here rather than a
set in their own module. Predicates take any object (a request's user may be anonymous) and
answer False for what is not an active professional.

The law (703/2023) has the service provider set each professional's rights by their tasks:
- who sees a client at all is the access policy's (a verified relationship, access/policy.py);
- what a professional may *do* with a client they see is their role's capabilities below;
- which records they read without a consent is their own register: the register their unit
  keeps (``Unit.register``), if their role may work in it (``REGISTERS``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeGuard

from tukiverkko.accounts.models import Register, Role, User


class Capability(StrEnum):
    CLIENT_WORK = "client_work"  # sees and changes client data through the access policy
    CLIENT_CREATE = "client_create"  # takes a client on: registers them and opens a case
    CONSENT_RECORDING = "consent_recording"  # records consents, legal bases, prohibitions
    JUSTIFIED_ACCESS = "justified_access"  # opens a reasoned, time-limited access (urgent)
    CATALOGUE_EDITING = "catalogue_editing"  # keeps the service catalogue true
    CASELOAD_HANDOVER = "caseload_handover"  # hands over another worker's whole caseload
    AUDIT_LOG_READING = "audit_log_reading"  # reads a client's access and disclosure logs
    USER_ADMINISTRATION = "user_administration"  # the admin site: users, roles, units
    NURSE_HEALTH_CHECK = "nurse_health_check"  # the broad health check, feedback after it
    DOCTOR_HEALTH_CHECK = "doctor_health_check"  # the doctor's check after the nurse's
    SERVICE_NEEDS_ASSESSMENT = "service_needs_assessment"  # palvelutarpeen arviointi
    TEAM_MANAGEMENT = "team_management"  # sets up a work-ability team, its members, its rhythm
    IPS_COACHING = "ips_coaching"  # coaches an IPS period: profile, employer contacts, phases
    FIDELITY_REVIEWING = "fidelity_reviewing"  # enters a service's IPS-25 fidelity review
    MONITORING_READING = "monitoring_reading"  # reads the effectiveness dashboards (aggregates)


# Roles that do no client work: they see no client through the access policy (no bypass, not
# even for superusers), and no case content.
# The manager (esihenkilö) of a unit or service reads aggregates only (monitoring/).
NON_CLIENT_ROLES = frozenset(
    {Role.CATALOGUE_EDITOR, Role.DATA_PROTECTION, Role.ADMINISTRATOR, Role.MANAGER}
)
_CLIENT_WORK = frozenset(r for r in Role if r not in NON_CLIENT_ROLES)

# The professionals of health and social care (sote): they take clients on, and they alone
# open a justified access in an urgent exception (other organisations have a legal basis or a
# consent instead).
_SOTE = frozenset(
    {
        Role.WORK_ABILITY_COORDINATOR,
        Role.UNEMPLOYED_HEALTH_NURSE,
        Role.DOCTOR,
        Role.PSYCHIATRIC_NURSE,
        Role.SUBSTANCE_ABUSE_WORKER,
        Role.SOCIAL_WORKER,
        Role.SOCIAL_INSTRUCTOR,
    }
)

ROLES: dict[Capability, frozenset[Role]] = {
    Capability.CLIENT_WORK: _CLIENT_WORK,
    # Who identifies the need (seeds 001, 002): health and social care, the employment
    # authority, youth work and study counselling. Therapists, job coaches and Kela join a
    # client's path by referral or by being admitted to the network.
    Capability.CLIENT_CREATE: _SOTE
    | {Role.EMPLOYMENT_EXPERT, Role.YOUTH_WORKER, Role.STUDY_COUNSELLOR},
    # Consents are recorded in the disclosing controller's own records (RULEBOOK §10); Kela's
    # expert records Kela's (Y100).
    # The job coach records the client's consent to contact an employer (IPS, seed 003).
    Capability.CONSENT_RECORDING: _SOTE
    | {
        Role.EMPLOYMENT_EXPERT,
        Role.YOUTH_WORKER,
        Role.STUDY_COUNSELLOR,
        Role.KELA_EXPERT,
        Role.JOB_COACH,
    },
    Capability.JUSTIFIED_ACCESS: _SOTE,
    Capability.CATALOGUE_EDITING: frozenset({Role.CATALOGUE_EDITOR, Role.ADMINISTRATOR}),
    # Within the leaving worker's own organisation (cases.actions.hand_over_caseload).
    Capability.CASELOAD_HANDOVER: frozenset({Role.ADMINISTRATOR, Role.WORK_ABILITY_COORDINATOR}),
    Capability.AUDIT_LOG_READING: frozenset({Role.DATA_PROTECTION}),
    Capability.USER_ADMINISTRATION: frozenset({Role.ADMINISTRATOR}),
    # The unemployed's health check (seeds 001, 002): the nurse's — or the work-ability
    # coordinator's — broad check first, the doctor's after it (assessments.actions; the rules'
    # nurse_or_coordinator_assessment_done).
    Capability.NURSE_HEALTH_CHECK: frozenset(
        {Role.UNEMPLOYED_HEALTH_NURSE, Role.WORK_ABILITY_COORDINATOR}
    ),
    Capability.DOCTOR_HEALTH_CHECK: frozenset({Role.DOCTOR}),
    # The social-care needs assessment is a social-care professional's (seed 001; 1301/2014 36 §).
    Capability.SERVICE_NEEDS_ASSESSMENT: frozenset({Role.SOCIAL_WORKER, Role.SOCIAL_INSTRUCTOR}),
    # The work-ability coordinator gathers the team (seed 001: "koota … moniammatillinen
    # asiantuntijaryhmä"); the administrator may set one up too. Within the team's organisation.
    Capability.TEAM_MANAGEMENT: frozenset({Role.WORK_ABILITY_COORDINATOR, Role.ADMINISTRATOR}),
    # IPS job coaching is the job coach's (seed 003 "työhönvalmentaja"; decision 0300).
    Capability.IPS_COACHING: frozenset({Role.JOB_COACH}),
    # The IPS-25 review of a service is the catalogue's knowledge: its editors enter it
    # (decision 0302).
    Capability.FIDELITY_REVIEWING: frozenset({Role.CATALOGUE_EDITOR, Role.ADMINISTRATOR}),
    # The effectiveness dashboards are the manager's (esihenkilö, issue 13): aggregates of the
    # whole network, small cells suppressed, no client named (monitoring decision 0350).
    Capability.MONITORING_READING: frozenset({Role.MANAGER}),
}

CLIENT_WORK_ROLES = ROLES[Capability.CLIENT_WORK]
EDITOR_ROLES = ROLES[Capability.CATALOGUE_EDITING]

_HEALTH, _SOCIAL, _OTHER = Register.HEALTH_CARE, Register.SOCIAL_CARE, Register.OTHER

# The registers each client-work role may work in. A professional of an organisation without
# health- or social-care registers (Kela, the employment authority, a town, a school) works in
# "other" — their organisation's own records. Inside a wellbeing county a professional's unit
# says which register they keep; a role outside its registers keeps none (and the admin refuses
# the combination: User.clean).
REGISTERS: dict[Role, frozenset[Register]] = {
    Role.WORK_ABILITY_COORDINATOR: frozenset({_HEALTH, _SOCIAL, _OTHER}),
    Role.UNEMPLOYED_HEALTH_NURSE: frozenset({_HEALTH, _OTHER}),
    Role.DOCTOR: frozenset({_HEALTH, _OTHER}),
    Role.PHYSIOTHERAPIST: frozenset({_HEALTH, _OTHER}),
    Role.OCCUPATIONAL_THERAPIST: frozenset({_HEALTH, _SOCIAL, _OTHER}),
    Role.PSYCHIATRIC_NURSE: frozenset({_HEALTH, _OTHER}),
    Role.SUBSTANCE_ABUSE_WORKER: frozenset({_HEALTH, _SOCIAL, _OTHER}),
    Role.SOCIAL_WORKER: frozenset({_SOCIAL, _OTHER}),
    Role.SOCIAL_INSTRUCTOR: frozenset({_SOCIAL, _OTHER}),
    Role.EMPLOYMENT_EXPERT: frozenset({_OTHER}),
    Role.JOB_COACH: frozenset({_SOCIAL, _OTHER}),
    Role.KELA_EXPERT: frozenset({_OTHER}),
    Role.YOUTH_WORKER: frozenset({_SOCIAL, _OTHER}),
    Role.STUDY_COUNSELLOR: frozenset({_OTHER}),
}

# The information category (consent.models.InfoCategory values) of what a professional writes
# outside a categorised journal entry — a phase or hand-over reason, a checklist note, a network
# role: health care's is health, social care's social, and another organisation's that of its
# task (consent/tests check these are InfoCategory values).
REGISTER_CATEGORY: dict[Register, str] = {_HEALTH: "health", _SOCIAL: "social"}
ROLE_CATEGORY: dict[Role, str] = {
    Role.WORK_ABILITY_COORDINATOR: "employment",
    Role.UNEMPLOYED_HEALTH_NURSE: "health",
    Role.DOCTOR: "health",
    Role.PHYSIOTHERAPIST: "health",
    Role.OCCUPATIONAL_THERAPIST: "health",
    Role.PSYCHIATRIC_NURSE: "health",
    Role.SUBSTANCE_ABUSE_WORKER: "health",
    Role.SOCIAL_WORKER: "social",
    Role.SOCIAL_INSTRUCTOR: "social",
    Role.EMPLOYMENT_EXPERT: "employment",
    Role.JOB_COACH: "employment",
    Role.KELA_EXPERT: "benefits",
    Role.YOUTH_WORKER: "social",
    Role.STUDY_COUNSELLOR: "education",
}


def professional(user: object) -> TypeGuard[User]:
    """A logged-in, active user of the product (any role, or none yet)."""
    return isinstance(user, User) and user.is_authenticated and user.is_active


def has(user: object, capability: Capability) -> TypeGuard[User]:
    return professional(user) and user.role in ROLES[capability]


def works_with_clients(user: object) -> TypeGuard[User]:
    return has(user, Capability.CLIENT_WORK)


def creates_clients(user: object) -> TypeGuard[User]:
    return has(user, Capability.CLIENT_CREATE)


def records_consents(user: object) -> TypeGuard[User]:
    return has(user, Capability.CONSENT_RECORDING)


def opens_justified_access(user: object) -> TypeGuard[User]:
    return has(user, Capability.JUSTIFIED_ACCESS)


def edits_catalogue(user: object) -> TypeGuard[User]:
    return has(user, Capability.CATALOGUE_EDITING)


def hands_over_caseloads(user: object) -> TypeGuard[User]:
    """The coordinator's (and administrator's) right to move a colleague's caseload."""
    return has(user, Capability.CASELOAD_HANDOVER)


def manages_teams(user: object) -> TypeGuard[User]:
    """The right to set up a work-ability team of one's own organisation (teams.actions)."""
    return has(user, Capability.TEAM_MANAGEMENT)


def reads_audit_log(user: object) -> TypeGuard[User]:
    """The data-protection officer's right to read who read a client's data."""
    return has(user, Capability.AUDIT_LOG_READING)


def administers_users(user: object) -> TypeGuard[User]:
    return has(user, Capability.USER_ADMINISTRATION)


def coaches_ips(user: object) -> TypeGuard[User]:
    return has(user, Capability.IPS_COACHING)


def reviews_fidelity(user: object) -> TypeGuard[User]:
    return has(user, Capability.FIDELITY_REVIEWING)


def reads_monitoring(user: object) -> TypeGuard[User]:
    """The manager's right to read the effectiveness dashboards (monitoring/)."""
    return has(user, Capability.MONITORING_READING)


def may_keep(role: str, register: str) -> bool:
    """May a professional of ``role`` work in (and so read without consent) ``register``?"""
    return role in Role.values and register in REGISTERS.get(Role(role), frozenset())


def register_of_parts(role: str, unit_register: str | None) -> str | None:
    """The register a professional keeps: their unit's (``"other"`` without a unit), or None when
    their role may not work in it. Plain values, so that migrations can use it too."""
    register = unit_register or Register.OTHER
    return str(register) if may_keep(role, register) else None


def register_of(user: object) -> str | None:
    """The register ``user`` keeps, or None (no client work, or a role outside its unit's)."""
    if not works_with_clients(user):
        return None
    unit = user.unit if user.unit_id is not None else None
    return register_of_parts(user.role, unit.register if unit is not None else None)


def category_of_parts(role: str, register: str | None) -> str:
    """The information category of a professional's free text outside the journal."""
    if register in REGISTER_CATEGORY:
        return REGISTER_CATEGORY[Register(register)]
    return ROLE_CATEGORY.get(Role(role), "social") if role in Role.values else "social"


def note_category(user: User) -> str:
    return category_of_parts(user.role, register_of(user))
