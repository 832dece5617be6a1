"""The client's view of the logs about them (the portal's "kuka on katsonut tietojani"): every
read and every disclosure of their data in plain words — who (role, name, organisation), what,
when and why, justified accesses with their reasons, refused attempts and the client's own
reads (assisted ones naming the professional beside them). Part of the access shell: it reads
the justified accesses' reasons, which only this app holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tukiverkko.access.models import JustifiedAccess
from tukiverkko.accounts.models import Role, User
from tukiverkko.audit.actions import ASSISTED
from tukiverkko.audit.models import AccessLogEntry, DisclosureLogEntry
from tukiverkko.audit.purposes import AccessPurpose
from tukiverkko.consent.models import InfoCategory, Purpose
from tukiverkko.core.display import choice_labels, day

PAGE = 50


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return _("%(day)s klo %(time)s") % {
        "day": day(local.date()),
        "time": local.strftime("%H.%M"),
    }


# What a read opened, by the start of the logged ``what`` (the longest match wins).
_WHAT = {
    "client_page": gettext_lazy("avasi asiakastietosi"),
    "client": gettext_lazy("luki tietojasi"),
    "case": gettext_lazy("luki asiakkuutesi tietoja"),
    "plan": gettext_lazy("luki suunnitelmaasi"),
    "referral": gettext_lazy("luki lähetettäsi"),
    "journal": gettext_lazy("luki merkintöjäsi"),
    "consent": gettext_lazy("luki suostumustasi"),
    "health_check": gettext_lazy("luki terveystarkastuksesi tietoja"),
    "instrument": gettext_lazy("luki arviointejasi"),
    "team": gettext_lazy("käsitteli asiaasi tiimissä"),
    "agenda": gettext_lazy("käsitteli asiaasi tiimissä"),
    "meeting": gettext_lazy("luki tapaamisesi tietoja"),
    "ips": gettext_lazy("luki työhönvalmennuksesi tietoja"),
    "task": gettext_lazy("luki tehtävää, joka koskee sinua"),
    "api": gettext_lazy("luki tietojasi järjestelmän kautta"),
    "lookup": gettext_lazy("haki sinut henkilötunnuksella"),
    "henkilotunnus": gettext_lazy("katsoi henkilötunnuksesi"),
}

# Why the professional could: the grant the access log names.
_BASIS = {
    "cases.responsible_worker": gettext_lazy("hän on vastuutyöntekijäsi"),
    "cases.network_member": gettext_lazy("hän kuuluu verkostoosi"),
    "referrals.referral_handler": gettext_lazy("hän käsittelee lähetettäsi"),
    "teams.team_agenda": gettext_lazy("asiasi oli hänen tiiminsä käsittelyssä"),
    "ips.ips_coach": gettext_lazy("hän on työhönvalmentajasi"),
    "access.justified_access": gettext_lazy("perusteltu pääsy"),
    "portal.self": gettext_lazy("omat tietosi"),
}


def _what(what: str) -> str:
    head = what.split(":", 1)[0]
    for key in sorted(_WHAT, key=len, reverse=True):
        if head.startswith(key):
            return str(_WHAT[key])
    return _("luki tietojasi")


def _purpose(purpose: str) -> str:
    known = dict(AccessPurpose.choices) | dict(Purpose.choices)
    return str(known.get(purpose, purpose))


def _short_name(user: User | None, username: str) -> str:
    if user is None:
        return username
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last:
        return f"{first} {last[0]}."
    return first or last or user.username


@dataclass(frozen=True)
class LogLine:
    at: dt.datetime
    sentence: str
    allowed: bool
    assisted: bool = False


def _who(user: User | None, username: str, role: str, organisation: str) -> str:
    label = dict(Role.choices).get(role, "")
    parts = [f"{str(label).capitalize()} {_short_name(user, username)}" if label else ""]
    if not parts[0]:
        parts = [_short_name(user, username)]
    if organisation:
        parts.append(organisation)
    return ", ".join(p for p in parts if p)


def _justified_reasons(client_id: int, user_ids: set[int]) -> dict[int, list[JustifiedAccess]]:
    found: dict[int, list[JustifiedAccess]] = {}
    for row in JustifiedAccess.objects.filter(client_id=client_id, user_id__in=user_ids):
        found.setdefault(row.user_id, []).append(row)
    return found


def _reason(entry: AccessLogEntry, justified: dict[int, list[JustifiedAccess]]) -> str:
    purpose = _purpose(entry.purpose)
    if entry.basis.startswith("access.justified_access") and entry.user_id:
        for row in justified.get(entry.user_id, []):
            if row.started_at <= entry.at <= (row.ended_at or row.ends_at):
                return _("perusteltu pääsy – perustelu: %(reason)s") % {"reason": row.reason}
        return str(_BASIS["access.justified_access"])
    basis = _BASIS.get(entry.basis.split(":", 1)[0])
    return f"{purpose} ({basis})" if basis else purpose


@dataclass
class LogPage:
    lines: list[LogLine]
    older: int | None  # the id to continue from, when there is more


def access_log(client_id: int, *, before: int | None = None) -> LogPage:
    """Every read of the client's data, newest first, ``PAGE`` at a time: who (role, name,
    organisation), what, when and why — refused attempts too, and the client's own."""
    qs = AccessLogEntry.objects.filter(client_id=client_id)
    if before is not None:
        qs = qs.filter(pk__lt=before)
    entries = list(qs.order_by("-pk")[: PAGE + 1])
    more = len(entries) > PAGE
    entries = entries[:PAGE]
    user_ids = {e.user_id for e in entries if e.user_id}
    users = {u.pk: u for u in User.objects.filter(pk__in=user_ids)}
    justified = _justified_reasons(client_id, user_ids)
    lines = []
    for e in entries:
        user = users.get(e.user_id) if e.user_id else None
        when = _when(e.at)
        if e.username == f"client:{client_id}":
            assisted = e.role == ASSISTED
            if assisted:
                sentence = _("Sinä avasit omat tietosi %(when)s – avustajana %(who)s.") % {
                    "when": when,
                    "who": _who(user, "", "", e.organisation_name),
                }
            else:
                sentence = _("Sinä avasit omat tietosi %(when)s.") % {"when": when}
            lines.append(LogLine(at=e.at, sentence=sentence, allowed=e.allowed, assisted=assisted))
            continue
        who = _who(user, e.username, e.role, e.organisation_name)
        if e.allowed:
            sentence = _("%(who)s %(what)s %(when)s – syy: %(why)s.") % {
                "who": who,
                "what": _what(e.what),
                "when": when,
                "why": _reason(e, justified),
            }
        else:
            sentence = _("%(who)s yritti avata tietojasi %(when)s, mutta pääsy estettiin.") % {
                "who": who or _("Tunnistamaton käyttäjä"),
                "when": when,
            }
        lines.append(LogLine(at=e.at, sentence=sentence, allowed=e.allowed))
    return LogPage(lines=lines, older=entries[-1].pk if more and entries else None)


def _system_name(username: str) -> str:
    """An organisation's system reading with its token (``system:api:<org>:<system>:<id>``,
    access.system): named by the system's own name."""
    if not username.startswith("system:api:"):
        return ""
    system = username.removeprefix("system:api:").split(":", 1)[-1].rsplit(":", 1)[0]
    return _("järjestelmä %(name)s") % {"name": system}


def disclosure_log(client_id: int) -> list[LogLine]:
    """Every disclosure of the client's data to another organisation or an employer (the
    newest ``PAGE``): from whom, to whom, what, when and on what basis."""
    entries = list(DisclosureLogEntry.objects.filter(client_id=client_id).order_by("-pk")[:PAGE])
    users = {u.pk: u for u in User.objects.filter(pk__in={e.user_id for e in entries if e.user_id})}
    lines = []
    for e in entries:
        user = users.get(e.user_id) if e.user_id else None
        basis = (
            _("suostumuksesi")
            if e.basis.startswith("consent")
            else _("lakiin perustuva oikeus")
            if e.basis.startswith("legal_basis")
            else _("organisaation oma tietojärjestelmä")
            if e.basis.startswith("api_token")
            else e.basis
        )
        sentence = _(
            "%(who)s (%(to)s) sai tietojasi %(when)s: %(categories)s – "
            "käyttötarkoitus: %(purpose)s, peruste: %(basis)s."
        ) % {
            "who": _system_name(e.username) or _short_name(user, e.username),
            "to": e.to_organisation_name,
            "when": _when(e.at),
            "categories": ", ".join(choice_labels(e.categories, InfoCategory.choices)),
            "purpose": _purpose(e.purpose),
            "basis": basis,
        }
        lines.append(LogLine(at=e.at, sentence=sentence, allowed=True))
    return lines


def everything(client_id: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every read and every disclosure in plain words, for the client's download."""
    reads: list[dict[str, Any]] = []
    before: int | None = None
    while True:
        page = access_log(client_id, before=before)
        reads += [{"at": line.at.isoformat(), "text": line.sentence} for line in page.lines]
        if page.older is None:
            break
        before = page.older
    disclosures = [
        {"at": line.at.isoformat(), "text": line.sentence} for line in disclosure_log(client_id)
    ]
    return reads, disclosures
