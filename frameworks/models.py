"""The framework library: versioned questionnaires with dimensions, items and score bands."""

from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.dispatch import Signal
from simple_history.models import HistoricalRecords

SCALE_FLOOR = 0
SCALE_CEILING = 10

# Library frameworks (by slug) whose statements speak of "these changes": their summary asks
# for the change to be named before people answer, so a round using one must name it
# (``Round.proposed_change``; frameworks/content/readiness-for-change.yaml).
NAMED_CHANGE_FRAMEWORKS = frozenset({"readiness-for-change"})


class FrameworkFrozen(PermissionDenied):
    """Raised on an attempt to change a version that responses already use.

    A kind of PermissionDenied, so a view that lets one through answers 403, never 500."""

    def __init__(self, framework: "Framework"):
        self.framework = framework
        super().__init__(
            f"{framework.title} version {framework.version} is used by responses, so it "
            "cannot change. Make a new draft version instead."
        )


# Sent by GuardedModel.delete() before Django's deletion starts; frameworks/guards.py
# connects the frozen-version check to it (so this module need not import guards).
delete_requested = Signal()


class GuardedModel(models.Model):
    """Refuses to delete (part of) a frozen version before Django's deletion starts, so the
    caller's transaction stays usable. Cascades are caught by frameworks/guards.py."""

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        # Receivers raise FrameworkFrozen to refuse; send() lets the exception through.
        delete_requested.send(sender=type(self), instance=self)
        return super().delete(*args, **kwargs)


class FrameworkKind(models.TextChoices):
    RATED = "rated", "Rated statements"
    CHECKLIST = "checklist", "Checklist (Yes / Partly / No)"
    REFLECTION = "reflection", "Reflection prompts"


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


class TagColour(models.TextChoices):
    """Colours of the NHS.UK tag component."""

    RED = "red", "Red"
    ORANGE = "orange", "Orange"
    YELLOW = "yellow", "Yellow"
    GREEN = "green", "Green"
    AQUA_GREEN = "aqua-green", "Aqua green"
    BLUE = "blue", "Blue"
    PURPLE = "purple", "Purple"
    PINK = "pink", "Pink"
    GREY = "grey", "Grey"
    WHITE = "white", "White"


class ResponseType(models.TextChoices):
    SCALE = "scale", "Choose a point on the scale"
    TEXT = "text", "Free-text reflection"


class FrameworkQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=FrameworkStatus.PUBLISHED)

    def latest_published(self):
        """The highest published version of each framework slug."""
        newer = Framework.objects.filter(
            slug=models.OuterRef("slug"),
            status=FrameworkStatus.PUBLISHED,
            version__gt=models.OuterRef("version"),
        )
        return self.published().filter(partnership__isnull=True).exclude(models.Exists(newer))

    def library(self):
        """The shared framework library: everything but partnerships' local questions."""
        return self.filter(partnership__isnull=True)


class Framework(GuardedModel):
    """One version of a self-assessment framework."""

    slug = models.SlugField(
        max_length=80, help_text="Short name shared by every version of this framework."
    )
    version = models.PositiveIntegerField(
        default=1, validators=[MinValueValidator(1)], help_text="Version number, from 1."
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="What the framework asks about, shown before starting.")
    kind = models.CharField(max_length=20, choices=FrameworkKind.choices)
    source = models.TextField(help_text="The source documents: author, title and year.")
    scale_min = models.PositiveSmallIntegerField(
        "lowest scale value",
        null=True,
        blank=True,
        validators=[MaxValueValidator(SCALE_CEILING)],
    )
    scale_max = models.PositiveSmallIntegerField(
        "highest scale value",
        null=True,
        blank=True,
        validators=[MaxValueValidator(SCALE_CEILING)],
    )
    scale_labels = models.JSONField(
        default=list,
        blank=True,
        help_text="One label per scale point, lowest value first.",
    )
    scale_question = models.CharField(
        max_length=200, blank=True, help_text="Optional prompt shown above each rated item."
    )
    status = models.CharField(
        max_length=20, choices=FrameworkStatus.choices, default=FrameworkStatus.DRAFT
    )
    previous_version = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_versions",
        help_text="The version this one was copied from.",
    )
    partnership = models.ForeignKey(
        "assessments.Partnership",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="local_frameworks",
        help_text="Set for one partnership's own local questions, which are reported "
        "separately and never benchmarked; empty for the shared library.",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FrameworkQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["title", "-version"]
        verbose_name = "framework version"
        verbose_name_plural = "framework versions"
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "version"], name="framework_slug_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=FrameworkStatus.values), name="framework_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=FrameworkKind.values), name="framework_kind_valid"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="framework_version_positive"),
            # A scale has both ends or neither, and its low end is below its high end.
            models.CheckConstraint(
                condition=(
                    Q(scale_min__isnull=True, scale_max__isnull=True)
                    | Q(
                        scale_min__isnull=False,
                        scale_max__isnull=False,
                        scale_min__lt=F("scale_max"),
                        scale_max__lte=SCALE_CEILING,
                    )
                ),
                name="framework_scale_paired_and_ordered",
            ),
            models.CheckConstraint(
                condition=Q(kind=FrameworkKind.REFLECTION) | Q(scale_min__isnull=False),
                name="framework_scored_kinds_have_scale",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=FrameworkStatus.DRAFT, published_at__isnull=True)
                    | (~Q(status=FrameworkStatus.DRAFT) & Q(published_at__isnull=False))
                ),
                name="framework_published_at_paired_with_status",
            ),
        ]

    def __str__(self):
        return f"{self.title} (version {self.version}, {self.get_status_display().lower()})"

    @property
    def is_scored(self) -> bool:
        return self.scale_min is not None

    @property
    def scale_points(self) -> list[tuple[int, str]]:
        if not self.is_scored:
            return []
        return list(zip(range(self.scale_min, self.scale_max + 1), self.scale_labels, strict=False))

    @property
    def is_draft(self) -> bool:
        return self.status == FrameworkStatus.DRAFT

    @property
    def is_frozen(self) -> bool:
        """A version that any response uses may no longer change (frameworks/guards.py)."""
        return self.pk is not None and self.responses.exists()


class Dimension(GuardedModel):
    """A theme within a framework, answered on one questionnaire page."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="dimensions")
    key = models.SlugField(max_length=80, help_text="Short name, unique within the framework.")
    position = models.PositiveSmallIntegerField(help_text="Order within the framework, from 1.")
    title = models.CharField(max_length=200)
    description = models.TextField(
        blank=True, help_text="Shown at the top of this dimension's questionnaire page."
    )
    source = models.TextField(blank=True, help_text="The element of the source this covers.")
    guidance = models.TextField(
        blank=True, help_text="The source's explanation, shown in reports beside the score."
    )
    local_context = models.BooleanField(
        default=False,
        help_text="Local items are reported separately and never enter cohort benchmarks.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "key"], name="dimension_key_unique"),
            models.UniqueConstraint(
                fields=["framework", "position"], name="dimension_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="dimension_position_positive"
            ),
        ]

    def __str__(self):
        return self.title


class Item(GuardedModel):
    """One statement a respondent rates, or a prompt they answer in their own words."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="items")
    key = models.SlugField(max_length=80, help_text="Short name, unique within the framework.")
    position = models.PositiveSmallIntegerField(help_text="Order within the dimension, from 1.")
    statement = models.TextField()
    help_text = models.TextField("hint", blank=True)
    response_type = models.CharField(
        max_length=10, choices=ResponseType.choices, default=ResponseType.SCALE
    )
    reverse_scored = models.BooleanField(
        default=False,
        help_text="Tick when agreeing (or a high value) means lower readiness, as with barriers.",
    )
    weight = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0.01)],
        help_text="Relative weight within the dimension.",
    )
    allows_not_applicable = models.BooleanField(
        "offers 'Not applicable / don't know'", default=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["dimension__framework", "dimension__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "key"], name="item_key_unique"),
            models.UniqueConstraint(fields=["dimension", "position"], name="item_position_unique"),
            models.CheckConstraint(condition=Q(position__gte=1), name="item_position_positive"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="item_weight_positive"),
            models.CheckConstraint(
                condition=Q(response_type__in=ResponseType.values), name="item_response_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(response_type=ResponseType.SCALE) | Q(reverse_scored=False),
                name="item_text_never_reverse_scored",
            ),
        ]

    def __str__(self):
        return self.statement[:80]

    @property
    def is_scored(self) -> bool:
        return self.response_type == ResponseType.SCALE


class ScoreBand(GuardedModel):
    """A named range of scores (0–100) such as Concern, Developing or Strength."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="bands")
    label = models.CharField(max_length=50)
    lower_bound = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(100)],
        help_text="Scores from this value (0–100) up to the next band's lower bound.",
    )
    colour = models.CharField(max_length=20, choices=TagColour.choices, default=TagColour.GREY)
    meaning = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "lower_bound"]
        verbose_name = "score band"
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "lower_bound"], name="band_lower_bound_unique"
            ),
            models.UniqueConstraint(fields=["framework", "label"], name="band_label_unique"),
            models.CheckConstraint(
                condition=Q(lower_bound__gte=0, lower_bound__lte=100), name="band_lower_bound_range"
            ),
            models.CheckConstraint(
                condition=Q(colour__in=TagColour.values), name="band_colour_valid"
            ),
        ]

    def __str__(self):
        return f"{self.label} (from {self.lower_bound})"


class DimensionAdvice(GuardedModel):
    """What a partnership might do when a dimension falls in a band: the suggested action."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="advice")
    band = models.ForeignKey(ScoreBand, on_delete=models.CASCADE, related_name="advice")
    text = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["dimension", "band__lower_bound"]
        verbose_name = "advice for a band"
        verbose_name_plural = "advice for bands"
        constraints = [
            models.UniqueConstraint(fields=["dimension", "band"], name="advice_one_per_band"),
        ]

    def __str__(self):
        return f"{self.dimension}: {self.band.label}"
