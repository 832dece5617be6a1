"""AUDIT and AUDIT-C (WHO Alcohol Use Disorders Identification Test).

AUDIT: Q1–Q8 0–4, Q9–Q10 0/2/4, total 0–40; WHO zones I 0–7, II 8–15, III 16–19, IV 20–40.
Zone raising (WHO, Babor et al. 2001, p. 22): "Provide the next highest level of intervention to
patients who score 2 or more on Questions 4, 5 and 6, or 4 on Questions 9 or 10." Applied here as:
if ANY one of q4, q5, q6 is ≥ 2, or q9 = 4, or q10 = 4, the zone is raised by exactly one step
(never more than once, never past zone IV); ``band`` is the raised zone, ``details.zone_by_total``
the zone of the total and the flag ``audit_zone_raised`` says it happened (decision 0041).

Finnish screen-positive cut-offs (Käypä hoito): AUDIT men ≥ 8, women ≥ 6; AUDIT-C men ≥ 6,
women ≥ 5. Without ``sex`` the lower (women's) cut-off is used and the flag ``sex_not_given``
says so — a screen should not miss someone because a field was empty (decision 0041).

Texts: English is the WHO original (free to use); Finnish follows the Finnish THL/Käypä hoito
version; no Swedish text here.
"""

from __future__ import annotations

from collections.abc import Mapping

from tukiverkko.screening.instruments.base import (
    Band,
    Instrument,
    InstrumentResult,
    Item,
    Option,
    band_for,
    scale,
)

SOURCE_AUDIT = (
    "Babor TF ym. AUDIT: Guidelines for Use in Primary Care, 2nd ed. WHO 2001; vyöhykkeet: "
    "https://comorbidityguidelines.org.au/appendix-u-alcohol-use-disorders-identification-test-audit/audit-scoring-clinician-use-only ; "
    "suomalaiset raja-arvot: Käypä hoito https://www.kaypahoito.fi/nak04610"
)
SOURCE_AUDIT_C = (
    "AUDIT-C (AUDIT:n kysymykset 1–3); suomalaiset raja-arvot: Käypä hoito "
    "https://www.kaypahoito.fi/nak04611"
)

SEXES = ("male", "female")

_FREQUENCY = scale(
    {"fi": "Ei koskaan", "en": "Never"},
    {"fi": "Harvemmin kuin kerran kuukaudessa", "en": "Less than monthly"},
    {"fi": "Kerran kuukaudessa", "en": "Monthly"},
    {"fi": "Kerran viikossa", "en": "Weekly"},
    {"fi": "Päivittäin tai lähes päivittäin", "en": "Daily or almost daily"},
)
_HARM = (
    Option(0, {"fi": "Ei", "en": "No"}),
    Option(
        2, {"fi": "On, mutta ei viimeisen vuoden aikana", "en": "Yes, but not in the last year"}
    ),
    Option(4, {"fi": "Kyllä, viimeisen vuoden aikana", "en": "Yes, during the last year"}),
)

ITEMS = (
    Item(
        "q1",
        {
            "fi": "Kuinka usein juot olutta, viiniä tai muita alkoholijuomia?",
            "en": "How often do you have a drink containing alcohol?",
        },
        scale(
            {"fi": "Ei koskaan", "en": "Never"},
            {"fi": "Noin kerran kuukaudessa tai harvemmin", "en": "Monthly or less"},
            {"fi": "2–4 kertaa kuukaudessa", "en": "2 to 4 times a month"},
            {"fi": "2–3 kertaa viikossa", "en": "2 to 3 times a week"},
            {"fi": "4 kertaa viikossa tai useammin", "en": "4 or more times a week"},
        ),
    ),
    Item(
        "q2",
        {
            "fi": "Kuinka monta alkoholiannosta yleensä otat niinä päivinä, jolloin käytät "
            "alkoholia?",
            "en": "How many drinks containing alcohol do you have on a typical day when you are "
            "drinking?",
        },
        scale(
            {"fi": "1–2 annosta", "en": "1 or 2"},
            {"fi": "3–4 annosta", "en": "3 or 4"},
            {"fi": "5–6 annosta", "en": "5 or 6"},
            {"fi": "7–9 annosta", "en": "7, 8 or 9"},
            {"fi": "10 annosta tai enemmän", "en": "10 or more"},
        ),
    ),
    Item(
        "q3",
        {
            "fi": "Kuinka usein juot kerralla kuusi annosta tai enemmän?",
            "en": "How often do you have six or more drinks on one occasion?",
        },
        _FREQUENCY,
    ),
    Item(
        "q4",
        {
            "fi": "Kuinka usein viimeisen vuoden aikana sinulle kävi niin, ettet pystynyt "
            "lopettamaan alkoholinkäyttöä, kun aloit juoda?",
            "en": "How often during the last year have you found that you were not able to stop "
            "drinking once you had started?",
        },
        _FREQUENCY,
    ),
    Item(
        "q5",
        {
            "fi": "Kuinka usein viimeisen vuoden aikana et ole juomisen vuoksi pystynyt "
            "tekemään jotain, mitä tavallisesti odotetaan sinun tekevän?",
            "en": "How often during the last year have you failed to do what was normally "
            "expected from you because of drinking?",
        },
        _FREQUENCY,
    ),
    Item(
        "q6",
        {
            "fi": "Kuinka usein viimeisen vuoden aikana olet runsaan juomisen jälkeen "
            "tarvinnut aamulla alkoholia päästäksesi liikkeelle?",
            "en": "How often during the last year have you needed a first drink in the morning "
            "to get yourself going after a heavy drinking session?",
        },
        _FREQUENCY,
    ),
    Item(
        "q7",
        {
            "fi": "Kuinka usein viimeisen vuoden aikana olet tuntenut syyllisyyttä tai katumusta "
            "juomisen jälkeen?",
            "en": "How often during the last year have you had a feeling of guilt or remorse "
            "after drinking?",
        },
        _FREQUENCY,
    ),
    Item(
        "q8",
        {
            "fi": "Kuinka usein viimeisen vuoden aikana et ole juomisen vuoksi muistanut "
            "edellisen illan tapahtumia?",
            "en": "How often during the last year have you been unable to remember what happened "
            "the night before because you had been drinking?",
        },
        _FREQUENCY,
    ),
    Item(
        "q9",
        {
            "fi": "Oletko itse tai onko joku muu loukkaantunut juomisesi seurauksena?",
            "en": "Have you or someone else been injured as a result of your drinking?",
        },
        _HARM,
    ),
    Item(
        "q10",
        {
            "fi": "Onko sukulaisesi, ystäväsi, lääkäri tai muu terveydenhuollon ammattilainen "
            "ollut huolissaan juomisestasi tai ehdottanut, että vähentäisit juomista?",
            "en": "Has a relative or friend or a doctor or another health worker been concerned "
            "about your drinking or suggested you cut down?",
        },
        _HARM,
    ),
)

ZONES = (
    Band("zone_1", 0, 7, "Vyöhyke I: vähäinen riski", "Vyöhyke I (0–7): alkoholivalistus."),
    Band(
        "zone_2",
        8,
        15,
        "Vyöhyke II: riskikäyttö",
        "Vyöhyke II (8–15): lyhyt neuvonta ja tietoa alkoholin riskeistä.",
    ),
    Band(
        "zone_3",
        16,
        19,
        "Vyöhyke III: haitallinen käyttö",
        "Vyöhyke III (16–19): neuvonta, lyhytinterventio ja seuranta.",
    ),
    Band(
        "zone_4",
        20,
        40,
        "Vyöhyke IV: mahdollinen riippuvuus",
        "Vyöhyke IV (20–40): ohjaa erityistason arvioon ja hoitoon.",
    ),
)

#: Finnish screen-positive cut-offs (total at or above), by sex.
AUDIT_CUTOFF = {"male": 8, "female": 6}
AUDIT_C_CUTOFF = {"male": 6, "female": 5}


def zone_raised(values: Mapping[str, int]) -> bool:
    """WHO rule: any of Q4–Q6 ≥ 2, or Q9 = 4, or Q10 = 4 → one zone higher."""
    return any(values[q] >= 2 for q in ("q4", "q5", "q6")) or 4 in (values["q9"], values["q10"])


def _cutoff(table: Mapping[str, int], extras: Mapping[str, str]) -> tuple[int, list[str]]:
    sex = extras.get("sex")
    if sex is None:
        return min(table.values()), ["sex_not_given"]
    return table[sex], []


def _cutoff_text(cutoff: int, flags: list[str], extras: Mapping[str, str]) -> str:
    if "sex_not_given" in flags:
        return f"Sukupuolta ei annettu: käytetty alempaa raja-arvoa {cutoff} (naiset)."
    who = "miehet" if extras["sex"] == "male" else "naiset"
    return f"Raja-arvo {cutoff} ({who})."


def _score_audit(values: Mapping[str, int], extras: Mapping[str, str]) -> InstrumentResult:
    total = sum(values.values())
    by_total = band_for(ZONES, total)
    zone = by_total
    cutoff, flags = _cutoff(AUDIT_CUTOFF, extras)
    notes = [by_total.interpretation]
    if zone_raised(values):
        index = ZONES.index(by_total)
        zone = ZONES[min(index + 1, len(ZONES) - 1)]
        flags.append("audit_zone_raised")
        notes.append(
            f"Riippuvuus- tai haittakysymysten (4–6 ≥ 2 tai 9/10 = 4) vuoksi toimenpidetaso "
            f"nostetaan: {zone.label}."
        )
    if total >= cutoff:
        flags.append("screen_positive")
        notes.append(f"Seulontapositiivinen (≥ {cutoff}).")
    else:
        notes.append(f"Alle seulontarajan (< {cutoff}).")
    notes.append(_cutoff_text(cutoff, flags, extras))
    return InstrumentResult(
        instrument="audit",
        score=total,
        max_score=40,
        band=zone.slug,
        band_label=zone.label,
        interpretation=" ".join(notes),
        source=SOURCE_AUDIT,
        flags=tuple(flags),
        details={"zone_by_total": by_total.slug},
    )


AUDIT = Instrument(
    id="audit",
    name="AUDIT (alkoholinkäyttö)",
    description="Kymmenen kysymyksen alkoholinkäytön riskien tunnistamistesti, 0–40 pistettä.",
    instructions={
        "fi": "Yksi annos on esimerkiksi pullo (33 cl) keskiolutta tai siideriä, lasi (12 cl) "
        "mietoa viiniä tai ravintola-annos (4 cl) väkeviä.",
    },
    items=ITEMS,
    bands=ZONES,
    min_score=0,
    max_score=40,
    source=SOURCE_AUDIT,
    scorer=_score_audit,
    extras={"sex": SEXES},
    item_languages=("fi", "en"),
)

AUDIT_C_BANDS = (
    Band(
        "below_cutoff",
        0,
        5,
        "Alle raja-arvon",
        "Alle suomalaisen raja-arvon.",
        range_text="miehet 0–5, naiset 0–4",
    ),
    Band(
        "at_or_above_cutoff",
        6,
        12,
        "Raja-arvo ylittyy",
        "Raja-arvo ylittyy: riskikäytön mahdollisuus, tee koko AUDIT ja keskustele "
        "alkoholinkäytöstä (mini-interventio).",
        range_text="miehet 6–12, naiset 5–12",
    ),
)


def _score_audit_c(values: Mapping[str, int], extras: Mapping[str, str]) -> InstrumentResult:
    total = sum(values.values())
    cutoff, flags = _cutoff(AUDIT_C_CUTOFF, extras)
    band = AUDIT_C_BANDS[1] if total >= cutoff else AUDIT_C_BANDS[0]
    if total >= cutoff:
        flags.append("screen_positive")
    return InstrumentResult(
        instrument="audit_c",
        score=total,
        max_score=12,
        band=band.slug,
        band_label=band.label,
        interpretation=f"{band.interpretation} {_cutoff_text(cutoff, flags, extras)}",
        source=SOURCE_AUDIT_C,
        flags=tuple(flags),
    )


AUDIT_C = Instrument(
    id="audit_c",
    name="AUDIT-C (alkoholinkäytön lyhyt kysely)",
    description="AUDIT:n kolme ensimmäistä kysymystä, 0–12 pistettä.",
    instructions=AUDIT.instructions,
    items=ITEMS[:3],
    bands=AUDIT_C_BANDS,
    min_score=0,
    max_score=12,
    source=SOURCE_AUDIT_C,
    scorer=_score_audit_c,
    extras={"sex": SEXES},
    item_languages=("fi", "en"),
)
