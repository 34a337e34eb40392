"""Partnerships, their partner organisations, members and cohorts; who holds which role."""

from django.conf import settings
from django.db import models
from django.db.models import CharField, Q, QuerySet, Value
from simple_history.models import HistoricalRecords

from assessments.icbs import validate_icb
from assessments.models.choices import OrganisationType, PartnershipKind
from partnership_site.roles import PartnershipRole


def role_sources(user, *, partnership_id: int | None = None) -> tuple[QuerySet, QuerySet]:
    """The one definition of where a person's partnership roles come from: their
    memberships, and the facilitator role in every partnership of a cohort they facilitate.

    Returns two querysets of ``(partnership_id, role)`` rows (unordered), optionally for one
    partnership. ``role_grants`` unions them (one query); ``visible_to`` uses them as
    subqueries. Anonymous users hold no role."""
    direct = Membership.objects.filter(user=user)
    through_cohort = Cohort.partnerships.through.objects.filter(cohort__facilitators=user)
    if partnership_id is not None:
        direct = direct.filter(partnership_id=partnership_id)
        through_cohort = through_cohort.filter(partnership_id=partnership_id)
    through_cohort = through_cohort.annotate(
        role=Value(PartnershipRole.FACILITATOR.value, output_field=CharField())
    )
    return (
        direct.order_by().values_list("partnership_id", "role"),
        through_cohort.order_by().values_list("partnership_id", "role"),
    )


def role_grants(user, *, partnership_id: int | None = None) -> QuerySet:
    """Every ``(partnership_id, role)`` the user holds, as one UNION query (see
    ``role_sources``). The roles query behind ``permissions.roles_in``, ``visible_to`` and
    the "My partnerships" selector."""
    direct, through_cohort = role_sources(user, partnership_id=partnership_id)
    return direct.union(through_cohort)


class PartnershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Partnerships this user may open: those in which they hold any role (see
        ``role_sources``). Subqueries, not joins, so no row appears twice."""
        if not user.is_authenticated:
            return self.none()
        direct, through_cohort = role_sources(user)
        return self.active().filter(
            Q(pk__in=direct.values("partnership_id"))
            | Q(pk__in=through_cohort.values("partnership_id"))
        )

    def active(self):
        """Partnerships not archived: archived ones are out of service for everyone but
        admins (assessments.services.archive)."""
        return self.filter(archived_at__isnull=True)

    def facilitated_by(self, user):
        """Partnerships in which this user is a facilitator: directly, or through a cohort."""
        if not user.is_authenticated:
            return self.none()
        direct, through_cohort = role_sources(user)
        return self.active().filter(
            Q(pk__in=direct.filter(role=PartnershipRole.FACILITATOR).values("partnership_id"))
            | Q(pk__in=through_cohort.values("partnership_id"))
        )


class Partnership(models.Model):
    """A group of organisations that assess how well they work together."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField("type", max_length=30, choices=PartnershipKind.choices)
    population = models.PositiveIntegerField(
        null=True, blank=True, help_text="Number of people the partnership serves, if known."
    )
    icb = models.CharField(
        "integrated care board",
        max_length=3,
        blank=True,
        validators=[validate_icb],
        help_text="ODS code of the partnership's integrated care board (assessments/icbs.py).",
    )
    region = models.CharField(
        "ICB or region",
        max_length=200,
        blank=True,
        help_text="As shown: the ICB's name when one is chosen (kept in step by the "
        "services); otherwise text from before ICBs were chosen from a list.",
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


class PartnerQuerySet(models.QuerySet):
    def active(self):
        """Partner organisations not archived: the ones offered in lists and choices."""
        return self.filter(archived_at__isnull=True)

    def for_shared_link(self):
        """The organisations someone asking for a personal link through the shared link may
        choose: every active one (ADR 0037: each link goes to a work address, so the "people
        asked" cap of ADR 0010 is no longer needed). None: nobody can use the link."""
        return self.active()


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
    archived_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When a manager archived the organisation: it leaves invitation choices and "
        "lists, and keeps its responses, history and report figures. Organisations that hold "
        "responses are archived, never deleted.",
    )

    objects = PartnerQuerySet.as_manager()
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


class CohortQuerySet(models.QuerySet):
    def facilitated_by(self, user):
        """Cohorts this user facilitates (none for anonymous users)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(facilitators=user)


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

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
