"""``manage.py close_due_rounds``: close every open round whose closing date has passed.

Safe from cron, as often as you like (hourly is plenty): it closes each due round once, in
its own transaction, and does nothing when none is due. Requests check too (ADR 0023), so
nothing depends on cron alone.
"""

from django.core.management.base import BaseCommand

from assessments.services.rounds import close_due_rounds


class Command(BaseCommand):
    help = "Close every open round whose closing date has passed."

    def handle(self, *args, **options):
        closed = close_due_rounds(actor=None)
        self.stdout.write(
            f"Closed {len(closed)} round{'s' if len(closed) != 1 else ''} whose closing date "
            "had passed."
        )
