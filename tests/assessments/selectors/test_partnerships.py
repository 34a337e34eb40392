"""The "My partnerships" selector and the one roles query behind it."""

import pytest

from assessments.models import Partnership, Round, RoundStatus
from assessments.models.partnerships import role_grants
from assessments.selectors.partnerships import my_partnerships
from partnership_site.permissions import roles_by_partnership, roles_in
from partnership_site.roles import PartnershipRole
from tests.factories import (
    CohortFactory,
    MembershipFactory,
    PartnershipFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_role_grants_union_memberships_and_cohorts():
    person = UserFactory()
    north, south, west = PartnershipFactory.create_batch(3)
    MembershipFactory(user=person, partnership=north, role=PartnershipRole.MEMBER)
    cohort = CohortFactory(partnerships=[north, south])
    cohort.facilitators.add(person)
    assert set(role_grants(person)) == {
        (north.pk, PartnershipRole.MEMBER),
        (north.pk, PartnershipRole.FACILITATOR),
        (south.pk, PartnershipRole.FACILITATOR),
    }
    assert set(role_grants(person, partnership_id=west.pk)) == set()
    assert set(Partnership.objects.visible_to(person)) == {north, south}


def test_roles_by_partnership_primes_the_cache(django_assert_num_queries):
    membership = MembershipFactory(role=PartnershipRole.MANAGER)
    with django_assert_num_queries(1):
        roles = roles_by_partnership(membership.user)
        assert roles_in(membership.user, membership.partnership) == {PartnershipRole.MANAGER}
    assert roles == {membership.partnership_id: {PartnershipRole.MANAGER}}


def test_rounds_visible_to_follow_partnerships():
    membership = MembershipFactory(role=PartnershipRole.MEMBER)
    mine = RoundFactory(partnership=membership.partnership)
    RoundFactory()  # another partnership's
    assert list(Round.objects.visible_to(membership.user)) == [mine]


def test_nobody_signed_out_sees_anything(client):
    anonymous = client.get("/").wsgi_request.user
    assert my_partnerships(anonymous) == []
    assert not Round.objects.visible_to(anonymous).exists()


def test_a_membership_role_wins_over_cohort_facilitation():
    person = UserFactory()
    north, south = PartnershipFactory.create_batch(2)
    MembershipFactory(user=person, partnership=north, role=PartnershipRole.MEMBER)
    cohort = CohortFactory(partnerships=[north, south])
    cohort.facilitators.add(person)
    entries = {e.partnership: e for e in my_partnerships(person)}
    assert entries[north].role == PartnershipRole.MEMBER and entries[north].can_answer
    assert entries[south].role == PartnershipRole.FACILITATOR
    assert entries[south].facilitates and not entries[south].can_answer


@pytest.mark.parametrize(
    ("role", "visible_to_members", "shown"),
    [
        (PartnershipRole.MANAGER, False, True),
        (PartnershipRole.FACILITATOR, False, True),
        (PartnershipRole.MEMBER, False, False),
        (PartnershipRole.MEMBER, True, True),
    ],
)
def test_latest_report_follows_the_report_rule(role, visible_to_members, shown):
    membership = MembershipFactory(role=role)
    closed = RoundFactory(
        partnership=membership.partnership,
        status=RoundStatus.CLOSED,
        results_visible_to_members=visible_to_members,
    )
    RoundFactory(partnership=membership.partnership)  # open: never a report (ADR 0010)
    [entry] = my_partnerships(membership.user)
    assert entry.latest_report == (closed if shown else None)


def test_query_count_does_not_grow_with_partnerships(django_assert_num_queries):
    person = UserFactory()
    for _ in range(3):
        membership = MembershipFactory(user=person, role=PartnershipRole.MEMBER)
        RoundFactory(partnership=membership.partnership)
        RoundFactory(partnership=membership.partnership, status=RoundStatus.CLOSED)
    # roles, partnerships, open rounds (+ their frameworks), own responses, closed rounds
    with django_assert_num_queries(6):
        assert len(my_partnerships(person)) == 3
