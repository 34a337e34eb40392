"""Every email the service sends, rendered and checked: short, plain, absolute links on the
configured site, a plain-text part and an HTML part saying the same, nothing escaped for
HTML in the text, and nothing about anyone's answers."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from assessments import emails
from tests.factories import UserFactory

SITE = "https://partnerships.example.nhs.uk"
COMMON = {"name": "Sam O'Neill", "partnership": "Riverside & Hill PCN"}
CONTEXTS = {
    "membership_invitation_new": {
        **COMMON,
        "inviter": "Maya Patel",
        "role": "member",
        "organisation": "Hill Surgery",
        "link": f"{SITE}/join/TOKEN/",
        "expires_on": date(2026, 12, 14),
    },
    "membership_invitation_existing": {
        **COMMON,
        "inviter": "Maya Patel",
        "role": "partnership manager",
        "organisation": "",
        "link": f"{SITE}/join/TOKEN/",
        "expires_on": date(2026, 12, 14),
    },
    "personal_link": {
        **COMMON,
        "round_title": "Spring 2027",
        "closes_on": date(2027, 3, 31),
        "questionnaires": 2,
        "link": f"{SITE}/personal/1-abc/",
    },
    "link_request_member": {
        "partnership": "Riverside & Hill PCN",
        "round_title": "Spring 2027",
        "closes_on": date(2027, 3, 31),
        "link": f"{SITE}/rounds/1/answer/",
    },
    "reminder_not_answered": {
        **COMMON,
        "round_title": "Spring 2027",
        "closes_on": date(2027, 3, 31),
        "link": f"{SITE}/rounds/1/answer/",
    },
    "reminder_actions_due": {
        **COMMON,
        "actions": [
            {"title": "Agree a shared data plan", "due_on": date(2027, 1, 10)},
            {"title": "Name a lead for each practice", "due_on": date(2027, 1, 3)},
        ],
        "link": f"{SITE}/partnerships/1/",
    },
}


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def test_every_email_has_a_case():
    assert set(CONTEXTS) == set(emails.EMAIL_NAMES)


@pytest.mark.parametrize("name", emails.EMAIL_NAMES)
def test_each_email_reads_well(name):
    email = emails.render(name, to="sam@nhs.net", context=CONTEXTS[name])
    assert email.subject and len(email.subject) <= 78 and "\n" not in email.subject
    assert "Riverside & Hill PCN" in email.subject + email.text  # not "&amp;"
    assert not re.search(r"&(amp|lt|gt|quot|#\d+|#x[0-9a-f]+);", email.subject + email.text)
    if "name" in CONTEXTS[name]:  # the member note goes to an address, not a name
        assert "Sam O'Neill" in email.text
    assert len(email.text.split()) <= 120, "keep emails short"
    links = re.findall(r"https?://\S+", email.text)
    assert links and all(link.startswith(SITE + "/") for link in links)
    assert "\n\n\n" not in email.text and not email.text.startswith(" ")
    # Sent: a plain-text body and an HTML alternative with the same link.
    assert emails.send([email]) == 1
    message = mail.outbox[-1]
    assert message.body == email.text and message.to == ["sam@nhs.net"]
    html, kind = message.alternatives[0]
    assert kind == "text/html" and f'href="{links[0]}"' in html


def test_dates_and_plurals():
    text = emails.render("personal_link", to="a@nhs.net", context=CONTEXTS["personal_link"]).text
    assert "answer the questionnaires for Spring 2027 by 31 March 2027" in text
    one = {
        **CONTEXTS["reminder_actions_due"],
        "actions": CONTEXTS["reminder_actions_due"]["actions"][:1],
    }
    text = emails.render("reminder_actions_due", to="a@nhs.net", context=one).text
    assert "This action is due or overdue" in text
    assert "- Agree a shared data plan: due 10 January 2027" in text


def test_sending_nothing_opens_no_connection():
    assert emails.send([]) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_password_reset_email(client):
    UserFactory(username="rob", email="rob@nhs.net")
    client.post(reverse("password_reset"), {"email": "rob@nhs.net"})
    (message,) = mail.outbox
    assert message.subject == "Reset your password for Partnership self-assessment"
    links = re.findall(r"https?://\S+", message.body)
    assert len(links) == 1 and links[0].startswith(SITE + "/password-reset/")
    assert "stops working after 24 hours" in message.body
    assert len(message.body.split()) <= 120
    assert not re.search(r"&(amp|lt|gt|quot|#\d+);", message.body)
