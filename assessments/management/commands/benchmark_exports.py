"""Stream the facilitator's portfolio CSV at national scale; print rows/s and peak memory.

Seeds (then rolls back) ``--partnerships`` partnerships, each with ``--partners`` partner
organisations, three closed rounds and every published framework (the library's eight),
with ``--respondents`` responses per partner (the default anonymity threshold, so every
partner group is published) answering every rated item. Two facilitators support the first
``--sizes`` partnerships each; for each, the portfolio CSV is streamed exactly as the
download does (analyst_rows through csv_lines), measuring rows per second and the process's
peak resident memory while streaming (Linux: the high-water mark is reset just before, so the
figure is this stream's own peak, seeded data and all). Needs the framework library loaded.
"""

import gc
import time
from datetime import timedelta
from pathlib import Path

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
from assessments.reports.analyst_csv import ANALYST_HEADER, analyst_rows
from assessments.views.exports import csv_lines
from frameworks.models import Framework

ROUNDS = 3
ROLES = [RespondentRole.values[k % 2] for k in range(DEFAULT_ANONYMITY_THRESHOLD * 2)]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Stream the portfolio CSV for growing portfolios; print rows/s and peak memory."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="250,1250", help="partnerships per facilitator")
        parser.add_argument("--partners", type=int, default=5)
        parser.add_argument("--respondents", type=int, default=DEFAULT_ANONYMITY_THRESHOLD)

    def handle(self, *args, sizes, partners, respondents, **options):
        frameworks = list(Framework.objects.latest_published().order_by("slug"))
        if not frameworks:
            raise CommandError("Load the framework library first: manage.py load_frameworks")
        sizes = [int(s) for s in sizes.split(",")]
        try:
            with transaction.atomic():
                start = time.perf_counter()
                facilitators, answers = self._data(frameworks, sizes, partners, respondents)
                self.stdout.write(
                    f"Seeded {max(sizes)} partnerships × {ROUNDS} rounds × {len(frameworks)} "
                    f"frameworks, {partners} partners × {respondents} responses each: "
                    f"{answers:,} answers in {time.perf_counter() - start:.0f} s"
                )
                self.stdout.write(
                    f"{'partnerships':>12} {'rows':>10} {'MB':>7} {'seconds':>8} "
                    f"{'rows/s':>8} {'start MB':>9} {'peak MB':>8}"
                )
                for size, facilitator in zip(sizes, facilitators, strict=True):
                    self._measure(size, facilitator)
                raise Rollback
        except Rollback:
            pass

    def _stream(self, facilitator) -> tuple[int, int]:
        ids = (
            Partnership.objects.facilitated_by(facilitator)
            .order_by("name", "pk")
            .values_list("pk", flat=True)
        )
        rows = size = 0
        for line in csv_lines(ANALYST_HEADER, analyst_rows(ids.iterator(chunk_size=500))):
            rows += 1
            size += len(line.encode())
        return rows - 1, size

    def _measure(self, size, facilitator):
        gc.collect()
        before = _reset_peak_rss()
        start = time.perf_counter()
        rows, size_bytes = self._stream(facilitator)
        elapsed = time.perf_counter() - start
        peak = _peak_rss()
        self.stdout.write(
            f"{size:>12} {rows:>10,} {size_bytes / 1e6:>7.0f} {elapsed:>8.1f} "
            f"{rows / elapsed:>8,.0f} {before / 2**20:>9.1f} {peak / 2**20:>8.1f}"
        )

    def _data(self, frameworks, sizes, partner_count, respondents):
        stamp = time.time_ns()
        total = max(sizes)
        partnerships = Partnership.objects.bulk_create(
            Partnership(name=f"Benchmark {stamp} {n:05d}", kind="pcn", region=f"ICB {n % 42}")
            for n in range(total)
        )
        facilitators = []
        for size in sizes:
            user = get_user_model().objects.create(username=f"benchmark-{stamp}-{size}")
            cohort = Cohort.objects.create(name=f"Benchmark {stamp} {size}")
            cohort.facilitators.add(user)
            cohort.partnerships.add(*partnerships[:size])
            facilitators.append(user)
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
                invitation_token=f"{stamp}-{n}-{r}",
            )
            for n, p in enumerate(partnerships)
            for r in range(ROUNDS)
        )
        RoundFramework.objects.bulk_create(
            RoundFramework(round=r, framework=f, position=k + 1)
            for r in rounds
            for k, f in enumerate(frameworks)
        )
        now = timezone.now()
        for first in range(0, len(rounds), 300):  # in batches, so memory stays modest
            Response.objects.bulk_create(
                (
                    Response(
                        round=r,
                        framework=f,
                        partner=partners[(n // ROUNDS) * partner_count + k],
                        respondent_role=ROLES[(k * respondents + j) % len(ROLES)],
                        resume_token_hash=hash_token(f"{stamp}-{r.pk}-{f.pk}-{k}-{j}"),
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
                WHERE o.partnership_id IN (SELECT id FROM assessments_partnership
                                           WHERE name LIKE %s)
                """,
                [now, f"Benchmark {stamp} %"],
            )
            answers = cursor.rowcount
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")  # as autovacuum would after a load this size
        return facilitators, answers


def _status(field: str) -> int:
    """A figure in bytes from /proc/self/status (Linux), e.g. VmRSS or VmHWM."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise CommandError("Needs Linux's /proc to measure memory")


def _reset_peak_rss() -> int:
    """Reset the resident-memory high-water mark to now; return the resident memory."""
    Path("/proc/self/clear_refs").write_text("5")
    return _status("VmRSS")


def _peak_rss() -> int:
    return _status("VmHWM")
