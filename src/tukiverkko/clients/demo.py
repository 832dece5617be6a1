"""Demo clients: synthetic ones in every phase across the regions, and the seeds' case stories.

Every henkilötunnus here is fictitious (individual number 900–999, valid check mark), so no demo
code can belong to a real person. Everything goes through actions.py, so the demo's audit log,
phase log and responsibility history are real.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from faker import Faker

from tukiverkko.accounts.models import Municipality, Organisation, Region, Role, User
from tukiverkko.clients import actions
from tukiverkko.clients.crypto import lookup_hash
from tukiverkko.clients.hetu_gen import fictitious, random_fictitious
from tukiverkko.clients.models import Case, Client, Phase
from tukiverkko.clients.models.client import normalise_henkilotunnus
from tukiverkko.consent import actions as consent_actions
from tukiverkko.consent.models import ConsentForm, Purpose

PATH = [
    Phase.IDENTIFICATION,
    Phase.JOINT_ASSESSMENT,
    Phase.JOINT_PLAN,
    Phase.IMPLEMENTATION,
    Phase.FOLLOW_UP,
]
OUTCOMES = ["open_labour_market", "studies", "rehabilitation", "supported_employment", "pension"]


class Cast:
    """Demo professionals by username (load-demo), with fall-backs when one is missing."""

    def __init__(self) -> None:
        self.users = {
            u.username: u for u in User.objects.exclude(role="").select_related("organisation")
        }
        from tukiverkko.clients.access import CLIENT_WORK_ROLES

        self.workers = [
            u for u in self.users.values() if u.role in CLIENT_WORK_ROLES and u.organisation_id
        ]

    def get(self, username: str) -> User:
        return self.users.get(username) or self.workers[0]


def org(slug: str, fallback: Organisation | None = None) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first() or fallback


def walk(
    case: Case,
    to: str,
    by: User,
    *,
    reasons: dict[str, str] | None = None,
    follow_up_by: User | None = None,
) -> Case:
    """Move a case along the path to phase ``to`` (closing with an outcome if ``to`` is closed)."""
    reasons = reasons or {}
    target = Phase.FOLLOW_UP if to == Phase.CLOSED else Phase(to)
    for step in PATH[PATH.index(Phase(case.phase)) + 1 : PATH.index(target) + 1]:
        if step == Phase.IMPLEMENTATION and case.follow_up_by_id is None:
            actions.mark_checklist_step(
                case=case,
                step=7,
                by=by,
                expected_version=case.version,
                follow_up_by=follow_up_by or by,
                note="Sovittu verkostossa.",
            )
            case.refresh_from_db()
        case = actions.change_phase(
            case=case, to=step, by=by, reason=reasons.get(step, ""), expected_version=case.version
        )
    return case


def close(case: Case, by: User, outcome: str, note: str = "") -> Case:
    return actions.change_phase(
        case=case,
        to=Phase.CLOSED,
        by=by,
        expected_version=case.version,
        outcome=outcome,
        closed_on=timezone.localdate(),
        outcome_note=note,
        reason=note,
    )


def exists(code: str) -> bool:
    return Client.objects.filter(
        henkilotunnus_hash=lookup_hash(normalise_henkilotunnus(code))
    ).exists()


@dataclass
class Story:
    key: str
    henkilotunnus: str
    first_name: str
    last_name: str
    municipality: str
    source: str
    responsible: str
    steps: list[tuple[str, Any]] = field(default_factory=list)


def _consent(
    client: Client,
    by: User,
    orgs: Iterable[Organisation | None],
    categories: list[str],
    purposes: list[str] | None = None,
    form: str = ConsentForm.KELA_Y100,
) -> None:
    organisations = [o for o in orgs if o is not None]
    if organisations:
        consent_actions.record_consent(
            client=client,
            by=by,
            organisations=organisations,
            categories=categories,
            purposes=purposes or [Purpose.INFORMATION_EXCHANGE, Purpose.NETWORK_MEETING],
            form=form,
            valid_from=timezone.localdate() - dt.timedelta(days=30),
            valid_until=timezone.localdate() + dt.timedelta(days=335),
        )


def _network(case: Case, by: User, cast: Cast, members: list[tuple[str, str]]) -> None:
    for username, role in members:
        user = cast.users.get(username)
        if user is not None and user.organisation is not None:
            actions.add_network_member(
                case=case, by=by, organisation=user.organisation, user=user, role=role
            )


def _journal(case: Case, cast: Cast, entries: list[tuple[str, str, str]]) -> None:
    for username, category, text in entries:
        actions.add_journal_entry(case=case, by=cast.get(username), category=category, text=text)


def _handover(case: Case, to: User, by: User, reason: str) -> Case:
    if to.pk == case.responsible_worker_id:
        return case
    req = actions.request_handover(case=case, to_worker=to, by=by, reason=reason)
    return actions.accept_handover(request=req, by=to)


def _start(cast: Cast, code: str, first: str, last: str, municipality: str, by: User) -> Case:
    m = Municipality.objects.filter(name_fi=municipality).first()
    result = actions.create_client(
        by=by,
        henkilotunnus=code,
        first_name=first,
        last_name=last,
        municipality=m,
        languages=["fi"],
        confirm_not_duplicate=True,
    )
    return result.case


def load_stories(cast: Cast) -> list[str]:
    """Maija, Matti, Moona (seed 002, Lappi ELY webinar) and Ari (seed 001, Päijät-Sote)."""
    loaded: list[str] = []
    kela = org("kela")
    te = org("paijat-hameen-tyollisyysalue")
    hva = org("paijat-hameen-hyvinvointialue")

    # Maija, opettaja [002]: masennus ja ahdistuneisuus, irtisanoutui, vuoden sairausloma,
    # työkyvyttömyyseläke hylättiin; herätään ammatilliseen kuntoutukseen → suunnitelma, toteutus.
    code = fictitious(dt.date(1979, 4, 12), 951)
    if not exists(code):
        nurse = cast.get("terveydenhoitaja")
        case = _start(cast, code, "Maija", "Opettaja", "Heinola", nurse)
        _network(
            case,
            nurse,
            cast,
            [
                ("laakari", "lääkäri"),
                ("tyollisyys", "työllisyysasiantuntija"),
                ("kela", "Kelan työkykyneuvoja"),
            ],
        )
        _consent(case.client, nurse, [kela, te, hva], ["health", "benefits", "employment"])
        _journal(
            case,
            cast,
            [
                (
                    "laakari",
                    "health",
                    "Todettu masennus ja ahdistuneisuus; työstä johtuva uupumus, esiintymis- ja sosiaalisten tilanteiden pelko. Sairausloma.",
                ),
                (
                    "kela",
                    "benefits",
                    "Sairauspäiväraha loppumassa; työkyvyttömyyseläkehakemus hylätty.",
                ),
                (
                    "tyollisyys",
                    "employment",
                    "Ei muuta koulutusta; siirtynyt sairausloman jälkeen työttömäksi. Ammatillisen kuntoutuksen / uudelleenkouluttautumisen mahdollisuudet selvitetään.",
                ),
            ],
        )
        case = walk(
            case,
            Phase.IMPLEMENTATION,
            nurse,
            follow_up_by=cast.get("koordinaattori"),
            reasons={
                Phase.JOINT_ASSESSMENT: "Työkykypistemäärä 4; suostumus tietojen vaihtoon kirjattu.",
                Phase.JOINT_PLAN: "Tavoitteena ammatillinen kuntoutus ja uusi ala.",
                Phase.IMPLEMENTATION: "Kelan ammatillisen kuntoutuksen selvitys käynnissä.",
            },
        )
        _handover(
            case, cast.get("koordinaattori"), nurse, "Polun koordinointi työkykykoordinaattorille."
        )
        loaded.append("Maija")

    # Matti, kirvesmies [002]: olkapäävamma, sairausloma, ammatillinen kuntoutusselvitys,
    # vartijakoulutus ammatillisena kuntoutuksena, työllistyi.
    code = fictitious(dt.date(1971, 9, 3), 952)
    if not exists(code):
        case = _start(cast, code, "Matti", "Kirvesmies", "Hollola", cast.get("tyollisyys"))
        _network(
            case,
            case.responsible_worker,
            cast,
            [("laakari", "terveyskeskuslääkäri"), ("fysioterapeutti", "fysioterapeutti")],
        )
        _consent(case.client, case.responsible_worker, [hva, kela], ["health", "employment"])
        _journal(
            case,
            cast,
            [
                (
                    "tyollisyys",
                    "employment",
                    "Ollut jonkin aikaa työttömänä; koulutus fyysiseen työhön (kirvesmies).",
                ),
                (
                    "laakari",
                    "health",
                    "Kaatuminen, olkapäävamma. Sairausloma. Seurannassa olkapää ei kuntoudu kirvesmiehen työhön.",
                ),
                (
                    "tyollisyys",
                    "employment",
                    "Ammatillinen kuntoutusselvitys: kirvesmiehen työ ei motivoi. Vartijakoulutus ammatillisena kuntoutuksena.",
                ),
            ],
        )
        case = walk(
            case, Phase.FOLLOW_UP, case.responsible_worker, follow_up_by=cast.get("tyollisyys")
        )
        close(
            case,
            case.responsible_worker,
            "open_labour_market",
            "Valmistui vartijaksi ja työllistyi.",
        )
        loaded.append("Matti")

    # Moona, 27 v, ei ammattia [002]: kampaajaopinnot keskeytyneet, fibromyalgia, lääkitsee
    # itseään alkoholilla; laaja terveystarkastus, sairausloma, päihdetyöntekijä, monialainen
    # neuvonpito, TYP-asiakkuus; kouluttautuu lähihoitajaksi ja työllistyy.
    code = fictitious(dt.date(1998, 2, 20), 953)
    if not exists(code):
        nurse = cast.get("terveydenhoitaja")
        case = _start(cast, code, "Moona", "Nuori", "Heinola", nurse)
        _network(
            case,
            nurse,
            cast,
            [
                ("laakari", "lääkäri"),
                ("paihdetyo", "päihdetyöntekijä"),
                ("tyollisyys", "työllisyysasiantuntija (TYP/TYM)"),
            ],
        )
        _consent(
            case.client,
            nurse,
            [te, hva],
            ["health", "social", "employment"],
            purposes=[
                Purpose.INFORMATION_EXCHANGE,
                Purpose.NETWORK_MEETING,
                Purpose.PLANNING_WITHOUT_CLIENT,
            ],
        )
        _journal(
            case,
            cast,
            [
                (
                    "terveydenhoitaja",
                    "health",
                    "Laaja-alainen terveystarkastus: paljon kipuja, lääkitsee itseään alkoholilla. Tarvitaan laaja työ- ja toimintakyvyn arvio.",
                ),
                (
                    "laakari",
                    "health",
                    "Ei työkykyinen tällä hetkellä; sairausloma. Fibromyalgialääkitys aloitettu, ohjaus päihdetyöntekijälle.",
                ),
                (
                    "tyollisyys",
                    "employment",
                    "Monialainen neuvonpito, Moona mukana. TYP-asiakkuus alkaa.",
                ),
                (
                    "tyollisyys",
                    "education",
                    "Kiinnostunut auttamaan muita: lähihoitajakoulutus (mielenterveys- ja päihdesuuntaus).",
                ),
            ],
        )
        case = walk(case, Phase.JOINT_PLAN, nurse)
        case = _handover(case, cast.get("tyollisyys"), nurse, "Painopiste työllistymiseen (TYP).")
        case = walk(
            case, Phase.FOLLOW_UP, case.responsible_worker, follow_up_by=cast.get("tyollisyys")
        )
        close(
            case,
            case.responsible_worker,
            "open_labour_market",
            "Valmistui lähihoitajaksi ja työllistyi.",
        )
        loaded.append("Moona")

    # Ari [001]: the seed only names "Työkyvyn tuen asiakkaan palvelupolku_Ari" (Hollola, Asikkala
    # and Padasjoki sote-centres); his path follows the model path of seed 001 step by step.
    code = fictitious(dt.date(1984, 11, 7), 954)
    if not exists(code):
        nurse = cast.get("terveydenhoitaja")
        case = _start(cast, code, "Ari", "Esimerkki", "Asikkala", nurse)
        _network(
            case,
            nurse,
            cast,
            [
                ("koordinaattori", "työkykykoordinaattori"),
                ("sosiaaliohjaaja", "omatyöntekijä (sosiaalihuolto)"),
                ("tyollisyys", "työllisyysasiantuntija"),
            ],
        )
        _consent(case.client, nurse, [te, kela], ["health", "social", "employment", "benefits"])
        _journal(
            case,
            cast,
            [
                (
                    "terveydenhoitaja",
                    "health",
                    "Tunnistaminen: toistuvat sairauslomat, oma arvio työkyvystä 5/10 (työkykypistemäärä ≤ 7 → selvitetään tarkemmin).",
                ),
                (
                    "terveydenhoitaja",
                    "health",
                    "Yhteinen arviointi: Kykyviisari täytetty, suostumus tietojen vaihtoon kirjattu; arvio ja tavoitteet HOI-lehdelle.",
                ),
                ("sosiaaliohjaaja", "social", "Elämäntilanne kartoitettu; omatyöntekijä nimetty."),
                (
                    "koordinaattori",
                    "employment",
                    "Yhteinen suunnitelma: työkokeilu ja työkykyselvitys; vastuutyöntekijä sote-tiimissä.",
                ),
            ],
        )
        case = walk(case, Phase.FOLLOW_UP, nurse, follow_up_by=cast.get("koordinaattori"))
        loaded.append("Ari")
    return loaded


def load_synthetic(cast: Cast, count: int, seed: int = 2024) -> int:
    """``count`` synthetic clients spread over every phase and every region that exists."""
    fake = Faker("fi_FI")
    regions = list(Region.objects.prefetch_related("municipalities", "organisations"))
    phases = [*PATH, Phase.CLOSED]
    created = 0
    for i in range(count):
        # One generator per client, so that skipping an existing one keeps the rest identical
        # (the command is idempotent). Demo data, not cryptography.
        rng = random.Random(seed * 100_003 + i)  # noqa: S311
        fake.seed_instance(seed * 100_003 + i)
        code = random_fictitious(rng)
        first, last = fake.first_name(), fake.last_name()
        region = regions[i % len(regions)] if regions else None
        phase = phases[(i // max(len(regions), 1)) % len(phases)]
        if exists(code):
            continue
        worker = _regional_worker(cast, region, rng)
        municipalities = list(region.municipalities.all()) if region else []
        m = rng.choice(municipalities) if municipalities else None
        case = actions.create_client(
            by=worker,
            henkilotunnus=code,
            first_name=first,
            last_name=last,
            municipality=m,
            phone=fake.phone_number(),
            languages=["fi"],
            confirm_not_duplicate=True,
        ).case
        actions.add_journal_entry(
            case=case,
            by=worker,
            category=rng.choice(["health", "social", "employment"]),
            text="Alkuhaastattelu: " + fake.sentence(nb_words=10),
        )
        if phase == Phase.CLOSED:
            case = walk(case, Phase.FOLLOW_UP, worker)
            close(case, worker, rng.choice(OUTCOMES))
        else:
            walk(case, phase, worker)
        created += 1
    return created


def _regional_worker(cast: Cast, region: Region | None, rng: random.Random) -> User:
    """A demo professional of the region: one of load-demo's, or a coordinator made for it."""
    if region is None:
        return rng.choice(cast.workers)
    local = [u for u in cast.workers if u.organisation and u.organisation.region_id == region.pk]
    if local:
        return rng.choice(local)
    organisation = region.organisations.order_by("pk").first()
    from tukiverkko.accounts.management.commands.load_demo import DEMO_PASSWORD

    user, made = User.objects.get_or_create(
        username=f"koordinaattori-{region.slug}",
        defaults={
            "first_name": "Koordinaattori",
            "last_name": region.name_fi,
            "organisation": organisation,
            "role": Role.WORK_ABILITY_COORDINATOR,
        },
    )
    if made:
        user.set_password(DEMO_PASSWORD)
        user.save()
    cast.workers.append(user)
    return user
