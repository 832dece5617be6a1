"""The purposes a read of client data is logged with (never blank: audit.actions refuses a read
without one). The client page reads for the purpose the professional chooses — one of the
consent purposes (consent.models.Purpose: information exchange, network meeting, planning
without the client, feedback to the referrer); every other read for one of these, by its route.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessPurpose(models.TextChoices):
    CLIENT_WORK = "client_work", _("asiakastyö")  # lists, forms, the hand-over inbox, changes
    CLIENT_LOOKUP = "client_lookup", _("asiakkaan vastaanotto")  # a henkilötunnus typed in
    JUSTIFIED_ACCESS = "justified_access", _("perusteltu pääsy")
    # The data-protection officer's reads of the logs (the value is the one logged since the
    # audit branch: kept).
    DATA_PROTECTION = "tietosuojavalvonta", _("tietosuojavalvonta")
    # A refusal that named no purpose of its own (an API call without login, a CSRF failure).
    REFUSED_REQUEST = "refused_request", _("torjuttu pyyntö")
    # The client reading their own data in the portal (tukiverkko.access.own).
    OWN_DATA = "own_data", _("omat tiedot")
    # An organisation's own system reading through an integration token (access.system): each
    # read is a disclosure to that system, logged with this purpose.
    SYSTEM_INTEGRATION = "system_integration", _("järjestelmäintegraatio")
