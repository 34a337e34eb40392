"""Guests without an account: the invitation link, who they are, the same questionnaire,
and the private resume link (only its hash stored)."""

import json
import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
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
    """Someone without an account starts the first of ``frameworks`` as the shared link now
    lets them (ADR 0037): they ask for a personal link with a work address, open it from the
    email and press Start. Returns the start's response (a redirect into the questionnaire,
    or the page that refused)."""
    cache.clear()  # the request throttle
    email = f"guest.{len(mail.outbox)}.{Response.objects.count()}@nhs.net"
    asked = client.post(
        reverse("link_request", args=[round_.invitation_token]),
        {"email": email, "partner": str(partner.pk), "respondent_role": role},
    )
    if asked.status_code != 302:
        return asked
    path = re.search(r"https?://[^/\s]+(/personal/\S+/)", mail.outbox[-1].body).group(1)
    client.get(path)
    framework = frameworks[0] if frameworks else round_.round_frameworks.first().framework
    return client.post(f"{path}start/{framework.pk}/")


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


@pytest.mark.parametrize("path", ["invitation", "link_request", "resume"])
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
    assert client.post(reverse("link_request", args=[old])).status_code == 404


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
    assert reverse("link_request", args=[round_.invitation_token]) not in text(page)
    page = client.get(reverse("link_request", args=[round_.invitation_token]))
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
