"""Partnerships, their partners and members, assessment rounds, responses and actions."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from frameworks.models import SCALE_CEILING, SCALE_FLOOR, Framework
from partnership_site.roles import PartnershipRole

DEFAULT_ANONYMITY_THRESHOLD = 3
# With a threshold of 2, each of two people in a group can subtract their own answers from
# the group's figures and read the other's: 3 is the smallest that protects anyone (ADR 0010).
MIN_ANONYMITY_THRESHOLD = 3
# Rounds created before that rule may hold 2; the database still accepts them.
LEGACY_MIN_ANONYMITY_THRESHOLD = 2


def new_token() -> str:
    return secrets.token_urlsafe(24)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class PartnershipKind(models.TextChoices):
    PCN = "pcn", "Primary care network"
    PLACE = "place", "Place-based partnership"
    PROVIDER_COLLABORATIVE = "provider_collaborative", "Provider collaborative"
    INTEGRATION_AUTHORITY = "integration_authority", "Integration authority"
    OTHER = "other", "Other partnership"


class OrganisationType(models.TextChoices):
    GP_PRACTICE = "gp_practice", "GP practice"
    COMMUNITY_TRUST = "community_trust", "Community health trust"
    MENTAL_HEALTH_TRUST = "mental_health_trust", "Mental health trust"
    ACUTE_TRUST = "acute_trust", "Acute (hospital) trust"
    AMBULANCE = "ambulance", "Ambulance service"
    LOCAL_AUTHORITY = "local_authority", "Local authority or social care"
    VCSE = "vcse", "Voluntary, community or social enterprise (VCSE)"
    PRIVATE_PROVIDER = "private_provider", "Independent or private provider"
    PHARMACY = "pharmacy", "Community pharmacy"
    OTHER = "other", "Other organisation"


class RespondentRole(models.TextChoices):
    CLINICAL = "clinical", "Clinical (for example GP, nurse, pharmacist)"
    LEADERSHIP = "leadership", "Leadership or management"
    OPERATIONAL = "operational", "Administrative or operational"
    COMMUNITY = "community", "Community, voluntary or patient representative"
    OTHER = "other", "Another role"


class PartnershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Partnerships this user may open: those they belong to in any role, and those of
        the cohorts they facilitate. Subqueries, not joins, so no row appears twice."""
        if not user.is_authenticated:
            return self.none()
        return self.active().filter(
            Q(pk__in=Membership.objects.filter(user=user).values("partnership_id"))
            | Q(pk__in=_cohort_partnership_ids(user))
        )

    def active(self):
        """Partnerships not archived: archived ones are out of service for everyone but
        admins (assessments.services.archive)."""
        return self.filter(archived_at__isnull=True)

    def facilitated_by(self, user):
        """Partnerships in which this user is a facilitator: directly, or through a cohort."""
        if not user.is_authenticated:
            return self.none()
        direct = Membership.objects.filter(user=user, role=PartnershipRole.FACILITATOR)
        return self.active().filter(
            Q(pk__in=direct.values("partnership_id")) | Q(pk__in=_cohort_partnership_ids(user))
        )


def _cohort_partnership_ids(user):
    return Cohort.partnerships.through.objects.filter(cohort__facilitators=user).values(
        "partnership_id"
    )


class Partnership(models.Model):
    """A group of organisations that assess how well they work together."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField("type", max_length=30, choices=PartnershipKind.choices)
    population = models.PositiveIntegerField(
        null=True, blank=True, help_text="Number of people the partnership serves, if known."
    )
    region = models.CharField(
        "ICB or region", max_length=200, blank=True, help_text="Integrated care board or region."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the partnership was archived: kept with all its results, shown to "
        "nobody but admins. Partnerships with responses are archived, never deleted.",
    )

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=PartnershipKind.values), name="partnership_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(population__isnull=True) | Q(population__gt=0),
                name="partnership_population_positive",
            ),
        ]

    def __str__(self):
        return self.name


class Partner(models.Model):
    """An organisation taking part in a partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField("organisation name", max_length=200)
    organisation_type = models.CharField(max_length=30, choices=OrganisationType.choices)
    ods_code = models.CharField(
        "ODS code",
        max_length=10,
        blank=True,
        help_text="Organisation Data Service code, for example F81001. Optional.",
    )
    people_invited = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="How many people from this organisation are asked to answer. "
        "Used to work out response rates; leave empty if not known.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "name"]
        verbose_name = "partner organisation"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="partner_name_unique"),
            models.CheckConstraint(
                condition=Q(organisation_type__in=OrganisationType.values),
                name="partner_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(people_invited__isnull=True) | Q(people_invited__gt=0),
                name="partner_people_invited_positive",
            ),
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A person's place in a partnership: their role and the organisation they belong to."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=PartnershipRole.choices)
    partner = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        help_text="The organisation this person belongs to, if any.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["partnership", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="membership_unique"),
            models.CheckConstraint(
                condition=Q(role__in=PartnershipRole.values), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} of {self.partnership}"


class ClosedRoundError(ValidationError):
    """Raised when anything tries to reopen a closed round (see ADR 0010)."""


class RoundStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


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
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the round actually closed. A closed round never opens again.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # The invitation link is a secret: history never keeps its value.
    history = HistoricalRecords(excluded_fields=["created_at", "invitation_token"])

    class Meta:
        ordering = ["partnership", "-opens_on", "title"]
        verbose_name = "assessment round"
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


class ResponseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


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


class PersonalInvitation(models.Model):
    """A single-use personal link for one named person to answer one round.

    The manager fixes the person's organisation and role, so they cannot be chosen to lift a
    small group over the threshold. The link gives at most one response per questionnaire.
    The link's token is never stored: it is an HMAC of the row's id and ``nonce`` under the
    site's secret key (``assessments.personal_links``), so it can be shown again to the
    manager, and a copy of the database alone cannot be used to answer.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="invitations", verbose_name="organisation"
    )
    respondent_role = models.CharField("role", max_length=20, choices=RespondentRole.choices)
    nonce = models.CharField(max_length=64, default=new_token, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Audit trail: who invited or withdrew whom (the nonce, from which links derive, is not kept).
    history = HistoricalRecords(excluded_fields=["created_at", "nonce"])

    class Meta:
        ordering = ["round", "name", "email"]
        verbose_name = "personal invitation"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "email"], name="personal_invitation_one_per_email_per_round"
            ),
            models.CheckConstraint(
                condition=Q(respondent_role__in=RespondentRole.values),
                name="personal_invitation_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}> – {self.round}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class ActionStatus(models.TextChoices):
    OPEN = "open", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


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


class Cohort(models.Model):
    """A group of partnerships supported together, such as an ICB's development programme.

    Facilitators assigned to a cohort hold the facilitator role in each of its partnerships
    (partnership_site.permissions.roles_in): they see aggregates, never who said what.
    """

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    region = models.CharField(
        "ICB or region", max_length=200, blank=True, help_text="Integrated care board or region."
    )
    partnerships = models.ManyToManyField(Partnership, related_name="cohorts", blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="facilitated_cohorts",
        blank=True,
        help_text="People who support every partnership in the cohort.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
