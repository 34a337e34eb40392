"""Time the facilitator dashboard for growing portfolios; prints figures.

Everything it creates is rolled back. Needs the framework library loaded.
"""

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
from assessments.reports.dashboard import build_portfolio
from frameworks.models import Framework, Item


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Build the dashboard for 50, 250 and 1,250 partnerships; print time, queries, memory."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="50,250,1250")
        parser.add_argument("--respondents", type=int, default=12, help="per partnership")
        parser.add_argument("--framework", default="readiness-for-change")

    def handle(self, *args, sizes, respondents, framework, **options):
        chosen = Framework.objects.latest_published().filter(slug=framework).first()
        if chosen is None:
            raise CommandError("Load the framework library first: manage.py load_frameworks")
        items = list(Item.objects.filter(dimension__framework=chosen, response_type="scale"))
        self.stdout.write(
            f"{chosen.title}: {len(items)} rated items, {respondents} responses per partnership"
        )
        self.stdout.write(
            f"{'partnerships':>12} {'answers':>9} {'ms':>8} {'queries':>8} {'peak KiB':>9}"
        )
        for size in (int(s) for s in sizes.split(",")):
            try:
                with transaction.atomic():
                    facilitator = self._data(chosen, items, size, respondents)
                    build_portfolio(facilitator)  # warm up
                    start = time.perf_counter()
                    with CaptureQueriesContext(connection) as captured:
                        portfolio = build_portfolio(facilitator)
                    elapsed = time.perf_counter() - start
                    tracemalloc.start()
                    build_portfolio(facilitator)
                    _, peak = tracemalloc.get_traced_memory()
                    tracemalloc.stop()
                    assert len(portfolio.rows) == size
                    self.stdout.write(
                        f"{size:>12} {size * respondents * len(items):>9} "
                        f"{elapsed * 1000:>8.0f} {len(captured):>8} {peak / 1024:>9.0f}"
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
        return facilitator
