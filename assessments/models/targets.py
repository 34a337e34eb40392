"""What a partnership agrees about a closed round, dimension by dimension: the score it aims
for by the next round (a target) and, at a consensus workshop, the position partners agree
they are at (issue 12, ADR 0026). Both are on the report's 0–100 score scale."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from assessments.models.rounds import Round

SCORE_MAX = 100


class DimensionTarget(models.Model):
    """The score (0–100) a partnership aims for in a dimension by its next round, set on the
    closed round whose report it answers. The next round's report matches it by dimension
    key, so a new framework version keeps its targets."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="targets")
    dimension = models.ForeignKey(
        "frameworks.Dimension", on_delete=models.PROTECT, related_name="targets"
    )
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(SCORE_MAX)])
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["round", "dimension__position"]
        verbose_name = "target"
        constraints = [
            models.UniqueConstraint(fields=["round", "dimension"], name="target_one_per_dimension"),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=SCORE_MAX), name="target_score_range"
            ),
        ]

    def __str__(self):
        return f"{self.round}: {self.dimension} → {self.score}"


class ConsensusRecord(models.Model):
    """The position partners agreed at a consensus workshop on a closed round: a score
    (0–100, the report's scale) with a short rationale, beside the survey's figure."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="consensus")
    dimension = models.ForeignKey(
        "frameworks.Dimension", on_delete=models.PROTECT, related_name="consensus"
    )
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(SCORE_MAX)])
    rationale = models.CharField(max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["round", "dimension__position"]
        verbose_name = "agreed position"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "dimension"], name="consensus_one_per_dimension"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=SCORE_MAX), name="consensus_score_range"
            ),
            models.CheckConstraint(condition=~Q(rationale=""), name="consensus_rationale_required"),
        ]

    def __str__(self):
        return f"{self.round}: {self.dimension} agreed at {self.score}"
