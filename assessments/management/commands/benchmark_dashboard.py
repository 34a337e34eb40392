"""Time the facilitator dashboard for growing portfolios; prints figures.

Each partnership has one closed round whose results are stored as closing stores them (ADR
0031). On PostgreSQL the tables are analysed before timing, so the planner has statistics;
each size is timed ``--repeat`` times (median and 95th percentile). Everything it creates is
rolled back. Needs the framework library loaded.
"""

import statistics
import time
import tracemalloc
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import (
    Answer,
    Cohort,
    Partner,
    Partnership,
    Response,
    ResponseStatus,
    Round,
    RoundFramework,
    RoundStatus,
    hash_token,
)
from assessments.reports.dashboard import build_portfolio, dashboard_rows
from assessments.selectors.dashboard import ordered
from assessments.services.results import rebuild_results
from frameworks.models import Framework, Item


class Rollback(Exception):
    pass


def first_page(facilitator):
    """What the dashboard page computes (ADR 0035): the totals and choices, and its first
    page of 25 rows sorted by score in SQL."""
    data = build_portfolio(facilitator)
    page = ordered(data.rows, "score", descending=True)[:25]
    return data, dashboard_rows(page, data)


class Command(BaseCommand):
    help = "Build the dashboard for 50, 250 and 1,250 partnerships; print time, queries, memory."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="50,250,1250")
        parser.add_argument("--respondents", type=int, default=12, help="per partnership")
        parser.add_argument("--framework", default="readiness-for-change")
        parser.add_argument("--repeat", type=int, default=7)

    def handle(self, *args, sizes, respondents, framework, repeat, **options):
        chosen = Framework.objects.latest_published().filter(slug=framework).first()
        if chosen is None:
            raise CommandError("Load the framework library first: manage.py load_frameworks")
        items = list(Item.objects.filter(dimension__framework=chosen, response_type="scale"))
        self.stdout.write(
            f"{chosen.title}: {len(items)} rated items, {respondents} responses per partnership"
        )
        for size in (int(s) for s in sizes.split(",")):
            try:
                with transaction.atomic():
                    facilitator, rounds = self._data(chosen, items, size, respondents)
                    start = time.perf_counter()
                    rebuild_results(round_ids=[r.pk for r in rounds])
                    store_s = time.perf_counter() - start
                    if connection.vendor == "postgresql":
                        with connection.cursor() as cursor:
                            cursor.execute("ANALYZE")
                    first_page(facilitator)  # warm up
                    timings = []
                    for _ in range(repeat):
                        start = time.perf_counter()
                        first_page(facilitator)
                        timings.append(time.perf_counter() - start)
                    with CaptureQueriesContext(connection) as captured:
                        portfolio, _rows = first_page(facilitator)
                    tracemalloc.start()
                    first_page(facilitator)
                    _, peak = tracemalloc.get_traced_memory()
                    tracemalloc.stop()
                    assert portfolio.total == size
                    ordered = sorted(timings)
                    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
                    self.stdout.write(
                        f"bench page=dashboard partnerships={size} "
                        f"answers={size * respondents * len(items)} "
                        f"median_ms={statistics.median(timings) * 1000:.0f} "
                        f"p95_ms={p95 * 1000:.0f} queries={len(captured)} "
                        f"peak_mb={peak / 2**20:.1f} store_results_s={store_s:.1f}"
                    )
                    raise Rollback
            except Rollback:
                pass

    def _data(self, framework, items, size, respondents):
        stamp = time.time_ns()
        facilitator = get_user_model().objects.create(username=f"benchmark-{stamp}")
        cohort = Cohort.objects.create(name=f"Benchmark {stamp}")
        cohort.facilitators.add(facilitator)
        partnerships = Partnership.objects.bulk_create(
            Partnership(name=f"Benchmark {stamp} {n}", kind="pcn", region=f"ICB {n % 42}")
            for n in range(size)
        )
        cohort.partnerships.add(*partnerships)
        partners = Partner.objects.bulk_create(
            Partner(partnership=p, name=f"Practice {k}", organisation_type="gp_practice")
            for p in partnerships
            for k in range(3)
        )
        today = timezone.localdate()
        rounds = Round.objects.bulk_create(
            Round(
                partnership=p,
                title="Benchmark",
                opens_on=today - timedelta(days=40),
                closes_on=today - timedelta(days=10),
                status=RoundStatus.CLOSED,
                closed_at=timezone.now(),
                invitation_token=f"{stamp}-{n}",
            )
            for n, p in enumerate(partnerships)
        )
        RoundFramework.objects.bulk_create(
            RoundFramework(round=r, framework=framework) for r in rounds
        )
        now = timezone.now()
        responses = Response.objects.bulk_create(
            (
                Response(
                    round=r,
                    framework=framework,
                    partner=partners[n * 3 + k % 3],
                    resume_token_hash=hash_token(f"{stamp}-{n}-{k}"),
                    status=ResponseStatus.SUBMITTED,
                    submitted_at=now,
                )
                for n, r in enumerate(rounds)
                for k in range(respondents)
            ),
            batch_size=5000,
        )
        low, high = framework.scale_min, framework.scale_max
        Answer.objects.bulk_create(
            (
                Answer(response=resp, item=item, value=low + (n * 7 + i * 3) % (high - low + 1))
                for n, resp in enumerate(responses)
                for i, item in enumerate(items)
            ),
            batch_size=10000,
        )
        return facilitator, rounds
