"""The load test's round: set it up before the run, then check nothing was lost after it.

``--setup`` creates, in a benchmark database, a partnership with four GP practices and an
open round asking the benchmark framework (60 five-point items in 6 sections) with its
shared link on, and prints ``round=<id> token=<invitation token>`` for the locustfile
(scripts/loadtest/locustfile.py). ``--check <round id> --posted <file>`` compares what the
simulated respondents sent for every response they submitted with what the database holds:
each must be submitted and hold exactly those values. Prints
``loadtest check: responses=… posted_answers=… stored_answers=… missing=… different=…
not_submitted=…`` and fails (exit status 1) if anything is missing or different.

Usage: scripts/loadtest.sh (make loadtest).
"""

from __future__ import annotations

import json
import secrets
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from assessments.management.bench_seed import bench_framework, require_benchmark_database
from assessments.models import (
    Answer,
    Partner,
    Partnership,
    Response,
    ResponseStatus,
    Round,
    RoundFramework,
    RoundStatus,
)


class Command(BaseCommand):
    help = "Set up the load test's open round (--setup) or check its answers (--check ROUND)."

    def add_arguments(self, parser):
        parser.add_argument("--setup", action="store_true")
        parser.add_argument("--check", type=int, metavar="ROUND")
        parser.add_argument("--posted", default="loadtest-posted.json")

    def handle(self, *args, setup, check, posted, **options):
        require_benchmark_database()
        if setup == (check is not None):
            raise CommandError("Give either --setup or --check ROUND.")
        if setup:
            round_ = self._setup()
            self.stdout.write(f"round={round_.pk} token={round_.invitation_token}")
            return
        self._check(check, Path(posted))

    @transaction.atomic
    def _setup(self) -> Round:
        framework = bench_framework()
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        partnership = Partnership.objects.create(
            name=f"Load test {stamp}", kind="pcn", region="ICB 0"
        )
        Partner.objects.bulk_create(
            Partner(
                partnership=partnership,
                name=f"Practice {k}",
                organisation_type="gp_practice",
                people_invited=1_000_000,  # the shared link never runs out of places
            )
            for k in range(4)
        )
        today = timezone.localdate()
        round_ = Round.objects.create(
            partnership=partnership,
            title="Load test",
            opens_on=today,
            closes_on=today + timedelta(days=7),
            status=RoundStatus.OPEN,
            open_link_enabled=True,
            invitation_token=secrets.token_urlsafe(32),
        )
        RoundFramework.objects.create(round=round_, framework=framework, position=1)
        return round_

    def _check(self, round_id: int, posted_path: Path) -> None:
        if not posted_path.exists():
            raise CommandError(f"No {posted_path}: run the locustfile first.")
        posted = {int(pk): values for pk, values in json.loads(posted_path.read_text()).items()}
        responses = {
            r.pk: r for r in Response.objects.filter(round_id=round_id, pk__in=list(posted))
        }
        stored = defaultdict(dict)
        answers = Answer.objects.filter(response__round_id=round_id, response__in=list(posted))
        for response_id, item_id, value in answers.values_list("response_id", "item_id", "value"):
            stored[response_id][item_id] = value
        missing = different = not_submitted = 0
        for pk, values in posted.items():
            response = responses.get(pk)
            if response is None or response.status != ResponseStatus.SUBMITTED:
                not_submitted += 1
            for item, value in values.items():
                held = stored[pk].get(int(item), "missing")
                if held == "missing":
                    missing += 1
                elif held != value:
                    different += 1
        in_round = Answer.objects.filter(response__round_id=round_id).count()
        submitted = Response.objects.filter(
            round_id=round_id, status=ResponseStatus.SUBMITTED
        ).count()
        self.stdout.write(
            f"loadtest check: responses={len(posted)} posted_answers="
            f"{sum(map(len, posted.values()))} stored_answers={sum(map(len, stored.values()))} "
            f"missing={missing} different={different} not_submitted={not_submitted} "
            f"(round: {submitted} submitted responses, {in_round} answers in all)"
        )
        if missing or different or not_submitted:
            raise CommandError("Answers were lost or changed.")
