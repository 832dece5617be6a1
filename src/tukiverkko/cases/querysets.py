"""Querysets of the case path, and the grants this app adds to the access policy.

A grant answers "which clients may this professional see because of this app": the rows it
returns carry ``client_id``. ``tukiverkko.access.policy`` composes the grants every app declares
in its AppConfig (``access_grants``); this module never asks the policy itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import F, Q

from tukiverkko.cases.models.enums import HandoverStatus, Phase

if TYPE_CHECKING:
    from tukiverkko.accounts.models import User
    from tukiverkko.cases.models import Case, HandoverRequest, NetworkMember  # noqa: F401


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> CaseQuerySet:
        return self.exclude(phase=Phase.CLOSED)

    def worked_on_by(self, user: User) -> CaseQuerySet:
        """Cases where ``user`` is the responsible worker or a current network member."""
        from tukiverkko.cases.models import NetworkMember

        network = NetworkMember.objects.current().filter(user=user).values("case_id")
        return self.filter(Q(responsible_worker=user) | Q(pk__in=network))


class NetworkMemberQuerySet(models.QuerySet["NetworkMember"]):
    def current(self) -> NetworkMemberQuerySet:
        return self.filter(removed_at__isnull=True)


class HandoverRequestQuerySet(models.QuerySet["HandoverRequest"]):
    def pending(self) -> HandoverRequestQuerySet:
        return self.filter(status=HandoverStatus.PENDING)


def clients_of_responsible_worker(user: User) -> models.QuerySet[Any]:
    """Grant: the clients of the cases where ``user`` is the responsible worker."""
    from tukiverkko.cases.models import Case

    return Case.objects.filter(responsible_worker=user).values("client_id")


def clients_of_network_member(user: User) -> models.QuerySet[Any]:
    """Grant: the clients of the cases whose network ``user`` is a current member of."""
    from tukiverkko.cases.models import NetworkMember

    return NetworkMember.objects.current().filter(user=user).values(client_id=F("case__client_id"))
