"""A closed round's results, stored once when it closes (ADR 0031).

A closed round never opens again and its answers cannot change, so its counts are computed
once, in the transaction that closes it, and every reader of its figures reads this row
instead of counting answers again: read cost follows items x cells, not respondents.

Counts are stored at the finest grain the disclosure rules work on: per item, (partner
organisation, role) cell and scale value. Disclosure control (``reports.disclosure``,
``reports.published``) is still applied when the figures are read, exactly as for counts
read from answers, so a change to those rules applies to every round without a rebuild.
Comments and written answers are text, not counts: they are still read from answers.

Beside the counts, each row holds a summary folded from them (ADR 0035): the dashboard's
overall score, band and flags and the whole round's scores, which the dashboard filters,
sorts and pages in SQL and cohort benchmarks read. It is derived data, folded by the
report's own pure code at close and by ``rebuild_results``; a change to a disclosure rule
needs a rebuild to reach it.

Each row also freezes the response-rate bases of the round at close (ADR 0039), which are
not derived from the counts: ``rebuild_results`` keeps them.
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

    # The summary (ADR 0035): figures folded from ``cells`` and ``sizes`` at close by the
    # report's own code (``reports.summary.stored_summary``), so the dashboard can filter,
    # sort and page in SQL and benchmarks read one row per partnership. Derived data:
    # ``rebuild_results`` recomputes it. Scores are on 0–100.
    suppressed = models.BooleanField(
        default=True, help_text="Fewer responses than the round's anonymity threshold."
    )
    overall_score = models.FloatField(
        null=True, blank=True, help_text="The dashboard's overall score (unrounded)."
    )
    overall_shown = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The overall score as shown: rounded half up."
    )
    band_label = models.CharField(max_length=50, blank=True)
    split_dimensions = models.PositiveSmallIntegerField(null=True, blank=True)
    concern_dimensions = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Dimensions in the lowest band."
    )
    round_overall = models.FloatField(
        null=True,
        blank=True,
        help_text="The whole round's overall score for trends, change and benchmarks.",
    )
    round_overall_shown = models.PositiveSmallIntegerField(null=True, blank=True)
    dimension_scores = models.JSONField(
        default=dict, blank=True, help_text="The whole round's score by dimension key."
    )

    # Response-rate bases frozen at close (ADR 0039): a closed round's published rates must
    # not follow later edits to "people asked", memberships or archiving. ``rate_bases``:
    # ``[[partner id, submitted responses, people asked or null, members, answering members,
    # listed], ...]``, one per organisation of the partnership at close, by id: this
    # framework's submitted responses from it, the people asked and the two member counts
    # (every membership, the report's base; members who may answer, the round page's) at
    # close, and whether the round page lists it (not archived, or it answered the round).
    # The people-asked and member figures are the same in every framework's row of a round.
    rate_bases = models.JSONField(default=list)
    rate_base = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The sum of the partners' response-rate bases at close; "
        "None when a partner had none.",
    )
    response_rate = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Respondents against rate_base, per cent rounded half up (may pass 100).",
    )

    class Meta:
        ordering = ["round", "framework"]
        verbose_name = "stored round result"
        constraints = [
            models.UniqueConstraint(fields=["round", "framework"], name="round_result_unique"),
            models.CheckConstraint(
                condition=Q(open_link_responses__lte=models.F("respondents")),
                name="round_result_open_link_within_respondents",
            ),
            models.CheckConstraint(
                condition=Q(overall_score__isnull=True, overall_shown__isnull=True)
                | Q(
                    overall_score__isnull=False,
                    overall_score__gte=0,
                    overall_score__lte=100,
                    overall_shown__isnull=False,
                    overall_shown__lte=100,
                ),
                name="round_result_overall_score_in_range_with_shown",
            ),
            models.CheckConstraint(
                condition=Q(
                    overall_score__isnull=False,
                    split_dimensions__isnull=False,
                    concern_dimensions__isnull=False,
                )
                | Q(
                    overall_score__isnull=True,
                    band_label="",
                    split_dimensions__isnull=True,
                    concern_dimensions__isnull=True,
                ),
                name="round_result_no_score_no_band_or_flags",
            ),
            models.CheckConstraint(
                condition=Q(suppressed=False) | Q(overall_score__isnull=True),
                name="round_result_suppressed_has_no_score",
            ),
            models.CheckConstraint(
                condition=Q(round_overall__isnull=True, round_overall_shown__isnull=True)
                | Q(
                    round_overall__isnull=False,
                    round_overall__gte=0,
                    round_overall__lte=100,
                    round_overall_shown__isnull=False,
                    round_overall_shown__lte=100,
                ),
                name="round_result_round_overall_in_range_with_shown",
            ),
            models.CheckConstraint(
                condition=Q(rate_base__isnull=True, response_rate__isnull=True)
                | Q(rate_base__isnull=False, rate_base__gt=0, response_rate__isnull=False),
                name="round_result_rate_with_base",
            ),
        ]

    def __str__(self):
        return f"Results of {self.framework_id} in round {self.round_id}"
