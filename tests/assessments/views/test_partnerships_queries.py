"""The partnership, round and My partnerships pages run a fixed number of queries, however
many partners, members, rounds and responses there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import ResponseStatus, RoundStatus
from partnership_site.roles import PartnershipRole
from tests.factories import (
    FrameworkFactory,
    MembershipFactory,
    PartnerFactory,
    ResponseFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db

# Session and user (2), the partnership or round (1), the user's roles (1), then the page's
# own reads: partners, members and rounds (3) / frameworks, partners and counts (3); the
# people who have answered, apart from questionnaires submitted (1, issue 17); and whether
# the header links to the dashboard (1).
PARTNERSHIP_PAGE_QUERIES = 9
# The round page: its loader reads the user's roles and whether the header links to the
# dashboard with the round (permissions.with_roles), so 9 - 2, then the count of personal
# links and when reminders were last sent.
ROUND_PAGE_QUERIES = 9
# Session and user (2), memberships, partnerships visible otherwise (through a cohort), open
# rounds, their frameworks, the user's responses (5), the header's dashboard link (1).
MY_PARTNERSHIPS_QUERIES = 9


def _fill(partnership, n):
    frameworks = FrameworkFactory.create_batch(2)
    partners = PartnerFactory.create_batch(n, partnership=partnership)
    rounds = [
        RoundFactory(partnership=partnership, frameworks=frameworks, status=status)
        for status in [RoundStatus.OPEN, RoundStatus.CLOSED] * (n // 2)
    ]
    for partner in partners:
        MembershipFactory(partnership=partnership, partner=partner)
        for framework in frameworks:
            ResponseFactory(
                round=rounds[0],
                framework=framework,
                partner=partner,
                status=ResponseStatus.SUBMITTED,
                submitted_at=timezone.now(),
            )
    ResponseFactory(  # a guest who gave no organisation
        round=rounds[0],
        framework=frameworks[0],
        partner=None,
        respondent=None,
        status=ResponseStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    return rounds[0]


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("n", [2, 10])
def test_partnership_page(client, manager, partnership, n, django_assert_num_queries):
    _fill(partnership, n)
    client.force_login(manager)
    with django_assert_num_queries(PARTNERSHIP_PAGE_QUERIES):
        response = client.get(reverse("partnership_detail", args=[partnership.pk]))
    assert response.status_code == 200
    # Every partner and every member (n, and the manager) is listed with its actions.
    assert response.content.decode().count("Remove<span") == n + n + 1


@pytest.mark.parametrize("n", [2, 10])
def test_round_page(client, manager, partnership, n, django_assert_num_queries):
    round_ = _fill(partnership, n)
    client.force_login(manager)
    with django_assert_num_queries(ROUND_PAGE_QUERIES):
        response = client.get(reverse("round_detail", args=[round_.pk]))
    assert response.status_code == 200
    assert "No organisation given" in response.content.decode()


@pytest.mark.parametrize("n", [2, 10])
def test_my_partnerships_page(client, partnership, n, django_assert_num_queries):
    round_ = _fill(partnership, n)
    person = MembershipFactory(partnership=partnership, role=PartnershipRole.MEMBER).user
    for framework in round_.frameworks.all():
        ResponseFactory(round=round_, framework=framework, respondent=person, partner=None)
    for _ in range(n):  # more partnerships, each with an open round
        other = MembershipFactory(user=person, role=PartnershipRole.MEMBER).partnership
        RoundFactory(partnership=other, frameworks=[FrameworkFactory()])
    client.force_login(person)
    with django_assert_num_queries(MY_PARTNERSHIPS_QUERIES):
        response = client.get(reverse("my_partnerships"))
    assert response.status_code == 200


def test_counts_do_not_grow_with_rows(client, manager, partnership):
    """The same check without fixed numbers: 2 and 10 of everything cost the same."""
    client.force_login(manager)
    small = _fill(partnership, 2)
    urls = [
        reverse("partnership_detail", args=[partnership.pk]),
        reverse("round_detail", args=[small.pk]),
    ]
    before = [_count(client, url) for url in urls]
    _fill(partnership, 10)
    assert [_count(client, url) for url in urls] == before
