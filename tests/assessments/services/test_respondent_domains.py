"""RESPONDENT_EMAIL_DOMAINS (ADR 0037): personal links and partnership invitations go only to
work addresses. Every address outside the domains is reported by its line, and a list with
one is stored and sent not at all."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from assessments import services
from assessments.models import MembershipInvitation, PersonalInvitation
from partnership_site.email_domains import (
    describe_domains,
    email_domain_allowed,
    is_plain_mailbox,
)
from partnership_site.roles import PartnershipRole
from tests.factories import PartnerFactory, RoundFactory, build_framework

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(partnership):
    return RoundFactory(partnership=partnership, frameworks=[build_framework(sections=(1,))])


@pytest.fixture
def practice(partnership):
    return PartnerFactory(partnership=partnership, name="Hill Surgery")


@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("sam@nhs.net", True),
        ("Sam@NHS.NET", True),
        ("sam@gp-a81001.nhs.uk", True),
        ("sam@a.b.nhs.uk", True),
        ("sam@nhs.uk", False),  # ".nhs.uk" means a domain under it
        ("sam@evilnhs.uk", False),
        ("sam@nhs.net.evil.test", False),
        ("sam@gmail.com", False),
        ("sam", False),
        # Look-alike domains that mail delivers to gp.nhs.uk (IDNA folds them): a tester made
        # one mailbox into several respondents with them.
        ("pm@\uff47p.nhs.uk", False),  # fullwidth g
        ("pm@g\u00adp.nhs.uk", False),  # soft hyphen
        ("pm@g\u200bp.nhs.uk", False),  # zero-width space
        ("pm@gp.nhs.u\u212a", False),  # Kelvin sign, which lower() makes an ASCII k
        ("pm@gp.nhs.uk.", False),  # trailing dot: the same host
        ("pm@gp..nhs.uk", False),
        ("pm@-gp.nhs.uk", False),
        ("pm@xn--gp-9ja.nhs.uk", True),  # ASCII: a different mailbox from gp.nhs.uk
    ],
)
def test_the_default_domains(settings, email, allowed):
    assert settings.RESPONDENT_EMAIL_DOMAINS == ["nhs.net", ".nhs.uk"]
    assert email_domain_allowed(email, settings.RESPONDENT_EMAIL_DOMAINS) is allowed


def test_domains_in_words():
    assert describe_domains(["nhs.net", ".nhs.uk"]) == "@nhs.net or ending .nhs.uk"
    assert describe_domains(["nhs.net"]) == "@nhs.net"
    assert describe_domains(["a.org", "b.org", ".nhs.uk"]) == "@a.org, @b.org or ending .nhs.uk"


def test_personal_links_refuse_each_address_outside_the_domains(manager, round_, practice):
    people = [
        services.PersonInput("Sam", "sam@nhs.net", practice, "clinical", line=1),
        services.PersonInput("Ola", "ola@gmail.com", practice, "clinical", line=2),
        services.PersonInput("Kim", "kim@gp.nhs.uk", practice, "clinical", line=3),
        services.PersonInput("Lee", "lee@council.gov.uk", practice, "clinical", line=4),
    ]
    with pytest.raises(ValidationError) as refusal:
        services.create_personal_invitations(actor=manager, round_=round_, people=people)
    assert refusal.value.messages == [
        "Line 2: ola@gmail.com is not a work address this service accepts: use an address "
        "@nhs.net or ending .nhs.uk.",
        "Line 4: lee@council.gov.uk is not a work address this service accepts: use an "
        "address @nhs.net or ending .nhs.uk.",
    ]
    assert not PersonalInvitation.objects.exists()
    assert mail.outbox == []


def test_a_deployment_can_allow_other_domains(settings, manager, round_, practice):
    settings.RESPONDENT_EMAIL_DOMAINS = ["nhs.net", "council.gov.uk"]
    people = [services.PersonInput("Lee", "lee@council.gov.uk", practice, "clinical", line=1)]
    services.create_personal_invitations(actor=manager, round_=round_, people=people)
    assert [m.to for m in mail.outbox] == [["lee@council.gov.uk"]]


def test_the_pasted_list_is_refused_line_by_line_on_the_page(client, manager, round_):
    PartnerFactory(partnership=round_.partnership, name="Hill Surgery")
    client.force_login(manager)
    page = client.post(
        reverse("round_invitations", args=[round_.pk]),
        {
            "people": "Sam, sam@nhs.net, Hill Surgery, Clinical\n"
            "Ola, ola@hotmail.co.uk, Hill Surgery, Clinical\n"
            "Kim, kim@, Hill Surgery, Clinical"
        },
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Line 2: ola@hotmail.co.uk is not a work address this service accepts" in text
    assert "Line 3: “kim@” is not a valid email address." in text
    assert not PersonalInvitation.objects.exists()


def test_partnership_invitations_refuse_addresses_outside_the_domains(client, manager, partnership):
    client.force_login(manager)
    page = client.post(
        reverse("invite_people", args=[partnership.pk]),
        {"people": "sam@nhs.net\nola@gmail.com\nkim@gp.nhs.uk"},
    )
    assert page.status_code == 200
    assert (
        "Line 2: ola@gmail.com is not a work address this service accepts: use an address "
        "@nhs.net or ending .nhs.uk." in page.content.decode()
    )
    assert not MembershipInvitation.objects.exists()
    assert mail.outbox == []


def test_the_invite_service_checks_domains_too(manager, partnership):
    people = [
        services.InviteeInput(email="ola@gmail.com", role=PartnershipRole.MEMBER, line=1),
        services.InviteeInput(email="sam@nhs.net", role=PartnershipRole.MEMBER, line=2),
    ]
    with pytest.raises(ValidationError, match="Line 1: ola@gmail.com is not a work address"):
        services.invite_people(actor=manager, partnership=partnership, people=people)
    assert not MembershipInvitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("email", "plain"),
    [
        ("sam.jones@nhs.net", True),
        ("o'brien-smith_2@gp.nhs.uk", True),
        ("Sam.Jones1@NHS.NET", True),
        ("sam+a@nhs.net", False),  # sub-address: delivered to sam@nhs.net
        ("sam%gmail.com@gp.nhs.uk", False),  # the old "%" relay
        ("gmail.com!sam@gp.nhs.uk", False),  # the older "!" path
        ('"sam jones"@nhs.net', False),  # quoted local part
        (".sam@nhs.net", False),
        ("sam.@nhs.net", False),
        ("@nhs.net", False),
    ],
)
def test_a_plain_mailbox(email, plain):
    assert is_plain_mailbox(email) is plain


def test_tagged_addresses_cannot_make_one_mailbox_several_people(manager, round_, practice):
    # A tester's attack on ADR 0037: two "+tag" addresses of the manager's own mailbox lifted a
    # group holding one real person to the threshold of 3, and subtracting gave that person's
    # answers. Every line with a tag, a relay or quotes is refused; nothing is stored or sent.
    people = [
        services.PersonInput("Real", "real.person@tiny.nhs.uk", practice, "clinical", line=1),
        services.PersonInput("A", "maya.patel+a@example.nhs.uk", practice, "clinical", line=2),
        services.PersonInput("B", "MAYA.PATEL+b@example.nhs.uk", practice, "clinical", line=3),
        services.PersonInput("C", "maya%x@example.nhs.uk", practice, "clinical", line=4),
    ]
    with pytest.raises(ValidationError) as refusal:
        services.create_personal_invitations(actor=manager, round_=round_, people=people)
    assert [m.split(":")[0] for m in refusal.value.messages] == ["Line 2", "Line 3", "Line 4"]
    assert "is not a plain work address" in refusal.value.messages[0]
    assert not PersonalInvitation.objects.exists()
    assert mail.outbox == []


def test_partnership_invitations_refuse_tagged_addresses(client, manager, partnership):
    client.force_login(manager)
    page = client.post(
        reverse("invite_people", args=[partnership.pk]),
        {"people": "sam@nhs.net\nsam+m1@nhs.net"},
    )
    assert page.status_code == 200
    assert "Line 2: sam+m1@nhs.net is not a plain work address" in page.content.decode()
    assert not MembershipInvitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "variant", ["pm@\uff47p.nhs.uk", "pm@g\u00adp.nhs.uk", "pm@g\u200bp.nhs.uk"]
)
def test_look_alike_domains_cannot_make_one_mailbox_several_people(
    client, manager, round_, practice, variant
):
    # The tester's attack: each variant passed every check as a new address, yet its email
    # went to pm@gp.nhs.uk, so the manager answered as two more people of a practice holding
    # one real respondent and subtracted to read that person's scores. Refused by every route:
    # personal links, partnership invitations and the shared link's request page.
    people = [
        services.PersonInput("Real", "real.person@gp.nhs.uk", practice, "clinical", line=1),
        services.PersonInput("Me", variant, practice, "clinical", line=2),
    ]
    with pytest.raises(ValidationError) as refusal:
        services.create_personal_invitations(actor=manager, round_=round_, people=people)
    assert [m.split(":")[0] for m in refusal.value.messages] == ["Line 2"]
    assert "is not a work address this service accepts" in refusal.value.messages[0]

    client.force_login(manager)
    page = client.post(reverse("invite_people", args=[round_.partnership.pk]), {"people": variant})
    assert page.status_code == 200
    assert "is not a work address this service accepts" in page.content.decode()

    round_.open_link_enabled = True
    round_.save(update_fields=["open_link_enabled"])
    asked = Client().post(
        reverse("link_request", args=[round_.invitation_token]),
        {"email": variant, "partner": str(practice.pk), "respondent_role": "clinical"},
    )
    assert asked.status_code == 200
    assert "Enter your work email address" in asked.content.decode()
    assert not PersonalInvitation.objects.exists()
    assert not MembershipInvitation.objects.exists()
    assert mail.outbox == []
