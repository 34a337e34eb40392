"""Personal links: a manager invites named people, each answers once through their own link."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from assessments import services
from assessments.models import PersonalInvitation, Response, RoundStatus
from assessments.selectors.responses import invitation_by_token
from tests.assessments.views.test_questionnaire import answers, items_of, section_url
from tests.factories import PartnerFactory, RoundFactory, build_framework, personal_link_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    return build_framework(sections=(2, 1), title="Readiness for change")


@pytest.fixture
def practice(partnership):
    return PartnerFactory(partnership=partnership, name="Riverside Surgery")


@pytest.fixture
def round_(partnership, framework, practice):
    return RoundFactory(partnership=partnership, frameworks=[framework], title="Autumn")


def invite(client, manager, round_, people):
    client.force_login(manager)
    return client.post(reverse("round_invitations", args=[round_.pk]), {"people": people})


def test_a_manager_invites_people_and_each_is_emailed_their_link(client, manager, round_):
    response = invite(
        client,
        manager,
        round_,
        "Sam Patel, sam@nhs.net, Riverside Surgery, Clinical\n"
        "Jo Lee, jo@nhs.net, riverside surgery, leadership\n",
    )
    assert response.status_code == 302
    assert PersonalInvitation.objects.filter(round=round_).count() == 2
    page = client.get(reverse("round_invitations", args=[round_.pk])).content.decode()
    assert "Personal links emailed to 2 people." in page
    assert "Jo Lee" in page and "Leadership or management" in page and "Not answered" in page
    message = next(m for m in mail.outbox if m.to == ["jo@nhs.net"])
    token = re.search(r"/personal/([A-Za-z0-9_-]+)/", message.body).group(1)
    assert token not in page
    # Only the token's hash is stored.
    assert not PersonalInvitation.objects.filter(nonce=token).exists()
    assert not PersonalInvitation.objects.filter(token_hash=token).exists()
    assert invitation_by_token(token).name == "Jo Lee"


def test_bad_lines_are_reported_one_by_one_and_nobody_is_invited(client, manager, round_):
    response = invite(
        client,
        manager,
        round_,
        "Sam Patel, sam@nhs.net, Riverside Surgery, Clinical\n"
        "Jo Lee, not-an-address, Riverside Surgery, Clinical\n"
        "Al Ray, al@nhs.net, Nowhere Practice, Clinical\n"
        "Bo Day, sam@nhs.net, Riverside Surgery, Clinical\n"
        "Cy Fox, cy@nhs.net, Riverside Surgery, Chief\n"
        "just a name\n",
    )
    assert response.status_code == 200
    page = response.content.decode()
    for message in (
        "Line 2: “not-an-address” is not a valid email address.",
        "Line 3: “Nowhere Practice” is not one of the organisations",
        "Line 4: sam@nhs.net appears more than once in the list.",
        "Line 5: “Chief” is not one of the roles",
        "Line 6: give 4 things separated by commas",
    ):
        assert message in page, message
    assert not PersonalInvitation.objects.exists()
    # What was typed is kept.
    assert "Jo Lee, not-an-address" in page


def test_a_paste_over_the_limit_is_refused(client, manager, round_):
    response = invite(client, manager, round_, "x" * 100_001)
    assert "The list is too long" in response.content.decode()
    assert not PersonalInvitation.objects.exists()


def test_a_person_answers_once_through_their_link_and_gets_their_result_again(
    manager, round_, framework, practice
):
    (invitation,) = services.create_personal_invitations(
        actor=manager,
        round_=round_,
        people=[services.PersonInput("Sam", "sam@nhs.net", practice, "clinical")],
    )
    token = personal_link_token(invitation)
    person = Client()
    page = person.get(reverse("personal_invitation", args=[token]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Riverside Surgery" in html and "Clinical" in html
    start = reverse("personal_start", args=[token, framework.pk])
    assert start in html

    response_page = person.post(start)
    response = Response.objects.get(invitation=invitation)
    assert (response.partner, response.respondent_role) == (practice, "clinical")
    assert response_page.url == reverse("response_continue", args=[response.pk])
    for number in (1, 2):
        person.post(section_url(response, number), answers(items_of(framework, number)))
    assert person.post(reverse("check_answers", args=[response.pk])).status_code == 302
    assert Response.objects.get(pk=response.pk).status == "submitted"

    # Using the link again in the same browser: the result, never a second response.
    again = person.post(start)
    assert again.url == reverse("my_result", args=[response.pk])
    assert person.get(again.url).status_code == 200
    assert Response.objects.filter(invitation=invitation).count() == 1
    # Without the browser's private token, nobody else can open it.
    assert Client().get(reverse("my_result", args=[response.pk])).status_code == 404


def test_whoever_else_holds_the_link_cannot_read_a_draft_or_a_result(
    manager, round_, framework, practice
):
    """The manager who issued a link knows it; it must not show them what the person said."""
    (invitation,) = services.create_personal_invitations(
        actor=manager,
        round_=round_,
        people=[services.PersonInput("Ben", "ben@nhs.net", practice, "leadership")],
    )
    token = personal_link_token(invitation)
    person = Client()
    person.post(reverse("personal_start", args=[token, framework.pk]))
    response = Response.objects.get(invitation=invitation)
    person.post(
        section_url(response, 1),
        {
            **answers(items_of(framework, 1), value=2),
            f"comment_{items_of(framework, 1)[0].pk}": "Private",
        },
    )
    assert response.answers.exists()

    manager_browser = Client()
    manager_browser.force_login(manager)
    landing = manager_browser.get(reverse("personal_invitation", args=[token])).content.decode()
    assert "Started in another browser" in landing
    assert reverse("response_continue", args=[response.pk]) not in landing
    again = manager_browser.post(reverse("personal_start", args=[token, framework.pk]), follow=True)
    assert "already been started with this link in another browser" in again.content.decode()
    for url in (
        section_url(response, 1),
        reverse("response_continue", args=[response.pk]),
        reverse("check_answers", args=[response.pk]),
        reverse("my_result", args=[response.pk]),
    ):
        assert manager_browser.get(url).status_code == 404, url
    assert Response.objects.filter(invitation=invitation).count() == 1


def test_a_withdrawn_or_wrong_link_gives_no_way_in(manager, round_, framework, practice):
    (invitation,) = services.create_personal_invitations(
        actor=manager,
        round_=round_,
        people=[services.PersonInput("Sam", "sam@nhs.net", practice, "clinical")],
    )
    token = personal_link_token(invitation)
    person = Client()
    person.post(reverse("personal_start", args=[token, framework.pk]))
    response = Response.objects.get(invitation=invitation)
    services.withdraw_personal_invitation(actor=manager, invitation=invitation)

    page = person.get(reverse("personal_invitation", args=[token])).content.decode()
    assert "This link has been withdrawn" in page
    assert reverse("personal_start", args=[token, framework.pk]) not in page
    refused = person.post(section_url(response, 1), answers(items_of(framework, 1)))
    assert "This link has been withdrawn" in refused.content.decode()
    assert not response.answers.exists()

    tampered = token[:-1] + ("0" if token[-1] != "0" else "1")
    assert Client().get(reverse("personal_invitation", args=[tampered])).status_code == 404
    assert Client().get(reverse("personal_invitation", args=["1-abc"])).status_code == 404


def test_personal_links_pages_are_for_managers_only(client, member, facilitator, round_):
    for user in (member, facilitator):
        client.force_login(user)
        for name in ("round_invitations", "round_extend"):
            assert client.get(reverse(name, args=[round_.pk])).status_code == 403, (user, name)


def test_a_closed_round_takes_no_new_invitations_or_dates(client, manager, round_, practice):
    services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)
    response = invite(client, manager, round_, "Sam, sam@nhs.net, Riverside Surgery, Clinical")
    assert response.status_code == 200
    assert "This round is closed" in response.content.decode()
    assert not PersonalInvitation.objects.exists()
    assert client.get(reverse("round_extend", args=[round_.pk])).status_code == 403
    assert client.get(reverse("round_open_link", args=[round_.pk])).status_code == 403


def test_the_round_page_warns_about_the_shared_link(client, manager, round_, practice):
    # With an active organisation the link can be used (test_shared_link_without_numbers).
    client.force_login(manager)
    page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    assert "Anyone with the shared link can ask for their own personal link" in page
    assert re.search(r"Personal links</a>: 0 people invited", page)
    client.post(reverse("round_open_link", args=[round_.pk]))
    page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    assert "Anyone with the shared link can ask" not in page
    assert 'id="invitation-link"' not in page
    guest = Client().get(reverse("invitation", args=[round_.invitation_token]))
    assert "This link is not in use" in guest.content.decode()


def test_the_closing_date_can_only_move_later(client, manager, round_):
    client.force_login(manager)
    url = reverse("round_extend", args=[round_.pk])
    earlier = round_.closes_on.replace(day=1) if round_.closes_on.day > 1 else round_.opens_on
    response = client.post(
        url,
        {
            "closes_on_0": str(earlier.day),
            "closes_on_1": str(earlier.month),
            "closes_on_2": str(earlier.year),
        },
    )
    if earlier < round_.closes_on:
        assert "must be the same as or after" in response.content.decode()
    later = round_.closes_on.replace(year=round_.closes_on.year + 1)
    response = client.post(
        url,
        {
            "closes_on_0": str(later.day),
            "closes_on_1": str(later.month),
            "closes_on_2": str(later.year),
        },
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.closes_on == later
