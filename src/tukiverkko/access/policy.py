"""The one access policy for client data: who may see which client.

A professional who works with clients (accounts.roles) sees a client when any *grant* says so.
The grants are small querysets that the domain apps declare in their AppConfig
(``access_grants``): today the organisation's client relationship (clients), the responsible
worker and the network member (cases); referrals, teams and the client themself add theirs the
same way — one line in their own ``apps.py``, no edit here.

- roles that do not work with clients (catalogue editor, data protection, administrator) and
  superusers see no client through this policy: there is no bypass;
- journal entries of another organisation are shown only where a valid consent covers the
  viewer's organisation, the entry's information category and the purpose (consent.policy,
  asked by cases.selectors);
- a record the user may not see answers 404, and the denial is logged (access.selectors).

Domain models, querysets and actions never import this module; views, API routers, and later
the portal and interop shells do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.module_loading import import_string

from tukiverkko.accounts.models import User
from tukiverkko.accounts.roles import works_with_clients
from tukiverkko.clients.models import Client


@dataclass(frozen=True)
class Grant:
    """One reason a professional may see a client: ``clients(user)`` gives rows carrying the
    ``client_id`` of every client it opens."""

    app: str
    name: str
    clients: Callable[[User], QuerySet[Any]]


@cache
def grants() -> tuple[Grant, ...]:
    """Every grant the installed apps declare, in app order."""
    found: list[Grant] = []
    for config in apps.get_app_configs():
        for path in getattr(config, "access_grants", ()):
            found.append(Grant(config.label, path.rsplit(".", 1)[-1], import_string(path)))
    return tuple(found)


def client_scope(user: object) -> Q:
    """Q over Client: the clients ``user`` may see."""
    if not works_with_clients(user):
        return Q(pk__in=[])
    scope = Q(pk__in=[])
    for grant in grants():
        scope |= Q(pk__in=grant.clients(user).values("client_id"))
    return scope


def clients_visible_to(user: object) -> QuerySet[Client]:
    return Client.objects.filter(client_scope(user))


def can_see_client(user: object, client_id: int) -> bool:
    """One client: each grant asked in turn, the first that opens the client answers."""
    if not works_with_clients(user):
        return False
    return any(grant.clients(user).filter(client_id=client_id).exists() for grant in grants())
