"""The one access policy for client data: who may see which client, and on what grounds.

A professional who works with clients (accounts.roles) sees a client only when a *grant* says
so — a technically verified relationship, or another basis the law names. Organisation
membership alone gives nothing (703/2023; review C1, H3). The grants are small querysets that the
domain apps declare in their AppConfig:

- ``access_grants`` — relationships, which let the professional read and act: today the
  responsible worker and the network member admitted by the case-owning controller (cases);
  the referral received (referrals), the team whose agenda holds the client (teams) and the
  client themself (portal) add theirs the same way — one line in their own ``apps.py``;
- ``access_read_grants`` — bases that let the professional only read: the justified access
  ("perusteltu pääsy", access/models.py).

What a professional may *do* with a client they see is ``access.rules`` (pure, over the
``Standing`` this module finds); what of another register's content they see is the content
filter's (consent.content). Roles that do no client work (catalogue editor, data protection,
administrator) and superusers see no client: there is no bypass. A record the user may not see
answers 404, and the denial is logged (access.selectors).

Domain models, querysets and actions never import this module; views, API routers, and later
the portal and interop shells do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet, Value
from django.utils.module_loading import import_string

from tukiverkko.access.rules import NONE, Standing
from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import works_with_clients
from tukiverkko.clients.models import Client


@dataclass(frozen=True)
class Grant:
    """One reason a professional may see a client: ``clients(user)`` gives rows carrying the
    ``client_id`` of every client it opens. ``acts``: a relationship (read and act), or a
    read-only basis."""

    app: str
    name: str
    clients: Callable[[User], QuerySet[Any]]
    acts: bool = True

    @property
    def label(self) -> str:
        """How the access log names it: ``cases.responsible_worker``."""
        return f"{self.app}.{self.name.removeprefix('clients_of_')}"


@cache
def grants() -> tuple[Grant, ...]:
    """Every grant the installed apps declare, in app order (relationships first per app)."""
    found: list[Grant] = []
    for config in apps.get_app_configs():
        for attr, acts in (("access_grants", True), ("access_read_grants", False)):
            for path in getattr(config, attr, ()):
                name = path.rsplit(".", 1)[-1]
                found.append(Grant(config.label, name, import_string(path), acts))
    return tuple(found)


def client_scope(user: object) -> Q:
    """Q over Client: the clients ``user`` may see."""
    if not works_with_clients(user):
        return Q(pk__in=[])
    scope = Q(pk__in=[])
    for grant in grants():
        scope |= Q(pk__in=grant.clients(user).values("client_id"))
    return scope


def client_id_scope(user: object, field: str = "client_id") -> Q:
    """Q over any model with a client id in ``field`` (a follow-up task, …): the rows about
    clients ``user`` may see — the same grants as ``client_scope``, without joining Client."""
    scope = Q(pk__in=[])
    if not works_with_clients(user):
        return scope
    for grant in grants():
        scope |= Q(**{f"{field}__in": grant.clients(user).values("client_id")})
    return scope


def clients_visible_to(user: object) -> QuerySet[Client]:
    return Client.objects.filter(client_scope(user))


def standing(user: object, client_id: int) -> Standing:
    """Which grants open ``client_id`` for ``user`` — every grant asked in one query."""
    if not works_with_clients(user):
        return NONE
    known = grants()
    if not known:
        return Standing(client_work=True)
    parts = [
        grant.clients(user)
        .filter(client_id=client_id)
        .annotate(grant=Value(i))
        .values("grant")
        .order_by()
        for i, grant in enumerate(known)
    ]
    first, *rest = parts
    opened = {known[int(i)] for i in first.union(*rest).values_list("grant", flat=True)}
    return Standing(
        client_work=True,
        grants=frozenset(g.label for g in opened),
        relationships=frozenset(g.label for g in opened if g.acts),
    )


def can_see_client(user: object, client_id: int) -> bool:
    """May ``user`` see ``client_id`` at all (any grant)?"""
    return standing(user, client_id).may_read


def has_relationship(user: object, client_id: int) -> bool:
    """Does ``user`` hold a relationship with ``client_id`` (a grant that lets them act)?"""
    return standing(user, client_id).has_relationship
