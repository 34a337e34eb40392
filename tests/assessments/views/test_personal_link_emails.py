"""Emailing personal questionnaire links from a round's people page: each person once, never
the withdrawn, again on request; the emailed link works."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from assessments import services
from assessments.errors import NotAllowedNow
from assessments.models import PersonalInvitation, RoundStatus
from tests.factories import PartnerFactory, RoundFactory, build_framework

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://partnerships.example.nhs.uk"


@pytest.fixture
def round_(partnership):
    return RoundFactory(
        partnership=partnership, frameworks=[build_framework(sections=(1,))], title="Autumn"
    )


@pytest.fixture
def invited(round_):
    practice = PartnerFactory(partnership=round_.partnership, name="Hill Surgery")
    made = {"round": round_, "partner": practice, "respondent_role": "clinical"}
    return [
        PersonalInvitation.objects.create(name="Sam", email="sam@nhs.net", **made),
        PersonalInvitation.objects.create(name="Ola", email="ola@nhs.net", **made),
        PersonalInvitation.objects.create(name="Kim", email="kim@nhs.net", **made),
    ]


def test_send_invitations_emails_each_person_once(client, manager, round_, invited):
    services.withdraw_personal_invitation(actor=manager, invitation=invited[2])
    client.force_login(manager)
    url = reverse("round_invitations_send", args=[round_.pk])
    response = client.post(url, follow=True)
    assert "Personal links emailed to 2 people." in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == ["ola@nhs.net", "sam@nhs.net"]
    assert all(i.emailed_at for i in PersonalInvitation.objects.exclude(pk=invited[2].pk))
    assert PersonalInvitation.objects.get(pk=invited[2].pk).emailed_at is None
    # Pressing again sends nothing; a new person is sent theirs only.
    PersonalInvitation.objects.create(
        round=round_,
        name="New",
        email="new@nhs.net",
        partner=invited[0].partner,
        respondent_role="other",
    )
    again = client.post(url, follow=True)
    assert "Personal links emailed to 1 person." in again.content.decode()
    assert [m.to[0] for m in mail.outbox[2:]] == ["new@nhs.net"]
    assert "Everyone has already been sent" in client.post(url, follow=True).content.decode()


def test_the_emailed_link_works_and_is_the_persons_own(client, manager, round_, invited):
    services.email_personal_links(actor=manager, round_=round_)
    message = next(m for m in mail.outbox if m.to == ["sam@nhs.net"])
    assert message.subject == f"Your questionnaire link for {round_.partnership.name}"
    link = re.search(r"https://\S+", message.body).group(0)
    assert link.startswith("https://partnerships.example.nhs.uk/personal/")
    response = Client().get(urlsplit(link).path)
    assert response.status_code == 200
    assert "Sam" in response.content.decode()


def test_resend_to_one_person(client, manager, round_, invited):
    services.email_personal_links(actor=manager, round_=round_)
    client.force_login(manager)
    client.post(reverse("invitation_send", args=[round_.pk, invited[1].pk]))
    assert [m.to[0] for m in mail.outbox[3:]] == ["ola@nhs.net"]
    services.withdraw_personal_invitation(actor=manager, invitation=invited[1])
    with pytest.raises(NotAllowedNow, match="withdrawn"):
        services.email_personal_links(actor=manager, round_=round_, invitation=invited[1])


@pytest.mark.parametrize("status", [RoundStatus.DRAFT, RoundStatus.CLOSED])
def test_only_while_the_round_is_open(manager, round_, invited, status):
    round_.status = status
    round_.save()
    with pytest.raises(NotAllowedNow):
        services.email_personal_links(actor=manager, round_=round_)
    assert mail.outbox == []


@pytest.mark.parametrize("role", ["member", "facilitator", "outsider"])
def test_only_managers_send(request, client, round_, invited, role):
    client.force_login(request.getfixturevalue(role))
    response = client.post(reverse("round_invitations_send", args=[round_.pk]))
    assert response.status_code == (404 if role == "outsider" else 403)
    assert mail.outbox == []
