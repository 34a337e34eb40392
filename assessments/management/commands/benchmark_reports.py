"""Time the partnership report of a closed round for growing numbers of respondents.

For each size it seeds a round, closes it as the service does (storing its results, ADR
0031: the time to store them is printed as ``close_ms``), then builds the report ``--repeat``
times and prints the median and 95th percentile, the query count and the peak memory.
On PostgreSQL the tables are analysed first, so the planner has statistics. Everything it
creates is rolled back. Needs the framework library loaded.
"""

import statistics
import time
import tracemalloc
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import (
    Answer,
    Partner,
    Partnership,
    Response,
    ResponseStatus,
    Round,
    RoundFramework,
    RoundStatus,
    hash_token,
)
from assessments.reports.round_report import build_round_report
from assessments.services.results import store_results
from frameworks.models import Framework, Item


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Build a closed round's report for 200 and 2,000 respondents; print time, queries, memory."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="200,2000")
        parser.add_argument("--partners", type=int, default=8)
        parser.add_argument("--framework", default="barriers-to-collaboration")
        parser.add_argument("--repeat", type=int, default=21)

    def handle(self, *args, sizes, partners, framework, repeat, **options):
        chosen = Framework.objects.latest_published().filter(slug=framework).first()
        if chosen is None:
            raise CommandError("Load the framework library first: manage.py load_frameworks")
        items = list(Item.objects.filter(dimension__framework=chosen, response_type="scale"))
        self.stdout.write(
            f"{chosen.title}: {len(items)} rated items, {partners} partners, "
            f"median of {repeat}, {connection.vendor}"
        )
        for size in (int(s) for s in sizes.split(",")):
            try:
                with transaction.atomic():
                    round_ = self._data(chosen, items, size, partners)
                    if connection.vendor == "postgresql":
                        with connection.cursor() as cursor:
                            cursor.execute("ANALYZE assessments_response, assessments_answer")
                    start = time.perf_counter()
                    round_.status = RoundStatus.CLOSED
                    round_.closed_at = timezone.now()
                    round_.save(update_fields=["status", "closed_at"])
                    store_results(round_=round_)
                    close_ms = (time.perf_counter() - start) * 1000
                    timings, queries, peak = self._measure(round_, chosen, repeat)
                    self.stdout.write(
                        f"bench page=report respondents={size} answers={size * len(items)} "
                        f"median_ms={statistics.median(timings) * 1000:.1f} "
                        f"p95_ms={_p95(timings) * 1000:.1f} queries={queries} "
                        f"peak_mb={peak / 2**20:.1f} close_ms={close_ms:.0f}"
                    )
                    raise Rollback
            except Rollback:
                pass

    def _data(self, framework, items, size, partner_count):
        partnership = Partnership.objects.create(name=f"Benchmark {time.time_ns()}", kind="pcn")
        partners = Partner.objects.bulk_create(
            Partner(partnership=partnership, name=f"Practice {n}", organisation_type="gp_practice")
            for n in range(partner_count)
        )
        today = timezone.localdate()
        round_ = Round.objects.create(
            partnership=partnership,
            title="Benchmark",
            opens_on=today - timedelta(days=30),
            closes_on=today - timedelta(days=1),
            status=RoundStatus.OPEN,
        )
        RoundFramework.objects.create(round=round_, framework=framework)
        now = timezone.now()
        responses = Response.objects.bulk_create(
            Response(
                round=round_,
                framework=framework,
                partner=partners[n % partner_count],
                resume_token_hash=hash_token(f"{round_.pk}-{n}"),
                status=ResponseStatus.SUBMITTED,
                submitted_at=now,
            )
            for n in range(size)
        )
        low, high = framework.scale_min, framework.scale_max
        Answer.objects.bulk_create(
            (
                Answer(
                    response=response,
                    item=item,
                    value=None if (n + i) % 17 == 0 else low + (n * 7 + i * 3) % (high - low + 1),
                    comment="A comment." if (n + i) % 23 == 0 else "",
                )
                for n, response in enumerate(responses)
                for i, item in enumerate(items)
            ),
            batch_size=5000,
        )
        return round_

    def _measure(self, round_, framework, repeat):
        timings = []
        for _ in range(repeat):
            start = time.perf_counter()
            build_round_report(round_, framework)
            timings.append(time.perf_counter() - start)
        with CaptureQueriesContext(connection) as captured:
            build_round_report(round_, framework)
        tracemalloc.start()
        build_round_report(round_, framework)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return timings, len(captured), peak


def _p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
