"""Assessment rounds and the framework versions in each."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from assessments.errors import ClosedRoundError
from assessments.models.choices import RoundStatus
from assessments.models.partnerships import Partnership
from assessments.models.tokens import new_token
from frameworks.models import Framework

DEFAULT_ANONYMITY_THRESHOLD = 3
# With a threshold of 2, each of two people in a group can subtract their own answers from
# the group's figures and read the other's: 3 is the smallest that protects anyone (ADR 0010).
MIN_ANONYMITY_THRESHOLD = 3
# Rounds created before that rule may hold 2; the database still accepts them.
LEGACY_MIN_ANONYMITY_THRESHOLD = 2
# Automatic reminders (ADR 0022): from this many days before the closing date; 0 = none.
DEFAULT_REMIND_DAYS_BEFORE = 3
MAX_REMIND_DAYS_BEFORE = 60


class RoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Rounds of the partnerships this user may open (``Partnership.objects.visible_to``);
        whether they may see a round's report is a further check (permissions)."""
        return self.filter(partnership__in=Partnership.objects.visible_to(user))


class Round(models.Model):
    """One assessment round: a partnership answers chosen frameworks between two dates."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(max_length=200)
    frameworks = models.ManyToManyField(Framework, through="RoundFramework", related_name="rounds")
    opens_on = models.DateField()
    closes_on = models.DateField()
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    invitation_token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False
    )
    anonymity_threshold = models.PositiveSmallIntegerField(
        default=DEFAULT_ANONYMITY_THRESHOLD,
        validators=[MinValueValidator(MIN_ANONYMITY_THRESHOLD), MaxValueValidator(50)],
        help_text="Groups with fewer responses than this are never shown.",
    )
    results_visible_to_members = models.BooleanField(
        default=True, help_text="Members may read the partnership report once the round closes."
    )
    open_link_enabled = models.BooleanField(
        "shared invitation link in use",
        default=False,
        help_text="Anyone with the round's shared link may answer, choosing their own "
        "organisation and role. Personal links are safer.",
    )
    remind_days_before = models.PositiveSmallIntegerField(
        "send reminders this many days before closing",
        default=DEFAULT_REMIND_DAYS_BEFORE,
        validators=[MaxValueValidator(MAX_REMIND_DAYS_BEFORE)],
        help_text="People who have not answered get one email a day from this many days "
        "before the closing date. 0 turns automatic reminders off.",
    )
    proposed_change = models.CharField(
        "the change this round asks about",
        max_length=200,
        blank=True,
        help_text="Named for questionnaires that ask how ready people are for a change "
        "(Readiness for change); shown to everyone before they answer.",
    )
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the round actually closed. A closed round never opens again.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoundQuerySet.as_manager()
    # The invitation link is a secret: history never keeps its value.
    history = HistoricalRecords(excluded_fields=["created_at", "invitation_token"])

    class Meta:
        ordering = ["partnership", "-opens_on", "title"]
        verbose_name = "assessment round"
        indexes = [
            # Finding open rounds whose closing date has passed (close_due_rounds): on every
            # request once a day per process, and from cron.
            models.Index(fields=["status", "closes_on"], name="round_status_closes_on"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "title"], name="round_title_unique"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="round_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(status__in=RoundStatus.values), name="round_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(anonymity_threshold__gte=LEGACY_MIN_ANONYMITY_THRESHOLD)
                & Q(anonymity_threshold__lte=50),
                name="round_anonymity_threshold_range",
            ),
            models.CheckConstraint(
                condition=Q(remind_days_before__lte=MAX_REMIND_DAYS_BEFORE),
                name="round_remind_days_before_range",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=RoundStatus.CLOSED, closed_at__isnull=False)
                    | (~Q(status=RoundStatus.CLOSED) & Q(closed_at__isnull=True))
                ),
                name="round_closed_at_paired_with_closed",
            ),
        ]

    def __str__(self):
        return f"{self.partnership}: {self.title}"

    def save(self, *args, **kwargs):
        """A closed round is final: refuse any save that would change its status. Closing
        records when it happened (``closed_at``), if the caller has not."""
        if self.status == RoundStatus.CLOSED and self.closed_at is None:
            self.closed_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "closed_at"}
        if self.pk is not None and self.status != RoundStatus.CLOSED:
            stored = Round.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == RoundStatus.CLOSED:
                raise ClosedRoundError("A closed round cannot be opened again.")
        super().save(*args, **kwargs)

    @property
    def accepts_answers(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def results_released(self) -> bool:
        """Figures are published only once a round has closed (disclosure control)."""
        return self.status == RoundStatus.CLOSED


class RoundFramework(models.Model):
    """A framework version used in a round, in the order respondents meet it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="round_frameworks")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["round", "position"]
        verbose_name = "framework in a round"
        constraints = [
            models.UniqueConstraint(fields=["round", "framework"], name="round_framework_unique"),
            models.UniqueConstraint(
                fields=["round", "position"], name="round_framework_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="round_framework_position_positive"
            ),
        ]

    def __str__(self):
        return f"{self.round}: {self.framework}"
