"""Partnerships, partners, members, rounds, responses, answers, actions and cohorts."""

from datetime import timedelta

import factory
from django.utils import timezone

from assessments import models as a
from assessments.services.invitations import new_link
from partnership_site.roles import PartnershipRole
from tests.factories.frameworks import FrameworkFactory, ItemFactory
from tests.factories.users import UserFactory


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


def forget_stored_results(round_) -> None:
    """Tests build closed rounds with factories and add responses and answers afterwards,
    which production never does (a closed round's answers are final, ADR 0031). The stored
    results of such a round are dropped; the next read stores them again (tests/conftest.py
    swaps ``stored_results.missing_results_handler``)."""
    if round_.status == a.RoundStatus.CLOSED:
        a.RoundResult.objects.filter(round_id=round_.pk).delete()


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = a.Response

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        response = super()._create(model_class, *args, **kwargs)
        forget_stored_results(response.round)
        return response

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

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        answer = super()._create(model_class, *args, **kwargs)
        forget_stored_results(answer.response.round)
        return answer


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = a.ActionItem

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = "PCN manager"


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


def personal_link_token(invitation) -> str:
    """A working token for a personal invitation, as its email would carry (a new one each
    call: the previous stops working). Tests use it where the person's email is not the
    point; the manager never sees one (ADR 0037)."""
    return new_link(invitation)
