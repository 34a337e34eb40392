"""A partnership's action plan: actions agreed after reading a round's report, each with an
owner (a member, or a named person who is not one), a partner organisation, a due date, a
status and dated progress notes (issue 12, ADR 0025)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from assessments.models.choices import ActionStatus
from assessments.models.partnerships import Partner, Partnership
from assessments.models.rounds import Round

FINISHED_STATUSES = (ActionStatus.DONE, ActionStatus.DROPPED)


class ActionItem(models.Model):
    """An action a partnership agreed, usually in response to a round's results.

    The owner is either a person with an account (``owner_user``, who keeps the action if
    they leave the partnership and is then shown as a former member) or a named person
    (``owner``), never both and never neither."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="actions")
    raised_in = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    dimension = models.ForeignKey(
        "frameworks.Dimension",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    title = models.CharField(max_length=200)
    description = models.TextField("detail", blank=True)
    owner = models.CharField(
        "named owner",
        max_length=200,
        blank=True,
        help_text="A person or group who is not a member of the partnership on this service.",
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_actions",
        verbose_name="owner",
    )
    partner = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name="partner organisation",
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["partnership", "due_on", "title"]
        verbose_name = "action"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values), name="action_status_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=ActionStatus.DONE, completed_on__isnull=False)
                    | (~Q(status=ActionStatus.DONE) & Q(completed_on__isnull=True))
                ),
                name="action_completed_on_paired_with_done",
            ),
            models.CheckConstraint(
                condition=(
                    (Q(owner_user__isnull=False) & Q(owner=""))
                    | (Q(owner_user__isnull=True) & ~Q(owner=""))
                ),
                name="action_one_owner",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in FINISHED_STATUSES


class ActionNote(models.Model):
    """A dated note of progress on an action, kept in the order it was written."""

    action = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="notes")
    written_on = models.DateField(help_text="The day the progress happened or was reported.")
    text = models.TextField(max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["action", "-written_on", "-pk"]
        verbose_name = "progress note"
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="action_note_text_required"),
        ]

    def __str__(self):
        return f"{self.action}: {self.written_on}"
