"""Password reset and change (Django's auth views, NHS.UK pages), where people land after
signing in, and the header's navigation by role."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from partnership_site.roles import PartnershipRole
from tests.factories import CohortFactory, MembershipFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://partnerships.example.nhs.uk"


def sign_in(client, username, password="correct-horse-battery", next_=None):
    data = {"username": username, "password": password}
    if next_:
        data["next"] = next_
    return client.post(reverse("login"), data)


def test_the_sign_in_page_links_to_password_reset(client):
    body = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}">Forgotten your password?' in body


def test_reset_answers_the_same_whether_or_not_the_address_exists(client):
    UserFactory(username="rob", email="rob@nhs.net")
    replies = []
    for address in ["ROB@nhs.net", "nobody@nhs.net"]:
        response = client.post(reverse("password_reset"), {"email": address}, follow=True)
        replies.append(
            (response.redirect_chain, re.sub(r'value="[^"]+"', "", response.content.decode()))
        )
    assert replies[0] == replies[1]
    assert "If an account uses the email address you entered" in replies[0][1]
    assert [m.to for m in mail.outbox] == [["rob@nhs.net"]]


def test_the_reset_link_works_once(client):
    rob = UserFactory(username="rob", email="rob@nhs.net")
    client.post(reverse("password_reset"), {"email": "rob@nhs.net"})
    message = mail.outbox[0]
    assert message.subject == "Reset your password for Partnership self-assessment"
    link = re.search(r"https://\S+", message.body).group(0)
    assert link.startswith("https://partnerships.example.nhs.uk/password-reset/")
    visitor = Client()
    form = visitor.get(urlsplit(link).path, follow=True)
    assert "Choose a new password" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    new = "blue heron at dawn"
    done = visitor.post(set_url, {"new_password1": new, "new_password2": new}, follow=True)
    assert "Your password has been reset" in done.content.decode()
    rob.refresh_from_db()
    assert rob.check_password(new)
    used = Client().get(urlsplit(link).path, follow=True)
    assert "This reset link does not work" in used.content.decode()


def test_a_bad_email_address_gets_a_field_error(client):
    body = client.post(reverse("password_reset"), {"email": "not an address"}).content.decode()
    assert "<title>Error: Reset your password" in body
    assert "Enter an email address in the correct format" in body


def test_change_password(client):
    rob = UserFactory(username="rob")
    client.force_login(rob)
    url = reverse("password_change")
    wrong = client.post(
        url, {"old_password": "nope", "new_password1": "x", "new_password2": "x"}
    ).content.decode()
    assert "<title>Error: Change your password" in wrong
    new = "quiet library lamp"
    response = client.post(
        url,
        {"old_password": "correct-horse-battery", "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert "Your password has been changed" in response.content.decode()
    rob.refresh_from_db()
    assert rob.check_password(new)


# -- Landing and navigation ---------------------------------------------------------------


@pytest.fixture
def people(db):
    partnership = PartnershipFactory()
    member = MembershipFactory(partnership=partnership).user
    facilitator = UserFactory()
    CohortFactory(partnerships=[partnership], facilitators=[facilitator])
    direct = MembershipFactory(partnership=partnership, role=PartnershipRole.FACILITATOR).user
    staff = UserFactory(is_staff=True)
    return {"member": member, "facilitator": facilitator, "direct": direct, "staff": staff}


@pytest.mark.parametrize(
    ("who", "lands_on"),
    [
        ("member", "my_partnerships"),
        ("staff", "my_partnerships"),
        ("facilitator", "dashboard"),
        ("direct", "dashboard"),
    ],
)
def test_where_people_land_after_signing_in(people, who, lands_on):
    response = sign_in(Client(), people[who].username)
    assert response["Location"] == reverse(lands_on)


def test_next_wins(people):
    response = sign_in(Client(), people["facilitator"].username, next_="/partnerships/new/")
    assert response["Location"] == "/partnerships/new/"


@pytest.mark.parametrize(
    ("who", "links"),
    [
        ("member", {"My partnerships"}),
        ("facilitator", {"My partnerships", "Dashboard"}),
        ("staff", {"My partnerships", "Admin"}),
    ],
)
def test_header_navigation_by_role(people, who, links):
    client = Client()
    client.force_login(people[who])
    body = client.get(reverse("my_partnerships")).content.decode()
    menu = re.search(r'<nav class="nhsuk-header__navigation".*?</nav>', body, re.S).group(0)
    found = set(
        re.findall(
            r'nhsuk-header__navigation-link" href="[^"]+"[^>]*>(?:<strong[^>]*>)?([^<]+)', menu
        )
    )
    assert found == links
    assert 'aria-current="page"' in menu  # My partnerships is the current page
    assert "Sign out" in body


def test_nobody_signed_in_gets_no_menu(client):
    assert "nhsuk-header__navigation" not in client.get(reverse("start")).content.decode()
