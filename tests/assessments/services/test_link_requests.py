"""Asking for a personal link through a round's shared link (ADR 0037): the service emails
the link to a work address; one invitation per address per round; the page after is the same
whoever asked; requests are throttled."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from assessments import services
from assessments.models import PersonalInvitation, Response, RoundStatus
from partnership_site.roles import PartnershipRole
from tests.factories import MembershipFactory, PartnerFactory, RoundFactory, build_framework

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counts(settings):
    settings.SITE_URL = "https://partnerships.example.nhs.uk"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def framework():
    return build_framework(sections=(1,))


@pytest.fixture
def round_(partnership, framework):
    round_ = RoundFactory(partnership=partnership, frameworks=[framework], title="Autumn")
    round_.open_link_enabled = True
    round_.save()
    return round_


@pytest.fixture
def practice(partnership):
    return PartnerFactory(partnership=partnership, name="Hill Surgery", people_invited=None)


def ask(round_, practice, email, role="clinical"):
    services.request_personal_link(
        round_=round_, email=email, partner=practice, respondent_role=role
    )


def link_in(message) -> str:
    return urlsplit(re.search(r"https://\S+", message.body).group(0)).path


def test_a_request_emails_a_working_personal_link(round_, practice, framework):
    ask(round_, practice, "sam@nhs.net")
    (invitation,) = PersonalInvitation.objects.all()
    assert (invitation.email, invitation.partner, invitation.respondent_role) == (
        "sam@nhs.net",
        practice,
        "clinical",
    )
    assert invitation.self_requested and invitation.emailed_at and invitation.token_hash
    (message,) = mail.outbox
    assert message.to == ["sam@nhs.net"]
    path = link_in(message)
    assert path.startswith("/personal/")
    assert path.split("/")[2] not in invitation.token_hash  # only the hash is stored
    browser = Client()
    assert browser.get(path).status_code == 200
    browser.post(f"{path}start/{framework.pk}/")
    (response,) = Response.objects.all()
    assert (response.invitation, response.partner) == (invitation, practice)


def test_no_people_asked_number_is_needed(round_, practice):
    assert practice.people_invited is None
    ask(round_, practice, "sam@nhs.net")
    assert len(mail.outbox) == 1


def test_asking_again_sends_a_new_link_to_the_same_address_only(round_, practice, partnership):
    ask(round_, practice, "sam@nhs.net")
    first = link_in(mail.outbox[0])
    other = PartnerFactory(partnership=partnership, name="Riverside")
    ask(round_, other, "SAM@nhs.net", role="leadership")
    (invitation,) = PersonalInvitation.objects.all()
    # The organisation and role fixed the first time stay.
    assert (invitation.partner, invitation.respondent_role) == (practice, "clinical")
    assert [m.to for m in mail.outbox] == [["sam@nhs.net"], ["sam@nhs.net"]]
    second = link_in(mail.outbox[1])
    assert first != second
    assert Client().get(first).status_code == 404  # the old link stopped working
    assert Client().get(second).status_code == 200


def test_a_manager_invited_address_gets_its_own_invitation_again(manager, round_, practice):
    services.create_personal_invitations(
        actor=manager,
        round_=round_,
        people=[services.PersonInput("Sam", "sam@nhs.net", practice, "leadership")],
    )
    ask(round_, practice, "sam@nhs.net", role="clinical")
    assert PersonalInvitation.objects.get().respondent_role == "leadership"
    assert [m.to for m in mail.outbox] == [["sam@nhs.net"], ["sam@nhs.net"]]


def test_a_withdrawn_address_is_sent_nothing(manager, round_, practice):
    (invitation,) = services.create_personal_invitations(
        actor=manager,
        round_=round_,
        people=[services.PersonInput("Sam", "sam@nhs.net", practice, "clinical")],
    )
    services.withdraw_personal_invitation(actor=manager, invitation=invitation)
    mail.outbox.clear()
    ask(round_, practice, "sam@nhs.net")
    assert mail.outbox == []
    assert PersonalInvitation.objects.count() == 1


def test_a_member_is_told_to_sign_in_and_gets_no_link(round_, practice):
    member = MembershipFactory(partnership=round_.partnership, role=PartnershipRole.MEMBER).user
    ask(round_, practice, member.email.upper())
    (message,) = mail.outbox
    assert message.to == [member.email.upper()]
    assert "you answer by signing in to your account" in message.body
    assert reverse("round_answer", args=[round_.pk]) in message.body
    assert "/personal/" not in message.body
    assert not PersonalInvitation.objects.exists()


@pytest.mark.parametrize(
    ("email", "field", "message"),
    [
        ("sam@gmail.com", "email", "Enter your work email address: it must be an address"),
        ("not an address", "email", "Enter an email address in the correct format"),
        # One mailbox must not be asked for as several people (ADR 0037, a tester's finding).
        ("sam+2@nhs.net", "email", "Enter your own work email address, without a “+” tag"),
        ("sam%gmail.com@gp.nhs.uk", "email", "Enter your own work email address, without"),
    ],
)
def test_bad_addresses_are_refused(round_, practice, email, field, message):
    with pytest.raises(ValidationError) as refusal:
        ask(round_, practice, email)
    assert message in refusal.value.message_dict[field][0]
    assert mail.outbox == [] and not PersonalInvitation.objects.exists()


def test_only_an_active_organisation_of_the_partnership(round_, practice):
    elsewhere = PartnerFactory(name="Elsewhere")
    with pytest.raises(ValidationError, match="Choose the organisation you work for"):
        ask(round_, elsewhere, "sam@nhs.net")
    with pytest.raises(ValidationError, match="Choose your role"):
        ask(round_, practice, "sam@nhs.net", role="boss")


@pytest.mark.parametrize("change", ["link off", "draft", "closed"])
def test_refused_unless_the_round_is_open_with_its_shared_link_on(round_, practice, change):
    if change == "link off":
        round_.open_link_enabled = False
    else:
        round_.status = RoundStatus.DRAFT if change == "draft" else RoundStatus.CLOSED
    round_.save()
    with pytest.raises(ValidationError, match="not taking answers through its shared link"):
        ask(round_, practice, "sam@nhs.net")
    assert mail.outbox == []


# The pages ----------------------------------------------------------------------------------


def post_request(browser, round_, practice, email, role="clinical"):
    return browser.post(
        reverse("link_request", args=[round_.invitation_token]),
        {"email": email, "partner": str(practice.pk), "respondent_role": role},
    )


def test_the_page_flow(round_, practice):
    browser = Client()
    landing = browser.get(reverse("invitation", args=[round_.invitation_token])).content.decode()
    assert "Get your link" in landing and "@nhs.net or ending .nhs.uk" in landing
    form = browser.get(reverse("link_request", args=[round_.invitation_token]))
    assert "Your work email address" in form.content.decode()
    sent = post_request(browser, round_, practice, "sam@nhs.net")
    assert sent.status_code == 302
    assert sent["Location"] == reverse("link_request_sent", args=[round_.invitation_token])
    page = browser.get(sent["Location"]).content.decode()
    assert "Check your email" in page and "sam@nhs.net" in page
    assert len(mail.outbox) == 1


def test_a_bad_domain_is_shown_on_the_form(round_, practice):
    page = post_request(Client(), round_, practice, "sam@gmail.com")
    assert page.status_code == 200
    assert "Enter your work email address: it must be an address @nhs.net or ending .nhs.uk" in (
        page.content.decode()
    )
    assert mail.outbox == []


def _after(round_, practice, email):
    """What the person sees after asking: the redirect and the page it leads to, with the
    address they typed taken out."""
    browser = Client()
    response = post_request(browser, round_, practice, email)
    page = browser.get(response["Location"]).content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return response.status_code, response["Location"], page.replace(email, "ADDRESS")


def test_the_answer_is_the_same_whoever_the_address_belongs_to(manager, round_, practice):
    invited, withdrawn = services.create_personal_invitations(
        actor=manager,
        round_=round_,
        people=[
            services.PersonInput("Sam", "sam@nhs.net", practice, "clinical"),
            services.PersonInput("Wen", "wen@nhs.net", practice, "clinical"),
        ],
    )
    services.withdraw_personal_invitation(actor=manager, invitation=withdrawn)
    member = MembershipFactory(partnership=round_.partnership, role=PartnershipRole.MEMBER).user
    answers = {
        kind: _after(round_, practice, email)
        for kind, email in [
            ("new", "new.person@nhs.net"),
            ("invited", invited.email),
            ("withdrawn", withdrawn.email),
            ("member", member.email),
        ]
    }
    assert len(set(answers.values())) == 1, answers


def test_requests_are_throttled_per_address(settings, round_, practice):
    settings.LINK_REQUESTS_PER_ADDRESS_PER_HOUR = 2
    for _ in range(2):
        assert post_request(Client(), round_, practice, "sam@nhs.net").status_code == 302
    refused = post_request(Client(), round_, practice, "Sam@nhs.net")
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert len(mail.outbox) == 2
    # Another address is not held up.
    assert post_request(Client(), round_, practice, "ola@nhs.net").status_code == 302


def test_requests_are_throttled_per_ip_address(settings, round_, practice):
    settings.LINK_REQUESTS_PER_IP_PER_HOUR = 3
    for n in range(3):
        assert post_request(Client(), round_, practice, f"p{n}@nhs.net").status_code == 302
    assert post_request(Client(), round_, practice, "p9@nhs.net").status_code == 429
    other_ip = Client(REMOTE_ADDR="10.0.0.9")
    assert post_request(other_ip, round_, practice, "p10@nhs.net").status_code == 302
    assert len(mail.outbox) == 4


def test_requests_are_throttled_per_round(settings, round_, practice, partnership, framework):
    settings.LINK_REQUESTS_PER_ROUND_PER_HOUR = 2
    for n in range(2):
        client = Client(REMOTE_ADDR=f"10.0.1.{n}")
        assert post_request(client, round_, practice, f"p{n}@nhs.net").status_code == 302
    client = Client(REMOTE_ADDR="10.0.1.9")
    assert post_request(client, round_, practice, "p9@nhs.net").status_code == 429
    other = RoundFactory(partnership=partnership, frameworks=[framework])
    other.open_link_enabled = True
    other.save()
    assert post_request(client, other, practice, "p9@nhs.net").status_code == 302


def test_the_throttled_answer_is_the_same_for_every_address(settings, manager, round_, practice):
    settings.LINK_REQUESTS_PER_IP_PER_HOUR = 0
    services.create_personal_invitations(
        actor=manager,
        round_=round_,
        people=[services.PersonInput("Sam", "sam@nhs.net", practice, "clinical")],
    )
    mail.outbox.clear()
    pages = set()
    for email in ("sam@nhs.net", "new.person@nhs.net"):
        page = post_request(Client(), round_, practice, email)
        assert page.status_code == 429
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.content.decode())
        pages.add(body.replace(email, "ADDRESS"))
    assert len(pages) == 1
    assert mail.outbox == []


def test_the_old_start_page_is_gone(round_, practice):
    response = Client().post(
        f"/invitation/{round_.invitation_token}/start/",
        {"partner": str(practice.pk), "respondent_role": "clinical"},
    )
    assert response.status_code == 404
    assert not Response.objects.exists()
