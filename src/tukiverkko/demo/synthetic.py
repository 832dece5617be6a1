"""Synthetic demo clients in every phase across the regions that exist (Faker, the ``demo``
extra: ``pip install -e '.[demo]'``, which ``make run`` installs)."""

from __future__ import annotations

import random

from tukiverkko.accounts.models import Region, Role, User
from tukiverkko.cases import actions
from tukiverkko.cases.models import Phase
from tukiverkko.demo.accounts import DEMO_PASSWORD
from tukiverkko.demo.hetu import random_fictitious
from tukiverkko.demo.paths import OUTCOMES, PATH, Cast, close, exists, move_along


class FakerMissing(RuntimeError):
    """The demo extra is not installed."""


def load_synthetic(cast: Cast, count: int, seed: int = 2024) -> int:
    """``count`` synthetic clients spread over every phase and every region that exists."""
    try:
        from faker import Faker
    except ImportError as exc:  # the demo extra is not installed
        raise FakerMissing(
            "synthetic demo clients need Faker: pip install -e '.[demo]' (make run does this)"
        ) from exc
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
            case = move_along(case, Phase.FOLLOW_UP, worker)
            close(case, worker, rng.choice(OUTCOMES))
        else:
            move_along(case, phase, worker)
        created += 1
    return created


def _regional_worker(cast: Cast, region: Region | None, rng: random.Random) -> User:
    """A demo professional of the region: one of load-demo's, or a coordinator made for it."""
    if region is None:
        return rng.choice(cast.intake)
    local = [u for u in cast.intake if u.organisation and u.organisation.region_id == region.pk]
    if local:
        return rng.choice(local)
    organisation = region.organisations.order_by("pk").first()
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
    cast.intake.append(user)
    return user
