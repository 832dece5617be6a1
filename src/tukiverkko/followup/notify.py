"""The e-mail of the reminder job: at most one a run to each owner who got a new task, through
Django's mail (the console in the demo). It says only that there is a new task and where the
tasks are — never a client's name, henkilötunnus or anything of their health (decision 0323):
e-mail leaves the service unencrypted."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tukiverkko.accounts.models import User

log = logging.getLogger(__name__)


def message_for(address: str) -> EmailMessage:
    with translation.override("fi"):
        link = settings.TUKIVERKKO_BASE_URL + reverse("followup:mine")
        return EmailMessage(
            subject=_("Tukiverkko: uusi tehtävä"),
            body=_("Sinulla on uusi tehtävä Tukiverkossa.\n\nTehtäväsi: %(link)s\n")
            % {"link": link},
            to=[address],
        )


def notify(owner_ids: Iterable[int]) -> int:
    """Send the notice to each active owner with an address; the number sent. A mail server
    that fails is logged, and the run goes on: the tasks are there whether or not mail went."""
    ids = sorted(set(owner_ids))
    if not ids:
        return 0
    addresses = (
        User.objects.filter(pk__in=ids, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    messages = [message_for(a) for a in addresses]
    if not messages:
        return 0
    try:
        with get_connection() as connection:
            return int(connection.send_messages(messages) or 0)
    except Exception:
        log.exception("followup: the task notices were not sent")
        return 0
