"""Guests without an account: the invitation link, who they are, the same questionnaire,
and the private resume link (only its hash stored)."""

import json
import re

import pytest
from django.contrib.sessions.models import Session
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import reverse

from assessments import services
from assessments.models import (
    Answer,
    Response,
    ResponseStatus,
    Round,
    RoundStatus,
    hash_token,
    new_token,
)
from assessments.views.questionnaire.access import GUEST_LINKS_COOKIE, GUEST_LINKS_SALT
from frameworks.models import Item
from partnership_site.roles import PartnershipRole
from tests.factories import (
    MembershipFactory,
    PartnerFactory,
    RoundFactory,
    UserFactory,
    build_framework,
)

pytestmark = pytest.mark.django_db

RESUME_LINK = re.compile(r'id="resume-link"[^>]*>(http://testserver/resume/([^/"]+)/)</textarea>')


def text(response):
    return response.content.decode()


def title(response):
    return re.search(r"<title>(.*?)</title>", text(response), re.S).group(1).strip()


def items_of(framework, number=None):
    items = Item.objects.filter(dimension__framework=framework).order_by(
        "dimension__position", "position"
    )
    if number is not None:
        items = items.filter(dimension__position=number)
    return list(items)


def answers(items, value=2):
    return {f"item_{item.pk}": str(value) for item in items if item.is_scored}


def section_url(response, number):
    return reverse("questionnaire_section", args=[response.pk, number])


@pytest.fixture
def framework():
    return build_framework(sections=(2, 1), title="Barriers to collaborative working")


@pytest.fixture
def values():
    return build_framework(sections=(1,), title="Partnership values")


@pytest.fixture
def partners(partnership):
    return [
        PartnerFactory(partnership=partnership, name="Riverside Medical Centre", people_invited=9),
        PartnerFactory(
            partnership=partnership, name="Devon Community Health Trust", people_invited=9
        ),
    ]


@pytest.fixture
def round_(partnership, framework, values, partners):
    return RoundFactory(
        partnership=partnership, frameworks=[framework, values], title="Autumn check-in"
    )


def start_as_guest(client, round_, partner, frameworks, role="clinical"):
    return client.post(
        reverse("invitation_start", args=[round_.invitation_token]),
        {
            "partner": str(partner.pk),
            "respondent_role": role,
            "frameworks": [str(f.pk) for f in frameworks],
        },
    )


def test_a_guest_answers_from_the_invitation_link_to_their_result(
    client, round_, framework, values, partners
):
    invitation = reverse("invitation", args=[round_.invitation_token])
    page = client.get(invitation)
    assert page.status_code == 200
    html = text(page)
    assert round_.partnership.name in html
    assert "Barriers to collaborative working" in html and "Partnership values" in html
    assert "You do not need an account" in html
    start = reverse("invitation_start", args=[round_.invitation_token])
    assert start in html

    page = client.get(start)
    html = text(page)
    assert "Which organisation do you work for?" in html
    assert "Riverside Medical Centre" in html and "Devon Community Health Trust" in html
    assert "What is your role?" in html
    assert "Which questionnaires will you answer?" in html

    page = client.post(start, {})
    assert title(page).startswith("Error: About you")
    for message in ("Select the organisation you work for", "Select your role"):
        assert message in text(page)
    assert not Response.objects.exists()

    page = start_as_guest(client, round_, partners[1], [framework, values], role="community")
    response = Response.objects.get()
    assert page.url == section_url(response, 1)
    assert response.respondent is None
    assert response.partner == partners[1]
    assert response.respondent_role == "community"
    assert response.framework == framework  # the first chosen; the next one waits

    # Every questionnaire page shows the private resume link; only its hash is stored.
    page = client.get(section_url(response, 1))
    assert "Section 1 of 2" in text(page)
    assert "Keep this link private; anyone with it can change your answers" in text(page)
    resume_url, token = RESUME_LINK.search(text(page)).groups()
    assert response.resume_token_hash == hash_token(token)
    assert not Response.objects.filter(resume_token_hash=token).exists()
    assert invitation in text(page)  # the back link

    page = client.post(section_url(response, 1), answers(items_of(framework, 1)))
    assert page.url == section_url(response, 2)
    assert RESUME_LINK.search(text(client.get(page.url))).group(2) == token
    page = client.post(section_url(response, 2), answers(items_of(framework, 2)))
    check = reverse("check_answers", args=[response.pk])
    assert page.url == check
    page = client.get(check)
    assert "Check your answers" in text(page)
    assert RESUME_LINK.search(text(page)).group(2) == token

    page = client.post(check)
    assert page.url == reverse("questionnaire_submitted", args=[response.pk])
    page = client.get(page.url)
    html = text(page)
    assert "Answers submitted" in html
    assert "Start Partnership values" in html  # the next questionnaire they chose
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html))
    hidden.pop("csrfmiddlewaretoken")
    # Who they are and what they chose are stored with the response, not sent again.
    assert hidden.keys() == {"form_token", "framework"}
    assert hidden["framework"] == str(values.pk)
    next_form = hidden
    assert RESUME_LINK.search(html).group(2) == token

    page = client.get(reverse("my_result", args=[response.pk]))
    assert "Your result" in text(page)
    assert "nhsuk-tag--red" in text(page)  # every answer "Disagree": 25, a concern
    assert "Keep this link private; anyone with it can see your result" in text(page)

    # On another day, in another browser, the resume link shows their result.
    later = Client()
    page = later.get(resume_url.removeprefix("http://testserver"), follow=True)
    assert page.redirect_chain[-1][0] == reverse("my_result", args=[response.pk])
    assert "Your result" in text(page)

    # The next questionnaire starts from the confirmation page as the same person.
    page = client.post(reverse("questionnaire_next", args=[response.pk]), next_form)
    second = Response.objects.get(framework=values)
    assert page.url == section_url(second, 1)
    assert (second.partner, second.respondent_role) == (partners[1], "community")
    assert second.resume_token_hash != response.resume_token_hash
    # The invitation page now lists both of their questionnaires.
    html = text(client.get(invitation))
    assert "Your questionnaires" in html
    assert reverse("my_result", args=[response.pk]) in html
    assert reverse("response_continue", args=[second.pk]) in html


def test_the_resume_link_brings_a_guest_back_to_where_they_left_off(client, round_, framework):
    start_as_guest(client, round_, round_.partnership.partners.first(), [framework])
    response = Response.objects.get()
    client.post(section_url(response, 1), {**answers(items_of(framework, 1)), "later": ""})
    page = client.get(reverse("questionnaire_saved", args=[response.pk]))
    assert "Your answers have been saved" in text(page)
    resume_url, token = RESUME_LINK.search(text(page)).groups()

    other_browser = Client()
    assert other_browser.get(section_url(response, 1)).status_code == 404
    page = other_browser.get(reverse("resume", args=[token]))
    assert page.url == reverse("response_continue", args=[response.pk])
    assert other_browser.get(page.url).url == section_url(response, 2)
    assert other_browser.get(section_url(response, 1)).status_code == 200


def test_a_round_with_one_framework_does_not_ask_which(client, partnership, partners, framework):
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    page = client.get(reverse("invitation_start", args=[round_.invitation_token]))
    assert "Which questionnaires" not in text(page)
    assert "You will answer <strong>Barriers to collaborative working</strong>" in text(page)
    page = start_as_guest(client, round_, partners[0], [])
    assert page.status_code == 302
    assert Response.objects.get().framework == framework


def test_guest_choices_must_come_from_the_round(client, round_, framework):
    page = start_as_guest(client, round_, PartnerFactory(), [framework])  # another partnership
    assert title(page).startswith("Error: ")
    other = build_framework(sections=(1,))
    page = start_as_guest(client, round_, round_.partnership.partners.first(), [other])
    assert title(page).startswith("Error: ")
    page = start_as_guest(client, round_, round_.partnership.partners.first(), [framework], "boss")
    assert title(page).startswith("Error: ")
    assert not Response.objects.exists()


@pytest.mark.parametrize("path", ["invitation", "invitation_start", "resume"])
def test_unknown_or_expired_tokens_are_not_found(client, round_, path):
    for token in [new_token(), "x" * 300, "%2E%2E", "a%00b"]:
        page = client.get(reverse(path, args=["token"]).replace("token", token))
        assert page.status_code == 404
        # A token-shaped link gets the friendly link page; anything else the site's 404.
        assert "This link does not work" in text(page) or "Page not found" in text(page)


def test_a_replaced_invitation_link_no_longer_works(client, round_):
    old = round_.invitation_token
    Round.objects.filter(pk=round_.pk).update(invitation_token=new_token())
    assert client.get(reverse("invitation", args=[old])).status_code == 404
    assert client.post(reverse("invitation_start", args=[old])).status_code == 404


@pytest.mark.parametrize("status", [RoundStatus.DRAFT, RoundStatus.CLOSED])
def test_a_round_that_is_not_open_says_so_and_accepts_nothing(client, round_, framework, status):
    partner = round_.partnership.partners.first()
    start_as_guest(client, round_, partner, [framework])
    response = Response.objects.get()
    round_.status = status
    round_.save()

    page = client.get(reverse("invitation", args=[round_.invitation_token]))
    closed = status == RoundStatus.CLOSED
    assert ("This round has closed" if closed else "Not open for answers yet") in text(page)
    assert reverse("invitation_start", args=[round_.invitation_token]) not in text(page)
    page = client.get(reverse("invitation_start", args=[round_.invitation_token]))
    assert page.status_code == 200
    assert "nhsuk-card--warning" in text(page)
    assert start_as_guest(client, round_, partner, [framework]).status_code == 403
    assert Response.objects.count() == 1

    page = client.post(section_url(response, 1), answers(items_of(framework, 1)))
    assert page.status_code == 403
    assert client.post(reverse("check_answers", args=[response.pk])).status_code == 403
    assert not Answer.objects.exists()


def test_a_guest_cannot_open_someone_elses_response(client, round_, framework):
    partner = round_.partnership.partners.first()
    start_as_guest(client, round_, partner, [framework])
    mine = Response.objects.get()
    stranger = Client()
    start_as_guest(stranger, round_, partner, [framework])
    theirs = Response.objects.exclude(pk=mine.pk).get()

    first = items_of(framework, 1)[0]
    for url in (
        section_url(theirs, 1),
        reverse("check_answers", args=[theirs.pk]),
        reverse("my_result", args=[theirs.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {f"item_{first.pk}": "3"}).status_code == 404
    assert not theirs.answers.exists()

    # Putting their response id beside my token in my cookie gets nowhere either.
    my_token = guest_links(client)[str(mine.pk)]
    set_guest_links(client, {str(theirs.pk): my_token})
    assert client.get(section_url(theirs, 1)).status_code == 404
    assert client.get(section_url(mine, 1)).status_code == 404


def test_a_guest_cannot_open_a_members_response(client, round_, framework, member):
    response = services.start_response(
        actor=member, round_=round_, framework=framework, partner=None
    )
    # Asked to sign in (as the member whose session ended would be), shown nothing of it.
    page = client.get(section_url(response, 1))
    assert page.url.startswith(reverse("login"))
    client.force_login(UserFactory())
    assert client.get(section_url(response, 1)).status_code == 404


def test_members_following_the_invitation_link_answer_with_their_account(
    client, round_, partnership
):
    member = MembershipFactory(partnership=partnership, role=PartnershipRole.MEMBER).user
    client.force_login(member)
    page = client.get(reverse("invitation", args=[round_.invitation_token]))
    assert page.url == reverse("round_answer", args=[round_.pk])


def test_someone_signed_in_from_elsewhere_answers_as_a_guest(client, round_, framework, outsider):
    client.force_login(outsider)
    assert client.get(reverse("invitation", args=[round_.invitation_token])).status_code == 200
    start_as_guest(client, round_, round_.partnership.partners.first(), [framework])
    response = Response.objects.get()
    assert response.respondent is None
    assert client.get(section_url(response, 1)).status_code == 200


def test_a_submitted_guest_response_is_locked(client, round_, framework):
    start_as_guest(client, round_, round_.partnership.partners.first(), [framework])
    response = Response.objects.get()
    for number in (1, 2):
        client.post(section_url(response, number), answers(items_of(framework, number)))
    client.post(reverse("check_answers", args=[response.pk]))
    client.post(reverse("check_answers", args=[response.pk]))
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED
    page = client.post(section_url(response, 1), answers(items_of(framework, 1), value=5))
    assert page.status_code == 409
    assert not response.answers.filter(value=5).exists()
    # The resume link now leads to the result.
    token = guest_links(client)[str(response.pk)]
    assert Client().get(reverse("resume", args=[token])).url == reverse(
        "my_result", args=[response.pk]
    )


def test_guest_section_page_queries_do_not_grow_with_answers(
    client, partnership, partners, django_assert_num_queries
):
    framework = build_framework(sections=(15,))
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    start_as_guest(client, round_, partners[0], [framework])
    response = Response.objects.get()
    items = items_of(framework, 1)
    counts = []
    for answered in (3, 15):
        client.post(section_url(response, 1), answers(items[:answered]))
        with django_assert_num_queries(5):  # session, response, sections, items, answers
            assert client.get(section_url(response, 1)).status_code == 200
        counts.append(answered)
    assert response.answers.count() == 15


def guest_links(client) -> dict:
    """The links the guest's browser holds, read as the server reads them."""
    request = HttpRequest()
    request.COOKIES = {GUEST_LINKS_COOKIE: client.cookies[GUEST_LINKS_COOKIE].value}
    return json.loads(request.get_signed_cookie(GUEST_LINKS_COOKIE, salt=GUEST_LINKS_SALT))


def set_guest_links(client, links: dict) -> None:
    """Sign links as the server would: a validly signed cookie with someone else's id."""
    response = HttpResponse()
    response.set_signed_cookie(GUEST_LINKS_COOKIE, json.dumps(links), salt=GUEST_LINKS_SALT)
    client.cookies[GUEST_LINKS_COOKIE] = response.cookies[GUEST_LINKS_COOKIE].value


def test_the_server_never_stores_a_guests_resume_token(client, round_, framework):
    start_as_guest(client, round_, round_.partnership.partners.first(), [framework])
    response = Response.objects.get()
    token = guest_links(client)[str(response.pk)]
    assert response.resume_token_hash == hash_token(token)
    stored = [s.get_decoded() for s in Session.objects.all()]
    assert stored and all(token not in json.dumps(data) for data in stored)
    cookie = client.cookies[GUEST_LINKS_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_a_tampered_links_cookie_is_ignored(client, round_, framework):
    start_as_guest(client, round_, round_.partnership.partners.first(), [framework])
    response = Response.objects.get()
    client.cookies[GUEST_LINKS_COOKIE] = json.dumps({str(response.pk): "forged"})
    assert client.get(section_url(response, 1)).status_code == 404
