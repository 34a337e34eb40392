"""A closed round's results, stored once when it closes (ADR 0031).

A closed round never opens again and its answers cannot change, so its counts are computed
once, in the transaction that closes it, and every reader of its figures reads this row
instead of counting answers again: read cost follows items x cells, not respondents.

Counts are stored at the finest grain the disclosure rules work on: per item, (partner
organisation, role) cell and scale value. Disclosure control (``reports.disclosure``,
``reports.published``) is still applied when the figures are read, exactly as for counts
read from answers, so a change to those rules applies to every round without a rebuild.
Comments and written answers are text, not counts: they are still read from answers.
"""

from django.db import models
from django.db.models import Q

from assessments.models.rounds import Round
from frameworks.models import Framework


class RoundResult(models.Model):
    """The stored counts of one framework in one closed round.

    ``cells``: ``[[item id, partner id or null, role or null, value or null, count], ...]``:
    how many submitted answers each (item, partner, role, value) has; scale items only, a
    null value is "not applicable". ``sizes``: ``[[partner id or null, role or null,
    respondents], ...]``: submitted responses per (partner, role) cell. Item and partner ids
    are plain numbers, not foreign keys: editing framework content or a partner never
    touches a closed round's results.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="results")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    respondents = models.PositiveIntegerField(
        help_text="Submitted responses to this framework in this round."
    )
    open_link_responses = models.PositiveIntegerField(
        help_text="Of those, responses through the round's shared link (nobody vouched).",
    )
    cells = models.JSONField(default=list)
    sizes = models.JSONField(default=list)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["round", "framework"]
        verbose_name = "stored round result"
        constraints = [
            models.UniqueConstraint(fields=["round", "framework"], name="round_result_unique"),
            models.CheckConstraint(
                condition=Q(open_link_responses__lte=models.F("respondents")),
                name="round_result_open_link_within_respondents",
            ),
        ]

    def __str__(self):
        return f"Results of {self.framework_id} in round {self.round_id}"
