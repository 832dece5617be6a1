"""May a case come on a team's agenda? The client's consent (or a legal basis) must let the case's
register disclose every category to be discussed, for the purpose, to every organisation and
register of the team's current members (seed 003: "Kirjaaminen ja suostumus asiakkaalta";
Kela's Y100 or the county's own form). A member of the case's own organisation and register
needs none. The decision is consent.policy's; this module only asks it for each member.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.roles import register_of
from tukiverkko.cases.models import Case
from tukiverkko.consent.models import InfoCategory
from tukiverkko.consent.policy import Reader, Source, may_read
from tukiverkko.consent.querysets import disclosure_facts
from tukiverkko.teams.models import Team


@dataclass(frozen=True)
class Admission:
    refusals: tuple[str, ...]  # empty: admitted
    consent_id: int | None  # a consent that admitted it (None: no other register in the team)


def admission(case: Case, team: Team, *, categories: Sequence[str], purpose: str) -> Admission:
    facts = disclosure_facts(case.client_id)
    source = Source(case.organisation_id, case.register)
    today = timezone.localdate()
    refusals: list[str] = []
    consent_id: int | None = None
    seen: set[tuple[int, int | None, str | None]] = set()
    members = team.members.current().select_related("organisation", "user")
    for member in members:
        user = member.user
        reader = Reader(
            member.organisation_id,
            user.unit_id if user is not None else None,
            register_of(user) if user is not None else None,
        )
        key = (member.organisation_id, reader.unit_id, reader.register)
        if key in seen:
            continue
        seen.add(key)
        missing = []
        for category in categories:
            decision = may_read(
                facts,
                reader=reader,
                source=source,
                category=category,
                purpose=purpose,
                today=today,
            )
            if not decision.allowed:
                missing.append(str(InfoCategory(category).label))
            elif decision.consent is not None and consent_id is None:
                consent_id = decision.consent.id
        if missing:
            refusals.append(
                _(
                    "Asiakkaan suostumus ei kata tiimin jäsenen organisaatiota %(org)s "
                    "(tietoryhmät: %(categories)s) tähän käyttötarkoitukseen. Kirjaa ensin "
                    "suostumus, jossa tiimin organisaatiot ovat vastaanottajina."
                )
                % {"org": member.organisation.name_fi, "categories": ", ".join(missing)}
            )
    return Admission(tuple(refusals), consent_id)
