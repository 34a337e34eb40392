"""Seed the national-scale portfolio that ``benchmark_exports`` streams. Run once, into a
database kept for benchmarks (never a real one): nothing is rolled back.

``--partnerships`` partnerships (named "Export benchmark 00000" …), each with ``--partners``
partner organisations, three closed rounds and every published framework (the library's
eight), ``--respondents`` responses per partner answering every rated item. Each partner's
respondents share one role, alternating clinical and leadership, so every partner × role
cell holds nobody or ``--respondents`` people: at the default threshold every partner group
and both role groups are published (the widest CSV the rules allow). One facilitator
(``export-benchmark-<n>``) supports, through a cohort, the first n partnerships for each n in
``--sizes``. Rows go in with ``bulk_create`` and one INSERT … SELECT for the answers, then
``VACUUM ANALYZE`` so the planner sees the tables as autovacuum would leave them.

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_exports manage.py migrate,
load_frameworks, then this command.
"""

import time
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from assessments.management.bench_seed import (
    create_partnerships,
    create_responses,
    create_rounds,
    insert_spread_answers,
    vacuum_analyze,
)
from assessments.models import DEFAULT_ANONYMITY_THRESHOLD, Cohort, Partnership, Round
from assessments.services.results import rebuild_results
from frameworks.models import Framework

ROUNDS = 3
PREFIX = "Export benchmark"


def facilitator_name(size: int) -> str:
    """The username of the facilitator who supports the first ``size`` partnerships."""
    return f"export-benchmark-{size}"


class Command(BaseCommand):
    help = "Seed the portfolio-CSV benchmark's partnerships (kept: use a benchmark database)."

    def add_arguments(self, parser):
        parser.add_argument("--partnerships", type=int, default=1250)
        parser.add_argument("--sizes", default="50,250,1250", help="portfolios to set up")
        parser.add_argument("--partners", type=int, default=3)
        parser.add_argument("--respondents", type=int, default=DEFAULT_ANONYMITY_THRESHOLD)

    def handle(self, *args, partnerships, sizes, partners, respondents, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Seed a PostgreSQL benchmark database (set DATABASE_URL).")
        frameworks = list(Framework.objects.latest_published().order_by("slug"))
        if not frameworks:
            raise CommandError("Load the framework library first: manage.py load_frameworks")
        if Partnership.objects.filter(name__startswith=PREFIX).exists():
            self.stdout.write("Already seeded (drop and recreate the database to seed again).")
            return
        sizes = sorted({min(int(s), partnerships) for s in sizes.split(",")})
        start = time.perf_counter()
        with transaction.atomic():
            answers = self._seed(frameworks, partnerships, sizes, partners, respondents)
        # The rounds are closed: store their results, as closing does (ADR 0031).
        rebuild_results(
            round_ids=Round.objects.filter(partnership__name__startswith=PREFIX).values_list(
                "pk", flat=True
            )
        )
        seeded = time.perf_counter() - start
        vacuum_analyze()
        self.stdout.write(
            f"Seeded {partnerships:,} partnerships × {ROUNDS} rounds × {len(frameworks)} "
            f"frameworks, {partners} partners × {respondents} responses each: {answers:,} "
            f"answers in {seeded:.0f} s (VACUUM ANALYZE {time.perf_counter() - start - seeded:.0f}"
            f" s). Facilitators: {', '.join(facilitator_name(s) for s in sizes)}."
        )

    def _seed(self, frameworks, total, sizes, partner_count, respondents) -> int:
        partnerships, partners = create_partnerships(PREFIX, total, partners=partner_count)
        for size in sizes:
            user = get_user_model().objects.create(username=facilitator_name(size))
            cohort = Cohort.objects.create(name=f"{PREFIX} first {size}")
            cohort.facilitators.add(user)
            cohort.partnerships.add(*partnerships[:size])
        by_partnership = defaultdict(list)
        for partner in partners:
            by_partnership[partner.partnership_id].append(partner)
        rounds = create_rounds(
            partnerships, frameworks, rounds=ROUNDS, token_prefix="export-benchmark"
        )
        create_responses(
            rounds,
            frameworks,
            lambda round_: by_partnership[round_.partnership_id],
            per_partner=respondents,
            token_prefix="export-benchmark",
        )
        # Every rated item answered, values spread over each framework's scale: one statement.
        return insert_spread_answers(
            round_ids_sql="SELECT o.id FROM assessments_round o JOIN assessments_partnership p "
            "ON p.id = o.partnership_id WHERE p.name LIKE %s",
            params=[f"{PREFIX} %"],
        )
