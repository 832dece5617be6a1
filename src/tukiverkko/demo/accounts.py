"""Demo accounts: one per role, in the catalogue's organisations (``tukiverkko load-demo``)."""

from __future__ import annotations

from tukiverkko.accounts.models import Organisation, Register, Role, Unit, User

DEMO_PASSWORD = "tukiverkko-demo"  # noqa: S105 — public on purpose, demo mode only

# Units of the demo organisations: (organisation slug, unit slug, fi, sv, en, register).
DEMO_UNITS = [
    (
        "paijat-hameen-hyvinvointialue",
        "tyokykypalvelut",
        "Työkykypalvelut (työkykykoordinaattori, työttömien terveyspalvelut)",
        "Arbetsförmågetjänster (samordnare, hälsotjänster för arbetslösa)",
        "Work ability services (coordinator, health services for the unemployed)",
        Register.HEALTH_CARE,
    ),
    (
        "paijat-hameen-hyvinvointialue",
        "kuntoutus",
        "Kuntoutus (fysio- ja toimintaterapia)",
        "Rehabilitering (fysio- och ergoterapi)",
        "Rehabilitation (physiotherapy and occupational therapy)",
        Register.HEALTH_CARE,
    ),
    (
        "paijat-hameen-hyvinvointialue",
        "mielenterveys-ja-paihdepalvelut",
        "Mielenterveys- ja päihdepalvelut",
        "Mentalvårds- och missbrukartjänster",
        "Mental health and substance abuse services",
        Register.HEALTH_CARE,
    ),
    (
        "paijat-hameen-hyvinvointialue",
        "tyoikaisten-sosiaalipalvelut",
        "Työikäisten sosiaalipalvelut",
        "Socialtjänster för personer i arbetsför ålder",
        "Social services for working-age people",
        Register.SOCIAL_CARE,
    ),
    (
        "varsinais-suomen-hyvinvointialue",
        "tyohonvalmennus",
        "Työhönvalmennus (vammaispalvelut)",
        "Arbetsträning (handikappservice)",
        "Job coaching (disability services)",
        Register.SOCIAL_CARE,
    ),
    (
        "varsinais-suomen-hyvinvointialue",
        "tyollistymista-edistavat-sosiaalipalvelut",
        "Työllistymistä edistävät sosiaalipalvelut",
        "Sysselsättningsfrämjande socialtjänster",
        "Social services promoting employment",
        Register.SOCIAL_CARE,
    ),
]

# The unit of each demo professional of a wellbeing county (others have none).
DEMO_USER_UNITS = {
    "koordinaattori": "tyokykypalvelut",
    "terveydenhoitaja": "tyokykypalvelut",
    "laakari": "tyokykypalvelut",
    "fysioterapeutti": "kuntoutus",
    "toimintaterapeutti": "kuntoutus",
    "psykiatrinen": "mielenterveys-ja-paihdepalvelut",
    "paihdetyo": "mielenterveys-ja-paihdepalvelut",
    "sosiaalityo": "tyoikaisten-sosiaalipalvelut",
    "sosiaaliohjaaja": "tyoikaisten-sosiaalipalvelut",
    "valmentaja": "tyohonvalmennus",
    "sosiaalityo-varha": "tyollistymista-edistavat-sosiaalipalvelut",
}

# (username, first, last, role, organisation slug)
DEMO_USERS = [
    (
        "koordinaattori",
        "Kaisa",
        "Koordinaattori",
        Role.WORK_ABILITY_COORDINATOR,
        "paijat-hameen-hyvinvointialue",
    ),
    (
        "terveydenhoitaja",
        "Tiina",
        "Terveydenhoitaja",
        Role.UNEMPLOYED_HEALTH_NURSE,
        "paijat-hameen-hyvinvointialue",
    ),
    ("laakari", "Lauri", "Lääkäri", Role.DOCTOR, "paijat-hameen-hyvinvointialue"),
    (
        "fysioterapeutti",
        "Fanni",
        "Fysioterapeutti",
        Role.PHYSIOTHERAPIST,
        "paijat-hameen-hyvinvointialue",
    ),
    (
        "toimintaterapeutti",
        "Toni",
        "Toimintaterapeutti",
        Role.OCCUPATIONAL_THERAPIST,
        "paijat-hameen-hyvinvointialue",
    ),
    (
        "psykiatrinen",
        "Pirjo",
        "Psykiatrinen",
        Role.PSYCHIATRIC_NURSE,
        "paijat-hameen-hyvinvointialue",
    ),
    (
        "paihdetyo",
        "Pekka",
        "Päihdetyöntekijä",
        Role.SUBSTANCE_ABUSE_WORKER,
        "paijat-hameen-hyvinvointialue",
    ),
    (
        "sosiaalityo",
        "Sanna",
        "Sosiaalityöntekijä",
        Role.SOCIAL_WORKER,
        "paijat-hameen-hyvinvointialue",
    ),
    (
        "sosiaaliohjaaja",
        "Sami",
        "Sosiaaliohjaaja",
        Role.SOCIAL_INSTRUCTOR,
        "paijat-hameen-hyvinvointialue",
    ),
    (
        "tyollisyys",
        "Tuomas",
        "Työllisyysasiantuntija",
        Role.EMPLOYMENT_EXPERT,
        "paijat-hameen-tyollisyysalue",
    ),
    ("valmentaja", "Veera", "Työhönvalmentaja", Role.JOB_COACH, "varsinais-suomen-hyvinvointialue"),
    # Varha's social worker who decides on IPS job coaching (issue 16's demo story).
    (
        "sosiaalityo-varha",
        "Sanna",
        "Sosiaalityöntekijä",
        Role.SOCIAL_WORKER,
        "varsinais-suomen-hyvinvointialue",
    ),
    ("kela", "Kalle", "Kela-asiantuntija", Role.KELA_EXPERT, "kela"),
    ("nuoriso", "Noora", "Nuorisotyöntekijä", Role.YOUTH_WORKER, "heinolan-kaupunki"),
    ("opo", "Olli", "Opinto-ohjaaja", Role.STUDY_COUNSELLOR, "koulutuskeskus-salpaus"),
    (
        "toimittaja",
        "Tea",
        "Palvelutietojen ylläpitäjä",
        Role.CATALOGUE_EDITOR,
        "paijat-hameen-hyvinvointialue",
    ),
    (
        "tietosuoja",
        "Tero",
        "Tietosuojavastaava",
        Role.DATA_PROTECTION,
        "paijat-hameen-hyvinvointialue",
    ),
    # The manager (esihenkilö) of the county's work ability services: the dashboards (issue 13).
    ("esihenkilo", "Eeva", "Esihenkilö", Role.MANAGER, "paijat-hameen-hyvinvointialue"),
    ("paakayttaja", "Paula", "Pääkäyttäjä", Role.ADMINISTRATOR, "paijat-hameen-hyvinvointialue"),
]


def load_accounts() -> tuple[int, int]:
    """Create the demo accounts that do not exist yet: (created, existed)."""
    fallback = Organisation.objects.order_by("pk").first()
    if fallback is None:
        raise LookupError("no organisation: load the catalogue first")
    units: dict[tuple[int, str], Unit] = {}
    for org_slug, unit_slug, fi, sv, en, register in DEMO_UNITS:
        unit_org = Organisation.objects.filter(slug=org_slug).first()
        if unit_org is None:
            continue
        units[(unit_org.pk, unit_slug)], _ = Unit.objects.get_or_create(
            organisation=unit_org,
            slug=unit_slug,
            defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "register": register},
        )
    created = 0
    for username, first, last, role, org_slug in DEMO_USERS:
        org = Organisation.objects.filter(slug=org_slug).first() or fallback
        unit = units.get((org.pk, DEMO_USER_UNITS.get(username, "")))
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "organisation": org,
                "unit": unit,
                # a work address the client's own view shows (".invalid": reserved, never mail)
                "email": f"{username}@demo.tukiverkko.invalid",
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role in {Role.ADMINISTRATOR, Role.CATALOGUE_EDITOR}
            user.is_superuser = role == Role.ADMINISTRATOR
            user.save()
            created += 1
    return created, len(DEMO_USERS) - created
