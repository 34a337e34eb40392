"""``manage.py rebuild_results [--round ID ...]``: recompute closed rounds' stored results.

Closing a round stores its results (ADR 0031); this recomputes them from the submitted
answers, for every closed round or the ones named, each in its own transaction under the
round's row lock. Safe to run at any time: a closed round's answers cannot change, so a
rebuild gives the same figures unless the stored ones were damaged. The summary (ADR 0035)
is folded again; the response-rate bases frozen at close (ADR 0039) are kept, not read
again, so a rebuild never moves a published rate.
"""

from django.core.management.base import BaseCommand, CommandError

from assessments.models import Round, RoundStatus
from assessments.services.results import rebuild_results


class Command(BaseCommand):
    help = "Recompute the stored results of closed rounds (all, or those given with --round)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--round",
            dest="round_ids",
            type=int,
            action="append",
            metavar="ID",
            help="A closed round's id; repeat for several. Default: every closed round.",
        )

    def handle(self, *args, round_ids=None, **options):
        if round_ids:
            statuses = dict(Round.objects.filter(pk__in=round_ids).values_list("pk", "status"))
            unknown = sorted(set(round_ids) - set(statuses))
            if unknown:
                raise CommandError(f"No round with id {', '.join(map(str, unknown))}.")
            not_closed = sorted(pk for pk, s in statuses.items() if s != RoundStatus.CLOSED)
            if not_closed:
                raise CommandError(
                    f"Round {', '.join(map(str, not_closed))} is not closed: results are "
                    "stored only when a round closes."
                )
        rebuilt = rebuild_results(round_ids=round_ids)
        self.stdout.write(
            f"Rebuilt the stored results of {len(rebuilt)} closed "
            f"round{'s' if len(rebuilt) != 1 else ''}."
        )
