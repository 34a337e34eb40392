"""Cohorts: facilitators assigned to a cohort hold the facilitator role in its partnerships,
see aggregates only (never an individual answer or a comment), and nothing else."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.models import Cohort, Partnership, RoundStatus
from partnership_site.permissions import can_read_comments, has_permission, roles_in
from partnership_site.roles import PartnershipRole, Permission
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.downloads import download_text
from tests.factories import (
    CohortFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def readiness(framework):  # noqa: F811
    """The report tests' framework: Trust (i1, i2 reverse-scored) and Vision (i3)."""
    return framework


SECRET = "Only the Alpha practice manager knows this"


@pytest.fixture
def cohort_facilitator(db):
    return UserFactory(username="cohort-facilitator")


@pytest.fixture
def cohort(cohort_facilitator):
    return CohortFactory(
        partnerships=[PartnershipFactory(name="North"), PartnershipFactory(name="South")],
        facilitators=[cohort_facilitator],
    )


@pytest.fixture
def outside(db):
    return PartnershipFactory(name="Outside")


@pytest.fixture
def closed_round(cohort, readiness):
    north = cohort.partnerships.get(name="North")
    round_ = RoundFactory(partnership=north, frameworks=[readiness], status=RoundStatus.CLOSED)
    alpha = PartnerFactory(partnership=north, name="Alpha")
    respond(round_, readiness, alpha, {"i1": 5, "i2": 1, "i3": 4}, comment=SECRET)
    respond(round_, readiness, alpha, {"i1": 4, "i2": 2, "i3": 4})
    respond(round_, readiness, alpha, {"i1": 2, "i2": 3, "i3": 1})
    return round_


def test_a_cohort_facilitator_has_the_facilitator_role_in_its_partnerships(
    cohort_facilitator, cohort, outside, django_assert_num_queries
):
    north = cohort.partnerships.get(name="North")
    with django_assert_num_queries(1):
        assert roles_in(cohort_facilitator, north) == {PartnershipRole.FACILITATOR}
    with django_assert_num_queries(0):  # cached for the request
        roles_in(cohort_facilitator, north)
    assert roles_in(cohort_facilitator, outside) == set()


@pytest.mark.parametrize("permission", list(Permission))
def test_cohort_facilitator_permissions(cohort_facilitator, cohort, outside, permission):
    north = cohort.partnerships.get(name="North")
    # A facilitator supporting the partnership reads its reports and its action plan, and
    # records the consensus workshop's agreed positions (issue 12); nothing else.
    allowed = {
        Permission.VIEW_PARTNERSHIP,
        Permission.VIEW_REPORT,
        Permission.VIEW_WITHHELD_REPORT,
        Permission.VIEW_ACTIONS,
        Permission.RECORD_CONSENSUS,
    }
    assert has_permission(cohort_facilitator, permission, north) is (permission in allowed)
    assert not has_permission(cohort_facilitator, permission, outside)


def test_roles_add_up_across_membership_and_cohort(cohort_facilitator, cohort):
    north = cohort.partnerships.get(name="North")
    MembershipFactory(user=cohort_facilitator, partnership=north, role=PartnershipRole.MEMBER)
    assert roles_in(cohort_facilitator, north) == {
        PartnershipRole.MEMBER,
        PartnershipRole.FACILITATOR,
    }
    assert can_read_comments(cohort_facilitator, north)


def test_visible_to_is_exactly_cohorts_and_memberships(cohort_facilitator, cohort, outside):
    assigned = PartnershipFactory(name="Assigned")
    MembershipFactory(
        user=cohort_facilitator, partnership=assigned, role=PartnershipRole.FACILITATOR
    )
    # In a second cohort of the same facilitator, and a direct member too: listed once.
    north = cohort.partnerships.get(name="North")
    CohortFactory(partnerships=[north], facilitators=[cohort_facilitator])
    MembershipFactory(user=cohort_facilitator, partnership=north, role=PartnershipRole.MEMBER)

    visible = list(
        Partnership.objects.visible_to(cohort_facilitator).values_list("name", flat=True)
    )

    assert visible == ["Assigned", "North", "South"]
    assert list(Partnership.objects.facilitated_by(cohort_facilitator)) == list(
        Partnership.objects.filter(name__in=["Assigned", "North", "South"])
    )


def test_managers_still_see_only_their_own(manager, partnership, cohort):
    assert list(Partnership.objects.visible_to(manager)) == [partnership]
    assert list(Partnership.objects.facilitated_by(manager)) == []


def test_leaving_a_cohort_removes_access(cohort_facilitator, cohort):
    cohort.facilitators.remove(cohort_facilitator)
    assert list(Partnership.objects.visible_to(cohort_facilitator)) == []


def test_pages_for_a_cohort_facilitator(client, cohort_facilitator, closed_round, outside):
    other_round = RoundFactory(partnership=outside, status=RoundStatus.CLOSED)
    client.force_login(cohort_facilitator)

    assert client.get(reverse("round_report", args=[closed_round.pk])).status_code == 200
    assert client.get(reverse("trends", args=[closed_round.partnership_id])).status_code == 200
    assert client.get(reverse("partnership_detail", args=[outside.pk])).status_code == 404
    assert client.get(reverse("round_report", args=[other_round.pk])).status_code == 404
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.parametrize("how", ["cohort", "membership"])
def test_facilitators_never_see_comments(client, cohort_facilitator, closed_round, how):
    user = cohort_facilitator
    if how == "membership":
        user = MembershipFactory(
            partnership=closed_round.partnership, role=PartnershipRole.FACILITATOR
        ).user
    client.force_login(user)

    html = client.get(reverse("round_report", args=[closed_round.pk])).content.decode()

    assert "Trust" in html  # the figures are there
    assert SECRET not in html
    assert "Written comments are shown only to the partnership" in html


@pytest.mark.parametrize("role", [PartnershipRole.MANAGER, PartnershipRole.MEMBER])
def test_managers_and_members_still_read_comments(client, closed_round, role):
    user = MembershipFactory(partnership=closed_round.partnership, role=role).user
    client.force_login(user)
    html = client.get(reverse("round_report", args=[closed_round.pk])).content.decode()
    assert SECRET in html


def test_a_facilitator_never_opens_an_individual_response(client, cohort_facilitator, closed_round):
    client.force_login(cohort_facilitator)
    for response in closed_round.responses.all():
        for name in ("my_result", "response_continue", "check_answers"):
            assert client.get(reverse(name, args=[response.pk])).status_code == 404
    for name in ("dashboard", "dashboard_csv", "portfolio_csv"):
        assert SECRET not in download_text(client.get(reverse(name)))
    partnership = closed_round.partnership_id
    for name, args in (
        ("round_report_pdf", [closed_round.pk]),
        ("round_report_xlsx", [closed_round.pk]),
        ("trends_csv", [partnership]),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200
        assert SECRET not in download_text(response)


def test_cohorts_are_in_the_admin(client, admin_user, cohort):
    client.force_login(admin_user)
    assert client.get(reverse("admin:assessments_cohort_changelist")).status_code == 200
    change = client.get(reverse("admin:assessments_cohort_change", args=[cohort.pk]))
    assert change.status_code == 200


def test_demo_cohort_is_seeded_once_with_the_facilitator(db):
    call_command("load_frameworks", stdout=StringIO())
    call_command("seed_demo", "--password", "demo-password-1", stdout=StringIO())
    out = StringIO()
    call_command("seed_demo", stdout=out)

    cohort = Cohort.objects.get()
    assert cohort.name == "Devon and Cornwall PCN development programme"
    assert cohort.partnerships.count() == Partnership.objects.count() == 6
    assert list(cohort.facilitators.values_list("username", flat=True)) == ["facilitator"]
    assert "left alone: Devon and Cornwall PCN development programme" in out.getvalue()
