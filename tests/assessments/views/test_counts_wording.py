"""Counts say what they count (issue 17): people who answered, and questionnaires submitted,
on the round page, the partnership page, the dashboard and the report's cover."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from assessments.models import Partnership, RoundStatus
from assessments.selectors.answered import answered_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_frameworks", stdout=StringIO())
    call_command("seed_demo", "--password", "demo-password-1", stdout=StringIO())
    return Partnership.objects.get(name="Riverside Primary Care Network")


def user(username):
    return get_user_model().objects.get(username=username)


def test_partnership_and_round_pages_count_people_and_questionnaires(client, demo):
    client.force_login(user("manager"))
    page = client.get(reverse("partnership_detail", args=[demo.pk])).content.decode()
    assert "Responses submitted" not in page
    for round_ in demo.rounds.exclude(status=RoundStatus.DRAFT):
        answered = answered_count(round_.pk)
        # The demo's guests answer every questionnaire through the shared link, which does
        # not tie one person's questionnaires together: a lower bound, said as one.
        assert answered.people_text.startswith("At least ")
        assert f"{answered.people_text}; {answered.questionnaires_text}" in page

        body = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
        assert str(answered) in body
        assert answered.questionnaires > answered.people


def test_closed_round_figures(demo):
    # In the demo's closed rounds every guest answers all three questionnaires.
    for closed in demo.rounds.filter(status=RoundStatus.CLOSED):
        answered = answered_count(closed.pk)
        assert answered.questionnaires == 3 * answered.people > 0


def test_report_cover_and_dashboard_count_people(client, demo):
    closed = demo.rounds.filter(status=RoundStatus.CLOSED).order_by("-closes_on").first()
    client.force_login(user("manager"))
    report = client.get(reverse("round_report", args=[closed.pk])).content.decode()
    assert re.search(r"People who answered</h2>\s*<p[^>]*>\d+ <span[^>]*>people</span>", report)

    client.force_login(user("facilitator"))
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert re.search(r">\d+ people answered<", dashboard)
    assert not re.search(r"\d+ responses?<", dashboard)
