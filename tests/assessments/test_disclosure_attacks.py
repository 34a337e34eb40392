"""The four ways a reader once recovered one person's answers, tried again through the pages
and downloads (Django's test client, nothing mocked). Each must now recover nothing.

1. Live differencing: download the figures before and after one person submits.
2. Ballot stuffing: answer through the shared link to lift a small organisation over the
   threshold.
3. Intersection differencing: subtract the role breakdown from the partner breakdown.
4. Changing the past: reopen a closed round, answer, and download again.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from assessments import services
from assessments.models import ClosedRoundError, Response, Round, RoundStatus
from assessments.services import AnswerInput
from frameworks.models import Item
from tests.factories import (
    PartnerFactory,
    RoundFactory,
    build_framework,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    return build_framework(sections=(2, 1), title="Readiness for change")


@pytest.fixture
def practices(partnership):
    return {
        name: PartnerFactory(partnership=partnership, name=name, people_invited=invited)
        for name, invited in (("Practice A", 4), ("Practice B", 3))
    }


def scored_items(framework):
    return list(
        Item.objects.filter(dimension__framework=framework, response_type="scale").order_by(
            "dimension__position", "position"
        )
    )


def answer_as_guest(round_, framework, partner, role, value):
    """A guest response through the shared link, submitted, every item answered ``value``."""
    start = services.start_response(
        actor=AnonymousUser(),
        round_=round_,
        framework=framework,
        partner=partner,
        respondent_role=role,
    )
    answers = {item.pk: AnswerInput(value=value) for item in scored_items(framework)}
    services.save_answers(actor=AnonymousUser(), response=start.response, answers=answers)
    services.submit_response(actor=AnonymousUser(), response=start.response)
    return start.response


class Download:
    """A response with its body read, streamed or not."""

    def __init__(self, response):
        self.status_code = response.status_code
        self.content = (
            b"".join(response.streaming_content)
            if getattr(response, "streaming", False)
            else response.content
        )


def csv_download(client, round_, framework):
    return Download(client.get(reverse("round_report_csv", args=[round_.pk, framework.slug])))


def dashboard_rows(client):
    body = Download(client.get(reverse("dashboard_csv"))).content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


# 1. Live differencing --------------------------------------------------------------------


def test_nothing_but_response_counts_changes_while_a_round_is_open(
    client, partnership, manager, facilitator, framework, practices
):
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    for value in (2, 3, 4):
        answer_as_guest(round_, framework, practices["Practice A"], "clinical", value)
    managers, facilitators = Client(), Client()
    managers.force_login(manager)
    facilitators.force_login(facilitator)

    def everything_visible():
        return {
            "report": managers.get(reverse("round_report", args=[round_.pk])).status_code,
            "csv": csv_download(managers, round_, framework).status_code,
            "facilitator report": facilitators.get(
                reverse("round_report", args=[round_.pk])
            ).status_code,
            "trends": managers.get(reverse("trends", args=[partnership.pk])).status_code,
            "dashboard": [
                {k: v for k, v in row.items() if k not in {"Responses", "Response rate (%)"}}
                for row in dashboard_rows(facilitators)
            ],
        }

    before = everything_visible()
    answer_as_guest(round_, framework, practices["Practice A"], "clinical", 5)
    after = everything_visible()

    assert before == after
    assert before["report"] == before["csv"] == before["facilitator report"] == 403
    assert before["trends"] == 404  # no closed round: nothing to show
    (row,) = before["dashboard"]
    assert row["Score"] == "When the round closes"


def test_the_round_page_shows_who_has_responded_not_what_they_said(
    client, partnership, manager, framework, practices
):
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    answer_as_guest(round_, framework, practices["Practice A"], "clinical", 5)
    client.force_login(manager)
    page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    assert "1 of 4" in page  # counts by organisation stay
    assert reverse("round_report", args=[round_.pk]) not in page


# 2. Ballot stuffing ----------------------------------------------------------------------


def test_the_shared_link_cannot_lift_a_small_organisation_over_the_threshold(
    client, partnership, manager, framework, practices
):
    # Since ADR 0037 the shared link takes no answers: it emails a personal link to a work
    # address. The manager tries to answer twice for Practice B through it.
    practice_b = practices["Practice B"]
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    old_start = f"/invitation/{round_.invitation_token}/start/"
    data = {"partner": str(practice_b.pk), "respondent_role": "other"}
    assert Client().post(old_start, data).status_code == 404
    ask = reverse("link_request", args=[round_.invitation_token])
    refused = Client().post(ask, {**data, "email": "made.up@gmail.com"})
    assert "Enter your work email address" in refused.content.decode()
    assert not Response.objects.exists()
    # Every route a manager could use to make people up, with the subtraction the tester
    # used: tests/assessments/test_fabricated_respondents.py.


def test_an_organisation_without_a_count_takes_no_shared_link_answers(partnership, framework):
    partner = PartnerFactory(partnership=partnership, people_invited=None)
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    with pytest.raises(ValidationError, match="has not said how many people"):
        answer_as_guest(round_, framework, partner, "clinical", 3)
    round_.open_link_enabled = False
    round_.save()
    other = PartnerFactory(partnership=partnership, people_invited=9)
    with pytest.raises(ValidationError, match="not in use"):
        answer_as_guest(round_, framework, other, "clinical", 3)
    assert not Response.objects.exists()


# 3. Intersection differencing ------------------------------------------------------------


def test_partner_and_role_breakdowns_cannot_be_subtracted_to_one_person(
    client, partnership, manager, framework, practices
):
    # The example, threshold 3: Practice A has 3 clinical and 1 leadership
    # respondent, Practice B 3 leadership. Shown naively, 4 × A − 3 × Clinical is the one
    # leadership person in A.
    practices["Practice A"].people_invited = 9
    practices["Practice A"].save()
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    for value in (4, 4, 4):
        answer_as_guest(round_, framework, practices["Practice A"], "clinical", value)
    answer_as_guest(round_, framework, practices["Practice A"], "leadership", 1)
    for value in (3, 3, 3):
        answer_as_guest(round_, framework, practices["Practice B"], "leadership", value)
    services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)

    client.force_login(manager)
    page = client.get(reverse("round_report", args=[round_.pk])).content.decode()
    assert "Results by role are not shown for this questionnaire" in page
    assert "Dimension scores by respondent role" not in page
    rows = list(
        csv.DictReader(
            io.StringIO(csv_download(client, round_, framework).content.decode("utf-8-sig"))
        )
    )
    group_types = {row["group_type"] for row in rows}
    assert "role" not in group_types
    # The partner breakdown is still there: it is safe on its own.
    assert {"Practice A", "Practice B"} <= {row["group"] for row in rows}


# 4. Changing the past --------------------------------------------------------------------


def test_a_closed_round_cannot_be_reopened_so_its_figures_never_change(
    client, partnership, manager, admin_user, framework, practices
):
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    for value in (2, 3, 4):
        answer_as_guest(round_, framework, practices["Practice A"], "clinical", value)
    late = services.start_response(
        actor=AnonymousUser(),
        round_=round_,
        framework=framework,
        partner=practices["Practice A"],
        respondent_role="clinical",
    ).response
    services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)
    client.force_login(manager)
    before = csv_download(client, round_, framework).content

    # Through the page: no way to reopen is offered, and posting to the old URL changes nothing.
    page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    assert "Open round again" not in page
    response = client.post(reverse("round_open", args=[round_.pk]))
    assert "cannot be opened again" in response.content.decode()
    # Through the service and the model.
    with pytest.raises(ClosedRoundError):
        services.set_round_status(actor=manager, round_=round_, status=RoundStatus.OPEN)
    # Through the admin: the status is read-only for a closed round, so a tampered form
    # leaves it closed.
    admin = Client()
    admin.force_login(admin_user)
    change_url = reverse("admin:assessments_round_change", args=[round_.pk])
    assert 'name="status"' not in admin.get(change_url).content.decode()
    admin.post(
        change_url,
        {
            "partnership": partnership.pk,
            "title": round_.title,
            "opens_on": round_.opens_on.isoformat(),
            "closes_on": round_.closes_on.isoformat(),
            "status": RoundStatus.OPEN,
            "invitation_token": round_.invitation_token,
            "round_frameworks-TOTAL_FORMS": "0",
            "round_frameworks-INITIAL_FORMS": "1",
        },
    )
    assert Round.objects.get(pk=round_.pk).status == RoundStatus.CLOSED
    # A response left in progress cannot be finished after the close.
    with pytest.raises(ValidationError):
        services.save_answers(
            actor=AnonymousUser(),
            response=late,
            answers={item.pk: AnswerInput(value=5) for item in scored_items(framework)},
        )
    with pytest.raises(ValidationError):
        services.submit_response(actor=AnonymousUser(), response=late)

    assert csv_download(client, round_, framework).content == before


# 5. Editing after the close ----------------------------------------------------------------


def test_renaming_an_organisation_after_close_changes_no_group(
    client, partnership, manager, framework
):
    """Ties between equal-sized partners are broken by id, never by name, so renaming one
    after the close cannot move a different partner into "Other partners"."""
    sizes = {"Alder": 3, "Birch": 3, "Cedar": 2, "Damson": 3}
    partners = {
        name: PartnerFactory(partnership=partnership, name=name, people_invited=9) for name in sizes
    }
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    for offset, (name, n) in enumerate(sizes.items()):
        for value in range(n):
            # Each partner answers differently, so a different merge would show.
            answer_as_guest(round_, framework, partners[name], "clinical", 1 + (value * offset) % 5)
    services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)
    client.force_login(manager)

    def published():
        body = csv_download(client, round_, framework).content.decode("utf-8-sig")
        rows = csv.DictReader(io.StringIO(body))
        return sorted(
            (row["dimension"], row["responses"], row["score"])
            for row in rows
            if row["group_type"] == "partner"
        )

    before = published()
    for name, partner in partners.items():
        services.update_partner(
            actor=manager,
            partner=partner,
            name=f"Zz {name}" if name < "C" else f"Aa {name}",
            organisation_type=partner.organisation_type,
            ods_code="",
            people_invited=partner.people_invited,
        )
    assert published() == before
