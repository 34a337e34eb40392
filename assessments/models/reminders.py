"""A record of every reminder email sent, so nobody gets two in a day (ADR 0022).

One row per address per round per day (``reminder_one_per_email_per_round_per_day``);
reminders about due actions, which belong to a partnership rather than a round, are one per
address per partnership per day (``reminder_one_per_email_per_partnership_per_day``).
The row says that a reminder was sent, never why in any detail: it never records what
anyone answered.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from assessments.models.partnerships import Partnership
from assessments.models.rounds import Round


class ReminderKind(models.TextChoices):
    NOT_ANSWERED = "not_answered", "Not answered yet"
    ACTIONS_DUE = "actions_due", "Actions due"


class ReminderSent(models.Model):
    """One reminder email to one address. ``email`` is stored lower-cased."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    email = models.EmailField(max_length=254)
    sent_on = models.DateField()
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The manager who pressed the button; empty for the scheduled command.",
    )

    class Meta:
        ordering = ["-sent_at", "email"]
        verbose_name = "reminder sent"
        verbose_name_plural = "reminders sent"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "email", "sent_on"],
                condition=Q(round__isnull=False),
                name="reminder_one_per_email_per_round_per_day",
            ),
            models.UniqueConstraint(
                fields=["partnership", "email", "sent_on"],
                condition=Q(round__isnull=True),
                name="reminder_one_per_email_per_partnership_per_day",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ReminderKind.values), name="reminder_kind_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=ReminderKind.NOT_ANSWERED, round__isnull=False)
                    | Q(kind=ReminderKind.ACTIONS_DUE, round__isnull=True)
                ),
                name="reminder_round_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(email=Lower("email")),
                name="reminder_email_lower_case",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.email} on {self.sent_on}"
