"""What happens in the portal: a professional hands out a one-time login code; the client logs
in with it, updates their own tasks, fills in a self-assessment, revokes a consent, gives
feedback. Each validates first and changes in one transaction with its typed audit event; the
other apps' changes go through those apps' actions.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tukiverkko.accounts.actors import ClientActor, Professional
from tukiverkko.audit.events import EventType, record_event
from tukiverkko.cases.models import Case
from tukiverkko.clients import crypto
from tukiverkko.clients.models import Client
from tukiverkko.clients.models.client import normalise_henkilotunnus
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.due import revocation_due
from tukiverkko.consent.models import Consent, RequestChannel, SignatureMethod
from tukiverkko.core import limits
from tukiverkko.followup.jobs import open_now
from tukiverkko.portal import codes
from tukiverkko.portal.models import Feedback, FeedbackOn, LoginCode
from tukiverkko.teams.models import Meeting

REVOCATION_SOURCE = "tukiverkko.consent.due.revocation_untold"


@transaction.atomic
def issue_login_code(*, client: Client, by: Professional) -> tuple[LoginCode, str]:
    """A new one-time code for ``client``: the row, and the code in clear — shown once to the
    professional, who hands it to the client (the view has authorised the client)."""
    code, now = codes.new_code(), timezone.now()
    row = LoginCode.objects.create(
        client=client,
        digest=codes.digest(code),
        created_by=by,
        created_at=now,
        expires_at=now + codes.VALID_FOR,
    )
    record_event(by, client.pk, EventType.PORTAL_CODE, row.pk)
    return row, code


class CodeRefused(ValidationError):
    """The code is wrong, used or expired: one message for all three (no oracle)."""

    def __init__(self) -> None:
        super().__init__(
            {
                "code": [
                    _(
                        "Koodi ei kelpaa. Tarkista kirjoitusasu. Koodi toimii vain kerran ja "
                        "15 minuuttia – pyydä tarvittaessa uusi työntekijältäsi."
                    )
                ]
            },
            code="code_refused",
        )


@transaction.atomic
def log_in_with_code(*, typed: str, assisted_by: Professional | None = None) -> ClientActor:
    """Use a code once: the client it was made for, as an actor (assisted when the client logs
    in on a professional's screen)."""
    if not codes.normalise(typed) or len(typed) > 40:
        raise CodeRefused()
    row = (
        LoginCode.objects.select_for_update()
        .filter(digest=codes.digest(typed), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if row is None:
        raise CodeRefused()
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
    actor = ClientActor(client_id=row.client_id, assisted_by=assisted_by)
    record_event(actor, row.client_id, EventType.PORTAL_LOGIN, row.pk)
    return actor


@transaction.atomic
def revoke_own_consent(*, consent: Consent, by: ClientActor) -> Consent:
    """The client revokes their consent: at once (consent.actions), and the responsible worker
    gets the task of telling Kela and the recipients now, not at the next morning's run."""
    revoked = consent_actions.revoke_consent(
        consent=consent, by=by, channel=RequestChannel.ELECTRONIC
    )
    if revoked.notices.filter(done_at__isnull=True).exists():
        case = (
            Case.objects.filter(client_id=revoked.client_id)
            .exclude(phase="closed")
            .order_by("-opened_at")
            .first()
        )
        owner = case.responsible_worker_id if case and case.responsible_worker_id else None
        owner = owner or revoked.recorded_by_id
        due = revocation_due(
            revoked.pk, revoked.client_id, owner, timezone.localdate(revoked.revoked_at)
        )
        open_now(REVOCATION_SOURCE, due)
    return revoked


@transaction.atomic
def give_feedback(
    *,
    case: Case,
    by: ClientActor,
    on: str,
    rating: int | None,
    text: str,
    meeting: Meeting | None = None,
) -> Feedback:
    """The client's word on a meeting or on the whole path (asiakasosallisuus, seed 001)."""
    errors: dict[str, list[str]] = {}
    if case.client_id != by.client_id:
        raise ValidationError(_("Voit antaa palautetta vain omasta asiakkuudestasi."))
    if on not in FeedbackOn.values:
        errors["on"] = [_("Valitse, mistä annat palautetta.")]
    elif on == FeedbackOn.MEETING and (meeting is None or meeting.case_id != case.pk):
        errors["meeting"] = [_("Valitse tapaaminen, josta annat palautetta.")]
    if rating is None or not 1 <= rating <= 5:
        errors["rating"] = [_("Valitse arvio yhdestä viiteen.")]
    text = text.strip()
    errors |= limits.check_texts({"text": (text, limits.REASON)})
    if errors or rating is None:
        raise ValidationError(errors)
    row = Feedback.objects.create(
        client_id=by.client_id,
        case=case,
        meeting=meeting if on == FeedbackOn.MEETING else None,
        on=on,
        rating=rating,
        text=text,
    )
    record_event(by, by.client_id, EventType.CLIENT_FEEDBACK, row.pk)
    return row


def confirm_own_consent(
    *, consent: Consent, by: ClientActor, henkilotunnus: str = "", strong: bool = False
) -> Consent:
    """The client confirms a consent prepared with them. Two factors (Kela: "two-factor
    confirmation"): the login (Suomi.fi strong identification is both) — or the one-time code
    the worker gave, and the henkilötunnus typed again here, checked against the look-up hash
    only (never kept, never logged)."""
    if strong:
        method = SignatureMethod.STRONG_IDENTIFICATION
    else:
        typed = henkilotunnus.strip()
        try:
            code = normalise_henkilotunnus(typed) if typed else ""
        except ValidationError as exc:
            raise ValidationError({"henkilotunnus": exc.messages}) from None
        hashes = crypto.lookup_hashes(code) if code else []
        if not Client.objects.filter(pk=by.client_id, henkilotunnus_hash__in=hashes).exists():
            raise ValidationError(
                {"henkilotunnus": [_("Kirjoita oma henkilötunnuksesi vahvistukseksi.")]},
                code="second_factor",
            )
        method = SignatureMethod.TWO_FACTOR
    return consent_actions.confirm_consent(consent=consent, by=by, method=method)
