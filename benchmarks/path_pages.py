"""Benchmark (issue 10): the plan page, an organisation's inbox and the referral send on the
national-size data, each beside trivial pages of the same server in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/tukiverkko \
        .venv/bin/python benchmarks/path_pages.py [--clients 300000] [--entries 600000]

1. Generates (once; a fresh database regenerates) ``--clients`` clients with their cases and
   ``--entries`` journal + audit rows by ``client_page.generate``; then, by INSERT … SELECT over
   generate_series, for a fifth of the cases (chosen by a hash of the case id, not correlated
   with the organisation): a plan with two goals, two actions (the client's own task and one of
   the organisation's, linked to a catalogue service type) and 2–3 immutable versions whose
   JSON snapshot has the shape of ``plans.snapshot``; and 1–2 referrals each to the catalogue
   service of another benchmark organisation, in every status of the state machine, with their
   transition log. Every content row carries its source organisation, register and category.
   The benchmark user ``bench-0`` is the responsible worker of its organisation's cases (the
   plan page's grant), the receiving professional of its organisation's inbox and the handler
   of the referrals it accepted (the referrals app's grant).
2. Creates ``--sends`` drafts in-process through the actions (a consent first, so that sending
   passes the consent check), for cases of ``bench-0``.
3. Serves with gunicorn (benchmarks/gunicorn_server.py, the product's configuration) and times,
   logged in as ``bench-0``: the floors (a 404 and the home page ``/``), the plan page of random
   plan-holding cases, the inbox's first page, and the POST of each draft's send step.

The generated audit rows carry placeholder hashes (see client_page.py). Never point this at a
database you care about.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from client_page import N_ORGS, PASSWORD, generate, setup_django
from gunicorn_server import Server, machine, summary

SERVICE_TYPE = "bench-tyokykypalvelu"
# The main path of a referral's life; a referral at level L went through its first L statuses.
# Level 8 is the declined one: draft → sent → received → declined.
PATH = ["draft", "sent", "received", "accepted", "in_progress", "completed", "closed"]


def _array(values: list[int]) -> str:
    return "ARRAY[" + ",".join(str(v) for v in values) + "]::bigint[]"


def generate_path(n_orgs: int = N_ORGS) -> None:
    """Plans, versions, goals, actions, referrals and transitions for a fifth of the cases."""
    from django.db import connection, transaction

    from tukiverkko.accounts.models import Organisation, User
    from tukiverkko.catalogue.models import Service, ServiceType

    orgs = list(Organisation.objects.filter(slug__startswith="bench-").order_by("pk"))[:n_orgs]
    workers = [User.objects.get(username=f"bench-{i}") for i in range(len(orgs))]
    stype, _ = ServiceType.objects.get_or_create(
        slug=SERVICE_TYPE,
        defaults={"name_fi": "Työkyvyn tuen palvelu", "description_fi": "Benchmark."},
    )
    services = [
        Service.objects.get_or_create(
            slug=f"{org.slug}-tyokyky",
            defaults={
                "organisation": org,
                "service_type": stype,
                "region": org.region,
                "name_fi": f"{org.name_fi}: työkyvyn tuki",
                "what_fi": "Työkyvyn tuen palvelu.",
                "network_group": "health",
            },
        )[0]
        for org in orgs
    ]
    org_ids, worker_ids = _array([o.pk for o in orgs]), _array([u.pk for u in workers])
    service_ids = _array([s.pk for s in services])
    n = len(orgs)
    path = "ARRAY[" + ",".join(f"'{s}'" for s in PATH) + "]"
    # The receiving organisation's position: another organisation than the case's own.
    to_index = f"1 + (array_position({org_ids}, c.organisation_id) + r.k * 7) % {n}"
    steps = [
        (
            "the planned fifth (temporary)",
            """CREATE TEMP TABLE bench_planned AS
               SELECT id, organisation_id, responsible_worker_id, opened_at,
               abs(hashtext('v' || id::text)) AS h FROM cases_case
               WHERE abs(hashtext(id::text)) % 5 = 0""",
        ),
        (
            "plans",
            """INSERT INTO plans_plan (source_register, source_category, client_goal, mode,
                mediated_consent_channel, companion_name, next_review_on, agreed_at, created_at,
                version, agreed_by_id, case_id, companion_user_id, source_organisation_id)
                SELECT 'other', 'social',
                'Haluan palata työelämään osa-aikaisesti ja jaksaa arjessa paremmin (' || c.id || ').',
                'division_of_work', '', CASE WHEN c.h % 4 = 0 THEN 'Rinnallakulkija ' || c.h % 97
                ELSE '' END, current_date + (c.h % 180), CASE WHEN c.h % 2 = 0
                THEN now() - interval '10 days' END, now() - interval '90 days', 2 + c.h % 2,
                CASE WHEN c.h % 2 = 0 THEN c.responsible_worker_id END, c.id, NULL,
                c.organisation_id
                FROM bench_planned c""",
        ),
        (
            "goals (2 a plan)",
            """INSERT INTO plans_goal (source_register, source_category, text, indicator,
                target_on, status, visible_to_client, position, source_organisation_id, plan_id)
                SELECT 'other', 'social',
                CASE g WHEN 0 THEN 'Osallistun kuntouttavaan työtoimintaan kolmena päivänä viikossa.'
                ELSE 'Unirytmi tasaantuu: herään arkisin kello seitsemän.' END,
                CASE g WHEN 0 THEN 'Läsnäolot työtoiminnan kirjanpidossa.'
                ELSE 'Asiakkaan oma unipäiväkirja.' END,
                current_date + 90 + g * 30 + (p.id % 60)::int,
                CASE WHEN (p.id + g) % 7 = 0 THEN 'achieved' ELSE 'in_progress' END,
                g = 0, g, p.source_organisation_id, p.id
                FROM plans_plan p, generate_series(0, 1) g""",
        ),
        (
            "actions (2 a plan)",
            f"""INSERT INTO plans_planaction (source_register, source_category, text, responsible,
                starts_on, ends_on, status, visible_to_client, position,
                responsible_organisation_id, responsible_user_id, service_id, service_type_id,
                source_organisation_id, plan_id)
                SELECT 'other', 'social',
                CASE a WHEN 0 THEN 'Asiakas hakee itse tietoa opiskelumahdollisuuksista.'
                ELSE 'Työkyvyn tuen palvelun arvio ja ohjaus.' END,
                CASE a WHEN 0 THEN 'client' ELSE 'organisation' END,
                current_date - 30 + a * 14, current_date + 120 + a * 30,
                CASE WHEN a = 0 THEN 'in_progress' ELSE 'planned' END, true, a,
                CASE a WHEN 1 THEN p.source_organisation_id END, NULL, NULL,
                CASE a WHEN 1 THEN {stype.pk} END, p.source_organisation_id, p.id
                FROM plans_plan p, generate_series(0, 1) a""",  # noqa: S608 — integers and constants only
        ),
        (
            "versions (2–3 a plan)",
            """INSERT INTO plans_planversion (number, created_at, change, snapshot, author_id,
                plan_id)
                SELECT v, p.created_at + (v - 1) * interval '30 days',
                CASE WHEN v = 1 THEN 'create' WHEN v = p.version AND p.agreed_at IS NOT NULL
                THEN 'agree' ELSE 'save' END,
                jsonb_build_object(
                  'plan', jsonb_build_object(
                    'client_goal', CASE WHEN v = 1 THEN '' ELSE p.client_goal END,
                    'mode', p.mode, 'mediated_consent_on', NULL,
                    'mediated_consent_channel', '', 'companion', p.companion_name,
                    'companion_user_id', NULL, 'next_review_on', p.next_review_on::text,
                    'agreed_at', CASE WHEN v = p.version THEN p.agreed_at::text END,
                    'agreed_by', CASE WHEN v = p.version AND p.agreed_at IS NOT NULL
                      THEN u.username ELSE '' END,
                    'source', jsonb_build_array(p.source_organisation_id, p.source_register,
                      p.source_category)),
                  'goals', CASE WHEN v = 1 THEN jsonb_build_array(g.goals -> 0) ELSE g.goals END,
                  'actions', CASE WHEN v = 1 THEN jsonb_build_array(a.actions -> 0)
                    ELSE a.actions END,
                  'external_plans', '[]'::jsonb),
                c.responsible_worker_id, p.id
                FROM plans_plan p
                JOIN cases_case c ON c.id = p.case_id
                JOIN accounts_user u ON u.id = c.responsible_worker_id
                JOIN (SELECT plan_id, jsonb_agg(jsonb_build_object('id', id, 'text', text,
                        'indicator', indicator, 'target_on', target_on::text, 'status', status,
                        'visible_to_client', visible_to_client, 'source',
                        jsonb_build_array(source_organisation_id, source_register,
                        source_category), 'reviews', '[]'::jsonb) ORDER BY position) AS goals
                      FROM plans_goal GROUP BY plan_id) g ON g.plan_id = p.id
                JOIN (SELECT plan_id, jsonb_agg(jsonb_build_object('id', id, 'text', text,
                        'service', '', 'service_type_id', service_type_id, 'service_id', NULL,
                        'responsible', responsible, 'responsible_who', '',
                        'responsible_user_id', NULL,
                        'responsible_organisation_id', responsible_organisation_id,
                        'starts_on', starts_on::text, 'ends_on', ends_on::text,
                        'status', status, 'visible_to_client', visible_to_client, 'source',
                        jsonb_build_array(source_organisation_id, source_register,
                        source_category)) ORDER BY position) AS actions
                      FROM plans_planaction GROUP BY plan_id) a ON a.plan_id = p.id
                CROSS JOIN LATERAL generate_series(1, p.version) v""",
        ),
        (
            "referrals (1–2 a planned case)",
            f"""INSERT INTO referrals_referral (source_register, source_category, kind, situation,
                question, urgency, attachments, categories, purpose, status, created_at, sent_at,
                received_at, answered_at, completed_at, closed_at, due_on, feedback,
                recommendations, feedback_register, feedback_category, version,
                better_organisation_id, better_service_id, case_id, feedback_organisation_id,
                handler_id, sender_id, service_id, source_organisation_id, to_organisation_id,
                to_professional_id, to_unit_id)
                SELECT 'other', 'social', 'referral',
                'Asiakkaan sairauspäiväraha päättyy; työkyky on alentunut ja tuen tarve laaja.',
                'Mitä työkyvyn tukea asiakkaalle voidaan tarjota, ja millä aikataululla?',
                CASE WHEN c.h % 9 = 0 THEN 'urgent' ELSE 'routine' END, '',
                '["employment", "social"]'::jsonb, 'information_exchange',
                CASE WHEN x.level = 8 THEN 'declined' ELSE ({path})[x.level] END,
                x.t0, CASE WHEN x.level >= 2 THEN x.t0 + interval '1 day' END,
                CASE WHEN x.level >= 3 THEN x.t0 + interval '3 days' END,
                CASE WHEN x.level >= 4 THEN x.t0 + interval '5 days' END,
                CASE WHEN x.level BETWEEN 6 AND 7 THEN x.t0 + interval '40 days' END,
                CASE WHEN x.level = 7 THEN x.t0 + interval '45 days' END,
                CASE WHEN x.level >= 2 THEN (x.t0 + interval '1 day')::date + 21 END,
                CASE WHEN x.level BETWEEN 6 AND 7 THEN 'Arvio tehty; suositellaan jatkoa.'
                ELSE '' END, '',
                CASE WHEN x.level BETWEEN 6 AND 7 THEN 'other' ELSE '' END,
                CASE WHEN x.level BETWEEN 6 AND 7 THEN 'social' ELSE '' END,
                CASE WHEN x.level = 8 THEN 4 ELSE x.level END, NULL, NULL, c.id,
                CASE WHEN x.level BETWEEN 6 AND 7 THEN x.to_org END,
                CASE WHEN x.level BETWEEN 4 AND 7 THEN x.to_worker END,
                c.responsible_worker_id, x.service, c.organisation_id, x.to_org, NULL, NULL
                FROM bench_planned c
                CROSS JOIN LATERAL generate_series(0, c.h % 2) r(k)
                CROSS JOIN LATERAL (SELECT
                  ({org_ids})[{to_index}] AS to_org,
                  ({worker_ids})[{to_index}] AS to_worker,
                  ({service_ids})[{to_index}] AS service,
                  1 + abs(hashtext(c.id::text || ':' || r.k)) % 8 AS level,
                  now() - (abs(hashtext(c.id::text || '/' || r.k)) % 300) * interval '1 day'
                    - interval '50 days' AS t0) x""",  # noqa: S608 — integers and constants only
        ),
        (
            "referral transitions",
            f"""INSERT INTO referrals_referraltransition (source_register, source_category,
                from_status, to_status, at, text, by_id, referral_id, source_organisation_id)
                SELECT 'other', 'social',
                CASE WHEN k = 1 THEN '' ELSE ({path})[k - 1] END,
                CASE WHEN r.status = 'declined' AND k = 4 THEN 'declined' ELSE ({path})[k] END,
                r.created_at + (k - 1) * interval '1 day',
                CASE WHEN r.status = 'declined' AND k = 4
                  THEN 'Ei kuulu palvelun kohderyhmään.' ELSE '' END,
                CASE WHEN k IN (1, 2, 7) THEN r.sender_id
                  ELSE ({worker_ids})[array_position({org_ids}, r.to_organisation_id)] END,
                r.id,
                CASE WHEN k IN (1, 2, 7) THEN r.source_organisation_id
                  ELSE r.to_organisation_id END
                FROM referrals_referral r
                CROSS JOIN LATERAL generate_series(1, CASE WHEN r.status = 'declined' THEN 4
                  ELSE array_position({path}, r.status::text) END) k
                WHERE r.service_id = ANY({service_ids})""",  # noqa: S608 — integers and constants only
        ),
    ]
    total = time.perf_counter()
    for label, sql in steps:
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql)
        print(f"  generated {label:<32} {time.perf_counter() - started:7.1f} s", flush=True)
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_planned")
        cur.execute("ANALYZE")
    print(f"  plans and referrals total {time.perf_counter() - total:.1f} s", flush=True)


def make_drafts(k: int) -> list[int]:
    """``k`` drafts from cases of bench-0, each under a consent that covers the receiver, made
    through the actions (as a professional would)."""
    from django.utils import timezone

    from tukiverkko.accounts.models import User
    from tukiverkko.cases.models import Case, Phase
    from tukiverkko.catalogue.models import Service
    from tukiverkko.consent import actions as consent_actions
    from tukiverkko.consent.models import SIGNATURES, ConsentForm, Purpose
    from tukiverkko.referrals import actions

    sender = User.objects.get(username="bench-0")
    service = Service.objects.get(slug="bench-1-tyokyky")
    cases = list(
        Case.objects.filter(responsible_worker=sender)
        .exclude(phase=Phase.CLOSED)
        .select_related("client")
        .order_by("?")[:k]
    )
    drafts = []
    for case in cases:
        consent_actions.record_consent(
            client=case.client,
            by=sender,
            organisations=[service.organisation],
            categories=["employment", "social"],
            purposes=[Purpose.INFORMATION_EXCHANGE],
            form=ConsentForm.KELA_Y100,
            signature_method=sorted(SIGNATURES[ConsentForm.KELA_Y100])[0],
            evidence_reference="Y100-BENCH",
            valid_from=timezone.localdate() - dt.timedelta(days=1),
        )
        draft = actions.create_draft(
            case=case,
            by=sender,
            service=service,
            situation="Asiakkaan työkyky on alentunut; sairauspäiväraha päättyy pian.",
            question="Voiko asiakas aloittaa työkyvyn tuen palvelussa?",
            categories=["employment", "social"],
        )
        drafts.append(draft.pk)
    return drafts


def sizes() -> list[tuple[str, int]]:
    from django.db import connection

    tables = [
        ("clients", "clients_client"),
        ("cases", "cases_case"),
        ("journal entries", "cases_journalentry"),
        ("access-log entries", "audit_accesslogentry"),
        ("plans", "plans_plan"),
        ("plan versions", "plans_planversion"),
        ("goals", "plans_goal"),
        ("plan actions", "plans_planaction"),
        ("referrals", "referrals_referral"),
        ("referral transitions", "referrals_referraltransition"),
        ("consents", "consent_consent"),
    ]
    with connection.cursor() as cur:
        out = []
        for label, table in tables:
            cur.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 — constant names only
            out.append((label, cur.fetchone()[0]))
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300_000)
    parser.add_argument("--entries", type=int, default=600_000, help="journal + audit rows")
    parser.add_argument("--requests", type=int, default=300, help="GETs per page")
    parser.add_argument("--sends", type=int, default=100, help="drafts sent over HTTP")
    parser.add_argument("--port", type=int, default=8191)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from tukiverkko.accounts.models import User
    from tukiverkko.plans.models import Plan
    from tukiverkko.referrals.models import Referral

    if not User.objects.filter(username="bench-0").exists():
        print(f"Generating {args.clients} clients and {args.entries} journal + audit rows …")
        generate(args.clients, args.entries)
    if not Plan.objects.exists():
        print("Generating plans and referrals for a fifth of the cases …", flush=True)
        generate_path()
    user = User.objects.get(username="bench-0")
    plan_cases = list(
        Plan.objects.filter(case__responsible_worker=user).values_list("case_id", flat=True)
    )
    random.Random(10).shuffle(plan_cases)
    plan_cases = plan_cases[: args.requests]
    inbox_total = Referral.objects.addressed_to(user).count()
    started = time.perf_counter()
    drafts = make_drafts(args.sends)
    made = time.perf_counter() - started
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg_version = cur.fetchone()[0]
        cur.execute("SHOW fsync")
        fsync = cur.fetchone()[0]

    print(machine())
    print(f"PostgreSQL {pg_version} (fsync={fsync}), gunicorn workers={args.workers}")
    print("Data: " + ", ".join(f"{label} {count}" for label, count in sizes()))
    print(
        f"bench-0: {len(plan_cases)} plan pages sampled; inbox of its organisation holds "
        f"{inbox_total} referrals; {len(drafts)} drafts made in-process in {made:.1f} s"
    )
    with Server(port=args.port, workers=args.workers) as server:
        http = server.login("bench-0", PASSWORD)
        n = args.requests
        not_found = server.times(http, ["/ei-ole/"] * n, expect=404)
        home = server.times(http, ["/"] * n)
        plan = server.times(http, [f"/asiakkaat/asiakkuus/{c}/suunnitelma/" for c in plan_cases])
        inbox = server.times(http, ["/lahetteet/"] * n)
        # The send page's form posts the referral's version (1 for a fresh draft).
        send = server.timed_posts(
            http,
            [(f"/lahetteet/{pk}/laheta/", {"version": "1"}) for pk in drafts],
            expect=(302,),
        )
        not_found_after = server.times(http, ["/ei-ole/"] * n, expect=404)
    sent = Referral.objects.filter(pk__in=drafts, status="sent").count()
    print(f"Over HTTP (gunicorn, DEBUG off), logged in as bench-0; {sent} of the drafts sent:")
    print(summary("floor: a 404 page", not_found))
    print(summary("floor: the home page /", home))
    print(summary("plan page (…/suunnitelma/)", plan, not_found))
    print(summary("  beside the home page", plan, home))
    print(summary("inbox, first page (/lahetteet/)", inbox, not_found))
    print(summary("  beside the home page", inbox, home))
    print(summary("referral send (POST …/laheta/)", send, not_found))
    print(summary("  beside the home page", send, home))
    print(summary("floor again at the end: a 404", not_found_after))


if __name__ == "__main__":
    main()
