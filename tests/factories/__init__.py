"""factory_boy factories for every model. Related objects are built consistently: a
response's partner belongs to its round's partnership, an answer's item to its framework."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from assessments import models as a
from frameworks import models as f
from partnership_site.roles import PartnershipRole


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.nhs.uk")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    password = factory.django.Password("correct-horse-battery")


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = f.Framework

    slug = factory.Sequence(lambda n: f"framework-{n}")
    version = 1
    title = factory.Sequence(lambda n: f"Framework {n}")
    summary = "A framework for tests."
    kind = f.FrameworkKind.RATED
    source = "Test source, 2026."
    scale_min = 1
    scale_max = 5
    scale_labels = [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ]
    status = f.FrameworkStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = f.Dimension

    framework = factory.SubFactory(FrameworkFactory)
    key = factory.Sequence(lambda n: f"dimension-{n}")
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Dimension {n}")
    guidance = "Guidance from the source."


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = f.Item

    dimension = factory.SubFactory(DimensionFactory)
    key = factory.Sequence(lambda n: f"item-{n}")
    position = factory.Sequence(lambda n: n + 1)
    statement = factory.Sequence(lambda n: f"Statement {n}")


class ScoreBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = f.ScoreBand

    framework = factory.SubFactory(FrameworkFactory)
    label = "Concern"
    lower_bound = 0
    colour = f.TagColour.RED


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = a.Partnership

    name = factory.Sequence(lambda n: f"Partnership {n}")
    kind = a.PartnershipKind.PCN
    population = 40_000
    region = "NHS Test ICB"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = a.Partner

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Practice {n}")
    organisation_type = a.OrganisationType.GP_PRACTICE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = a.Membership

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = PartnershipRole.MEMBER


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = a.Round
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Round {n}")
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    status = a.RoundStatus.OPEN
    open_link_enabled = True
    closed_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == a.RoundStatus.CLOSED else None
    )

    @factory.post_generation
    def frameworks(self, create, extracted, **kwargs):
        for position, framework in enumerate(extracted or [], start=1):
            a.RoundFramework.objects.create(round=self, framework=framework, position=position)


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = a.Response

    round = factory.SubFactory(RoundFactory)
    framework = factory.SubFactory(FrameworkFactory)
    partner = factory.SubFactory(
        PartnerFactory, partnership=factory.SelfAttribute("..round.partnership")
    )
    respondent = factory.SubFactory(UserFactory)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = a.Answer

    # The item first: once a response uses a framework version, the version is frozen and no
    # item can be added to it (frameworks/guards.py). Pass ``item`` with ``response``.
    item = factory.SubFactory(ItemFactory)
    response = factory.SubFactory(
        ResponseFactory, framework=factory.SelfAttribute("..item.dimension.framework")
    )
    value = 3


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = a.ActionItem

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = "PCN manager"


def build_framework(*, sections=(2, 2, 2), text_items=(), bands=True, **framework_fields):
    """A published framework with ``sections[i]`` rated items in dimension i + 1 (positions
    from 1), free-text items added to the dimensions listed in ``text_items`` (1-based), and
    the usual Concern / Developing / Strength bands."""
    framework = FrameworkFactory(**framework_fields)
    for number, count in enumerate(sections, start=1):
        dimension = DimensionFactory(
            framework=framework,
            position=number,
            key=f"{framework.slug}-d{number}",
            title=f"Section {number} title",
            description=f"What section {number} is about.",
            guidance=f"Guidance for section {number}.",
        )
        for position in range(1, count + 1):
            ItemFactory(
                dimension=dimension,
                position=position,
                key=f"{dimension.key}-i{position}",
                statement=f"Statement {number}.{position}",
            )
        if number in text_items:
            ItemFactory(
                dimension=dimension,
                position=count + 1,
                key=f"{dimension.key}-text",
                statement=f"Reflection {number}",
                response_type=f.ResponseType.TEXT,
            )
    if bands:
        for label, lower, colour in [
            ("Concern", 0, f.TagColour.RED),
            ("Developing", 50, f.TagColour.YELLOW),
            ("Strength", 75, f.TagColour.GREEN),
        ]:
            ScoreBandFactory(framework=framework, label=label, lower_bound=lower, colour=colour)
    return framework


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = a.Cohort
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Cohort {n}")
    region = "NHS Test ICB"

    @factory.post_generation
    def partnerships(self, create, extracted, **kwargs):
        if extracted:
            self.partnerships.add(*extracted)

    @factory.post_generation
    def facilitators(self, create, extracted, **kwargs):
        if extracted:
            self.facilitators.add(*extracted)
