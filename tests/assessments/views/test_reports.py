"""Report and trends pages: who may see them, what they show, and their query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Response, Round, RoundStatus
from assessments.services.results import rebuild_results
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.factories import PartnerFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_round(partnership, framework):  # noqa: F811
    round_ = RoundFactory(
        partnership=partnership, frameworks=[framework], status=RoundStatus.CLOSED
    )
    alpha = PartnerFactory(partnership=partnership, name="Alpha")
    # Three different answers to every item: a small group in which all but one answered
    # alike would be withheld (ADR 0036).
    for i1, i2, i3 in ((5, 1, 4), (4, 2, 3), (3, 3, 1)):
        respond(round_, framework, alpha, {"i1": i1, "i2": i2, "i3": i3})
    return round_


@pytest.mark.parametrize(
    ("role_user", "status", "visible", "expected"),
    [
        # Results are released at close: nobody sees figures while a round is open.
        ("manager", RoundStatus.OPEN, False, 403),
        ("manager", RoundStatus.CLOSED, False, 200),
        ("facilitator", RoundStatus.OPEN, False, 403),
        ("facilitator", RoundStatus.CLOSED, True, 200),
        ("member", RoundStatus.CLOSED, True, 200),
        ("member", RoundStatus.CLOSED, False, 403),
        ("member", RoundStatus.OPEN, True, 403),
        ("manager", RoundStatus.DRAFT, True, 403),
        ("outsider", RoundStatus.CLOSED, True, 404),
        ("admin_user", RoundStatus.CLOSED, True, 404),
    ],
    indirect=["role_user"],
)
def test_who_may_see_a_round_report(client, role_user, closed_round, status, visible, expected):
    # Straight to the database: a closed round's save() refuses to open it again.
    Round.objects.filter(pk=closed_round.pk).update(
        status=status,
        closed_at=closed_round.closed_at if status == RoundStatus.CLOSED else None,
        results_visible_to_members=visible,
    )
    client.force_login(role_user)
    response = client.get(reverse("round_report", args=[closed_round.pk]))
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("role_user", "expected"),
    [
        ("manager", 200),
        ("member", 200),
        ("facilitator", 200),
        ("outsider", 404),
        ("admin_user", 404),
    ],
    indirect=["role_user"],
)
def test_who_may_see_trends(client, role_user, expected, closed_round):
    client.force_login(role_user)
    response = client.get(reverse("trends", args=[closed_round.partnership_id]))
    assert response.status_code == expected


def test_trends_leave_out_rounds_members_may_not_see(client, member, closed_round):
    closed_round.results_visible_to_members = False
    closed_round.save()
    client.force_login(member)
    response = client.get(reverse("trends", args=[closed_round.partnership_id]))
    assert response.status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client, closed_round):
    response = client.get(reverse("round_report", args=[closed_round.pk]))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_report_page_shows_the_figures(client, manager, closed_round, framework):  # noqa: F811
    client.force_login(manager)
    response = client.get(reverse("round_report", args=[closed_round.pk, framework.slug]))
    body = response.content.decode()
    # i1: 100, 75, 50 -> 75; i2 reversed 100, 75, 50 -> 75; Trust 75; Vision 75, 50, 0 ->
    # 41.67. Overall (75 + 41.67) / 2 = 58.33 -> 58.
    assert response.context["report"].overall.shown == 58
    assert '75<span class="nhsuk-u-visually-hidden"> out of 100, strength</span>' in body
    assert 'role="img"' in body and "<title id=" not in body  # two dimensions: no radar
    assert "Action plan" in body


def test_unknown_framework_in_the_url_is_not_found(client, manager, closed_round):
    client.force_login(manager)
    response = client.get(reverse("round_report", args=[closed_round.pk, "no-such-framework"]))
    assert response.status_code == 404


def test_report_page_query_count_does_not_grow_with_respondents(
    client,
    manager,
    closed_round,
    framework,  # noqa: F811
):
    client.force_login(manager)
    url = reverse("round_report", args=[closed_round.pk])
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    partner = closed_round.partnership.partners.first()
    for n in range(60):
        respond(
            closed_round,
            framework,
            partner,
            {"i1": 1 + n % 5, "i2": 2, "i3": None},
            comment=f"c{n}",
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many)


def _report(client, user, round_):
    client.force_login(user)
    return client.get(reverse("round_report", args=[round_.pk])).content.decode()


def test_a_closed_round_with_too_few_answers_says_they_are_final(
    client,
    manager,
    partnership,
    framework,  # noqa: F811
):
    round_ = RoundFactory(
        partnership=partnership, frameworks=[framework], status=RoundStatus.CLOSED
    )
    alpha = PartnerFactory(partnership=partnership, name="Alpha")
    for value in (5, 4):
        respond(round_, framework, alpha, {"i1": value, "i2": 1, "i3": 4})
    page = _report(client, manager, round_)
    assert (
        f"Fewer than {round_.anonymity_threshold} people answered this questionnaire before "
        "the round closed, so no figures are shown" in page
    )
    assert "Not enough responses yet" not in page
    assert "so far" not in page
    assert "Responses include guests" in page


def test_the_guest_note_is_shown_only_when_guests_answered(client, manager, closed_round):
    assert "Responses include guests" in _report(client, manager, closed_round)
    Response.objects.filter(round=closed_round).update(invitation=None)
    for response in Response.objects.filter(round=closed_round):
        response.respondent = UserFactory()
        response.save()
    # A closed round's figures are those stored at close (ADR 0031): store them again.
    rebuild_results(round_ids=[closed_round.pk])
    assert "Responses include guests" not in _report(client, manager, closed_round)
