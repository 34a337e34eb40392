"""Send today's reminder emails: people who have not answered open rounds that close soon,
and owners of due or overdue actions (assessments.services.reminders, ADR 0022).

Safe to run from cron as often as you like (for example hourly): nobody gets more than one
reminder per round per day, and closed rounds are never reminded.
"""

from django.core.management.base import BaseCommand

from assessments.services.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send today's reminder emails (safe to run repeatedly)."

    def handle(self, *args, **options):
        run = send_due_reminders()
        self.stdout.write(
            f"Reminders sent: {run.people} about {run.rounds} round(s), "
            f"{run.action_owners} about due actions."
        )
