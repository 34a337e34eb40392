"""Responses (one person's answers to one framework in one round) and their answers."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from assessments.models.choices import RespondentRole, ResponseStatus
from assessments.models.partnerships import Partner
from assessments.models.rounds import Round
from frameworks.models import SCALE_CEILING, SCALE_FLOOR, Framework


class ResponseSet(models.Model):
    """What a guest chose when they started through the round's shared link: their
    organisation, role and the questionnaires they will answer. Each response they start
    points here, so their resume link on any device offers the next questionnaire exactly
    as the first browser did (issue 11; ADR 0024). Holds no answers and no name."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="response_sets")
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    respondent_role = models.CharField(
        "role", max_length=20, choices=RespondentRole.choices, blank=True
    )
    frameworks = models.ManyToManyField(
        Framework, related_name="+", help_text="The questionnaires the guest chose to answer."
    )
    form_token_hash = models.CharField(
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="SHA-256 of the one-time token of the form that started it: the same form "
        "sent twice finds this set instead of starting another.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(respondent_role="") | Q(respondent_role__in=RespondentRole.values),
                name="response_set_respondent_role_valid",
            ),
        ]

    def __str__(self):
        return f"Guest choices in {self.round}"

    def remaining_frameworks(self) -> list[Framework]:
        """The questionnaires the guest chose and has not started, in the round's order
        (two queries)."""
        started = set(self.responses.values_list("framework_id", flat=True))
        return [
            rf.framework
            for rf in self.round.round_frameworks.filter(
                framework__in=self.frameworks.all()
            ).select_related("framework")
            if rf.framework_id not in started
        ]


class Response(models.Model):
    """One person's answers to one framework in one round.

    PROTECT: a round (and so its partnership) with responses cannot be deleted, in the admin
    or anywhere else; archive the partnership instead (assessments.services.archive).
    """

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="responses")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="responses")
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
        help_text=(
            "Empty for a guest who answered through the invitation link, or once the "
            "person's account is deleted (their answers stay in the partnership's results)."
        ),
    )
    respondent_role = models.CharField(
        "role", max_length=20, choices=RespondentRole.choices, blank=True
    )
    status = models.CharField(
        max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.IN_PROGRESS
    )
    resume_token_hash = models.CharField(
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="SHA-256 of a guest's private resume link; the link itself is never stored.",
    )
    invitation = models.ForeignKey(
        "PersonalInvitation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responses",
        help_text="The personal link this response came through, if any.",
    )
    response_set = models.ForeignKey(
        ResponseSet,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responses",
        help_text="For a guest: the choices they made when they started.",
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "framework", "started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "framework", "respondent"],
                condition=Q(respondent__isnull=False),
                name="response_one_per_person_per_framework_per_round",
            ),
            models.UniqueConstraint(
                fields=["invitation", "framework"],
                condition=Q(invitation__isnull=False),
                name="response_one_per_personal_link_per_framework",
            ),
            models.CheckConstraint(
                condition=Q(invitation__isnull=True) | Q(respondent__isnull=True),
                name="response_personal_link_only_for_guests",
            ),
            models.CheckConstraint(
                condition=Q(response_set__isnull=True) | Q(respondent__isnull=True),
                name="response_set_only_for_guests",
            ),
            # Also keeps the status to its two known values.
            models.CheckConstraint(
                condition=(
                    Q(status=ResponseStatus.SUBMITTED, submitted_at__isnull=False)
                    | Q(status=ResponseStatus.IN_PROGRESS, submitted_at__isnull=True)
                ),
                name="response_submitted_at_paired_with_status",
            ),
            models.CheckConstraint(
                condition=Q(respondent_role="") | Q(respondent_role__in=RespondentRole.values),
                name="response_respondent_role_valid",
            ),
        ]

    def __str__(self):
        who = self.respondent or "guest"
        return f"{self.framework.title} by {who} ({self.get_status_display().lower()})"

    @property
    def is_submitted(self) -> bool:
        return self.status == ResponseStatus.SUBMITTED


class Answer(models.Model):
    """The answer to one item: a scale value, nothing (not applicable), or text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey("frameworks.Item", on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_FLOOR), MaxValueValidator(SCALE_CEILING)],
        help_text="The scale point chosen; empty means 'not applicable / don't know'.",
    )
    text = models.TextField(blank=True, help_text="The answer to a free-text reflection prompt.")
    comment = models.TextField("evidence or example", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["response", "item"]
        indexes = [
            # The few answers that carry words (a comment or a written answer): the report
            # reads a round's comments through it, at a cost that follows the comments, not
            # every answer of the round (issue 15: 13-20 ms of a 2,000-respondent report).
            models.Index(
                fields=["response"], name="answer_with_words", condition=~Q(comment="", text="")
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="answer_one_per_item"),
            models.CheckConstraint(
                condition=Q(value__isnull=True)
                | Q(value__gte=SCALE_FLOOR, value__lte=SCALE_CEILING),
                name="answer_value_range",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(text=""),
                name="answer_value_or_text_not_both",
            ),
        ]

    def __str__(self):
        if self.value is not None:
            return f"{self.item.key}: {self.value}"
        return f"{self.item.key}: {self.text[:40] or 'not applicable'}"
