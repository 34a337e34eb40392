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
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from assessments.models import (
    DEFAULT_ANONYMITY_THRESHOLD,
    Cohort,
    Partner,
    Partnership,
    RespondentRole,
    Response,
    ResponseStatus,
    Round,
    RoundFramework,
    RoundStatus,
    hash_token,
)
from assessments.services.results import rebuild_results
from frameworks.models import Framework

ROUNDS = 3
PREFIX = "Export benchmark"
ROLES = (RespondentRole.CLINICAL, RespondentRole.LEADERSHIP)


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
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        self.stdout.write(
            f"Seeded {partnerships:,} partnerships × {ROUNDS} rounds × {len(frameworks)} "
            f"frameworks, {partners} partners × {respondents} responses each: {answers:,} "
            f"answers in {seeded:.0f} s (VACUUM ANALYZE {time.perf_counter() - start - seeded:.0f}"
            f" s). Facilitators: {', '.join(facilitator_name(s) for s in sizes)}."
        )

    def _seed(self, frameworks, total, sizes, partner_count, respondents) -> int:
        partnerships = Partnership.objects.bulk_create(
            Partnership(name=f"{PREFIX} {n:05d}", kind="pcn", region=f"ICB {n % 42}")
            for n in range(total)
        )
        for size in sizes:
            user = get_user_model().objects.create(username=facilitator_name(size))
            cohort = Cohort.objects.create(name=f"{PREFIX} first {size}")
            cohort.facilitators.add(user)
            cohort.partnerships.add(*partnerships[:size])
        partners = Partner.objects.bulk_create(
            Partner(partnership=p, name=f"Practice {k}", organisation_type="gp_practice")
            for p in partnerships
            for k in range(partner_count)
        )
        today = timezone.localdate()
        rounds = Round.objects.bulk_create(
            Round(
                partnership=p,
                title=f"Round {r + 1}",
                opens_on=today - timedelta(days=400 * (ROUNDS - r) + 30),
                closes_on=today - timedelta(days=400 * (ROUNDS - r)),
                status=RoundStatus.CLOSED,
                closed_at=timezone.now() - timedelta(days=400 * (ROUNDS - r)),
                invitation_token=f"export-benchmark-{n}-{r}",
            )
            for n, p in enumerate(partnerships)
            for r in range(ROUNDS)
        )
        RoundFramework.objects.bulk_create(
            (
                RoundFramework(round=r, framework=f, position=k + 1)
                for r in rounds
                for k, f in enumerate(frameworks)
            ),
            batch_size=5000,
        )
        now = timezone.now()
        for first in range(0, len(rounds), 300):  # in batches, so memory stays modest
            Response.objects.bulk_create(
                (
                    Response(
                        round=r,
                        framework=f,
                        partner=partners[(n // ROUNDS) * partner_count + k],
                        respondent_role=ROLES[k % len(ROLES)],
                        resume_token_hash=hash_token(f"export-benchmark-{r.pk}-{f.pk}-{k}-{j}"),
                        status=ResponseStatus.SUBMITTED,
                        submitted_at=now,
                    )
                    for n, r in enumerate(rounds[first : first + 300], start=first)
                    for f in frameworks
                    for k in range(partner_count)
                    for j in range(respondents)
                ),
                batch_size=5000,
            )
        # Every rated item answered, values spread over each framework's scale: one statement.
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO assessments_answer (response_id, item_id, value, text, comment,
                                                updated_at)
                SELECT r.id, i.id,
                       f.scale_min
                         + (r.id * 7 + i.id * 3 + r.partner_id) %% (f.scale_max - f.scale_min + 1),
                       '', '', %s
                FROM assessments_response r
                JOIN frameworks_framework f ON f.id = r.framework_id
                JOIN frameworks_dimension d ON d.framework_id = f.id
                JOIN frameworks_item i ON i.dimension_id = d.id AND i.response_type = 'scale'
                JOIN assessments_round o ON o.id = r.round_id
                JOIN assessments_partnership p ON p.id = o.partnership_id
                WHERE p.name LIKE %s
                """,
                [now, f"{PREFIX} %"],
            )
            return cursor.rowcount
