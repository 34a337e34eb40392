"""The load test's round: set it up before the run, then check nothing was lost after it.

``--setup`` creates, in a benchmark database, a partnership with four GP practices, an
open round asking the benchmark framework (60 five-point items in 6 sections) and
``--people`` personal invitations (ADR 0037: people answer only through personal links),
spread over the practices; it writes their link tokens, one per line, to ``--tokens`` (only
their SHA-256 hashes are stored, as when links are emailed) and prints
``round=<id> tokens=<file> people=<n>`` for the locustfile (scripts/loadtest/locustfile.py).
``--check <round id> --posted <file>`` compares what the
simulated respondents sent with what the database holds: every response they saw submitted
is submitted, and every submitted response of the round holds exactly the values sent for
it. Prints ``loadtest check: submitted=… confirmed=… posted_answers=… stored_answers=…
missing=… different=… not_submitted=… unknown=…`` and fails (exit status 1) if anything is
missing, different or unaccounted for.

Usage: scripts/loadtest.sh (make loadtest).
"""

from __future__ import annotations

import json
import secrets
from collections import defaultdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from assessments.management.bench_seed import (
    bench_framework,
    create_open_round,
    create_partnerships,
    require_benchmark_database,
)
from assessments.models import (
    Answer,
    PersonalInvitation,
    RespondentRole,
    Response,
    ResponseStatus,
    Round,
)
from assessments.models.tokens import hash_token


class Command(BaseCommand):
    help = "Set up the load test's open round (--setup) or check its answers (--check ROUND)."

    def add_arguments(self, parser):
        parser.add_argument("--setup", action="store_true")
        parser.add_argument("--check", type=int, metavar="ROUND")
        parser.add_argument("--posted", default="loadtest-posted.json")
        parser.add_argument("--tokens", default="loadtest-tokens.txt")
        parser.add_argument("--people", type=int, default=2000)

    def handle(self, *args, setup, check, posted, tokens, people, **options):
        require_benchmark_database()
        if setup == (check is not None):
            raise CommandError("Give either --setup or --check ROUND.")
        if setup:
            round_, links = self._setup(people)
            Path(tokens).write_text("".join(f"{token}\n" for token in links))
            self.stdout.write(f"round={round_.pk} tokens={tokens} people={len(links)}")
            return
        self._check(check, Path(posted))

    @transaction.atomic
    def _setup(self, people: int) -> tuple[Round, list[str]]:
        framework = bench_framework()
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        (partnership,), partners = create_partnerships(
            f"Load test {stamp}", 1, partners=4, people_invited=people
        )
        round_ = create_open_round(
            partnership, framework, title="Load test", token=secrets.token_urlsafe(32)
        )
        links = [secrets.token_urlsafe(32) for _ in range(people)]
        now = timezone.now()
        PersonalInvitation.objects.bulk_create(
            PersonalInvitation(
                round=round_,
                email=f"loadtest.{n}@loadtest.nhs.uk",
                partner=partners[n % len(partners)],
                respondent_role=RespondentRole.CLINICAL,
                token_hash=hash_token(token),
                emailed_at=now,
            )
            for n, token in enumerate(links)
        )
        return round_, links

    def _check(self, round_id: int, posted_path: Path) -> None:
        if not posted_path.exists():
            raise CommandError(f"No {posted_path}: run the locustfile first.")
        posted = json.loads(posted_path.read_text())
        sent = {int(pk): values for pk, values in posted["sent"].items()}
        confirmed = set(posted["confirmed"])
        submitted = set(
            Response.objects.filter(round_id=round_id, status=ResponseStatus.SUBMITTED).values_list(
                "pk", flat=True
            )
        )
        stored = defaultdict(dict)
        answers = Answer.objects.filter(response__in=submitted)
        for response_id, item_id, value in answers.values_list("response_id", "item_id", "value"):
            stored[response_id][item_id] = value
        # Every response the simulated users saw submitted is submitted; every submitted
        # response (including those whose confirmation the run's end cut off) holds exactly
        # the values sent for it, and was started by a simulated user.
        not_submitted = len(confirmed - submitted)
        unknown = len(submitted - set(sent))
        missing = different = posted_answers = 0
        for pk in submitted & set(sent):
            for item, value in sent[pk].items():
                posted_answers += 1
                held = stored[pk].get(int(item), "missing")
                if held == "missing":
                    missing += 1
                elif held != value:
                    different += 1
        self.stdout.write(
            f"loadtest check: submitted={len(submitted)} confirmed={len(confirmed)} "
            f"posted_answers={posted_answers} stored_answers={sum(map(len, stored.values()))} "
            f"missing={missing} different={different} not_submitted={not_submitted} "
            f"unknown={unknown}"
        )
        if missing or different or not_submitted or unknown:
            raise CommandError("Answers were lost or changed.")
