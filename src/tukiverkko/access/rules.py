"""What a professional may do with one client, from what they hold with them — pure Python over
plain facts (no database), so that the authorisation matrix can check the whole product of
roles, relationships and cases directly.

- ``Standing``: the grants that open the client for this professional (access.policy finds them);
  a *relationship* grant (responsible worker, network member; later a referral received, a
  team's agenda) lets them act, a read-only grant (justified access) only read;
- ``CaseFacts``: the case's owner (the case-owning controller) and its responsible worker.

The rules (issue 8, 703/2023):
- read: any grant, for a role that does client work;
- write one's own entries (the journal, one's own organisation's part): a relationship;
- steer the case — change its phase or close it, mark the quick guide, admit or remove network
  members, hand over responsibility: a relationship, and being the responsible worker or a
  professional of the case-owning controller;
- record a consent, a disclosure prohibition or a legal basis for one's own register's data,
  revoke a consent at the client's request: a relationship (and the role's capability);
- the full henkilötunnus: the case-owning controller's professionals who may read the client.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Standing:
    client_work: bool  # the role does client work (accounts.roles)
    grants: frozenset[str] = frozenset()  # every grant that opens the client
    relationships: frozenset[str] = frozenset()  # those that let the professional act

    @property
    def may_read(self) -> bool:
        return self.client_work and bool(self.grants)

    @property
    def has_relationship(self) -> bool:
        return self.client_work and bool(self.relationships)

    @property
    def basis(self) -> str:
        """The grant the access log names: a relationship before a read-only grant."""
        names = sorted(self.relationships) or sorted(self.grants)
        return names[0] if names else ""


NONE = Standing(client_work=False)


@dataclass(frozen=True)
class CaseFacts:
    organisation_id: int
    responsible_worker_id: int
    is_open: bool = True


@dataclass(frozen=True)
class Asker:
    """The professional asking (plain facts)."""

    user_id: int
    organisation_id: int | None
    records_consents: bool = False


def may_write_entries(standing: Standing) -> bool:
    return standing.has_relationship


def may_steer(standing: Standing, asker: Asker, case: CaseFacts | None) -> bool:
    if case is None or not standing.has_relationship:
        return False
    return case.responsible_worker_id == asker.user_id or (
        asker.organisation_id is not None and case.organisation_id == asker.organisation_id
    )


def may_record_disclosures(standing: Standing, asker: Asker) -> bool:
    """Record a consent, a prohibition or a legal basis of one's own register's data."""
    return standing.has_relationship and asker.records_consents


def may_revoke(standing: Standing) -> bool:
    """Record the client's revocation of a consent (or lifting of a prohibition)."""
    return standing.has_relationship


def may_reveal_henkilotunnus(standing: Standing, asker: Asker, case: CaseFacts | None) -> bool:
    return (
        standing.may_read
        and case is not None
        and asker.organisation_id is not None
        and case.organisation_id == asker.organisation_id
    )


@dataclass(frozen=True)
class Permissions:
    """What the client page offers one professional (the same rules the actions are held to)."""

    write: bool = False
    steer: bool = False
    record: bool = False
    revoke: bool = False
    reveal: bool = False


def permissions(standing: Standing, asker: Asker, case: CaseFacts | None) -> Permissions:
    return Permissions(
        write=may_write_entries(standing) and (case is None or case.is_open),
        steer=may_steer(standing, asker, case) and (case is None or case.is_open),
        record=may_record_disclosures(standing, asker),
        revoke=may_revoke(standing),
        reveal=may_reveal_henkilotunnus(standing, asker, case),
    )
