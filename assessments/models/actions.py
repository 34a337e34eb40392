"""Actions a partnership agrees after reading a round's report."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from assessments.models.choices import ActionStatus
from assessments.models.partnerships import Partnership
from assessments.models.rounds import Round


class ActionItem(models.Model):
    """An action a partnership agreed, usually in response to a round's results."""

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
    description = models.TextField(blank=True)
    owner = models.CharField(max_length=200, help_text="The person or group responsible.")
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
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
        ]

    def __str__(self):
        return self.title
