"""Reminders (ADR 0022): who gets them, never twice a day, never for closed rounds or after
the closing date, the per-round setting, action owners, the button and the command."""

from __future__ import annotations

import re
from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.errors import NotAllowedNow
from assessments.models import (
    ActionStatus,
    PersonalInvitation,
    ReminderSent,
    ResponseStatus,
    RoundStatus,
)
from assessments.selectors.reminders import last_reminders
from assessments.services.reminders import remind_action_owners, rounds_to_remind
from partnership_site.roles import PartnershipRole
from tests.factories import (
    ActionItemFactory,
    MembershipFactory,
    PartnerFactory,
    ResponseFactory,
    RoundFactory,
    UserFactory,
    build_framework,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://partnerships.example.nhs.uk"


@pytest.fixture
def framework():
    return build_framework(sections=(2,), title="Readiness")


@pytest.fixture
def people(partnership, manager, framework):
    """An open round closing in 2 days: who has and has not answered."""
    today = timezone.localdate()
    practice = PartnerFactory(partnership=partnership, name="Hill Surgery")
    round_ = RoundFactory(
        partnership=partnership,
        frameworks=[framework],
        title="Spring",
        closes_on=today + timedelta(days=2),
    )
    answered = MembershipFactory(partnership=partnership, partner=practice).user
    waiting = MembershipFactory(partnership=partnership, partner=practice).user
    MembershipFactory(partnership=partnership, role=PartnershipRole.FACILITATOR)  # never asked
    MembershipFactory(partnership=partnership, user=UserFactory(email=""))  # no address
    ResponseFactory(
        round=round_,
        framework=framework,
        partner=practice,
        respondent=answered,
        status=ResponseStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    ResponseFactory(round=round_, framework=framework, partner=practice, respondent=waiting)
    invited = {"round": round_, "partner": practice, "respondent_role": "clinical"}
    guest_waiting = PersonalInvitation.objects.create(name="Ola", email="ola@nhs.net", **invited)
    guest_done = PersonalInvitation.objects.create(name="Kim", email="kim@nhs.net", **invited)
    PersonalInvitation.objects.create(
        name="Gone", email="gone@nhs.net", withdrawn_at=timezone.now(), **invited
    )
    # A member also invited personally gets one reminder, with their personal link.
    PersonalInvitation.objects.create(name="Wai", email=waiting.email.upper(), **invited)
    ResponseFactory(
        round=round_,
        framework=framework,
        partner=practice,
        respondent=None,
        invitation=guest_done,
        status=ResponseStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    return round_, {
        "manager": manager.email,
        "waiting": waiting.email,
        "ola": guest_waiting.email,
        "answered": answered.email,
    }


def addresses():
    return sorted(message.to[0].lower() for message in mail.outbox)


def test_people_who_have_not_answered_get_one_reminder(people):
    round_, who = people
    sent = services.remind_not_answered(actor=None, round_=round_)
    expected = sorted([who["manager"].lower(), who["waiting"].lower(), "ola@nhs.net"])
    assert addresses() == expected and sent == 3
    by_address = {m.to[0].lower(): m for m in mail.outbox}
    # A personal invitee gets their own link; members get the round's answer page.
    assert "/personal/" in by_address["ola@nhs.net"].body
    assert "/personal/" in by_address[who["waiting"].lower()].body
    assert f"/rounds/{round_.pk}/answer/" in by_address[who["manager"].lower()].body
    for message in mail.outbox:
        assert message.subject.startswith("Reminder: Spring closes on")
        assert "https://partnerships.example.nhs.uk/" in message.body


def test_never_twice_a_day_but_again_tomorrow(people, manager):
    round_, _ = people
    services.remind_not_answered(actor=None, round_=round_)
    assert services.remind_not_answered(actor=manager, round_=round_) == 0
    call_command("send_reminders", stdout=StringIO())
    assert len(mail.outbox) == 3
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert services.remind_not_answered(actor=None, round_=round_, today=tomorrow) == 3
    assert len(mail.outbox) == 6


@pytest.mark.parametrize("status", [RoundStatus.CLOSED, RoundStatus.DRAFT])
def test_never_for_rounds_that_are_not_open(people, status):
    round_, _ = people
    round_.status = status
    round_.save()
    with pytest.raises(NotAllowedNow):
        services.remind_not_answered(actor=None, round_=round_)
    call_command("send_reminders", stdout=StringIO())
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_never_after_the_closing_date(people):
    round_, _ = people
    after = round_.closes_on + timedelta(days=1)
    with pytest.raises(NotAllowedNow, match="closing date has passed"):
        services.remind_not_answered(actor=None, round_=round_, today=after)
    assert rounds_to_remind(after) == []


@pytest.mark.parametrize(
    ("days_before", "closes_in", "reminded"),
    [(3, 2, True), (3, 3, True), (3, 4, False), (0, 0, False), (1, 0, True)],
)
def test_the_command_reminds_within_the_rounds_setting(people, days_before, closes_in, reminded):
    round_, _ = people
    round_.remind_days_before = days_before
    round_.closes_on = timezone.localdate() + timedelta(days=closes_in)
    round_.save()
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert bool(mail.outbox) is reminded
    assert "Reminders sent:" in out.getvalue()


def test_reminder_links_work_when_followed(people, client):
    round_, who = people
    services.remind_not_answered(actor=None, round_=round_)
    by_address = {m.to[0].lower(): m for m in mail.outbox}
    guest_path = urlsplit(re.search(r"https://\S+", by_address["ola@nhs.net"].body).group(0)).path
    assert Client().get(guest_path).status_code == 200
    member_path = urlsplit(
        re.search(r"https://\S+", by_address[who["manager"].lower()].body).group(0)
    ).path
    client.force_login(round_.partnership.memberships.get(role="manager").user)
    assert client.get(member_path).status_code == 200


def test_reminders_never_say_what_anyone_answered(people, framework):
    round_, _ = people
    services.remind_not_answered(actor=None, round_=round_)
    words = {
        item.statement for dimension in framework.dimensions.all() for item in dimension.items.all()
    }
    for message in mail.outbox:
        assert not any(text in message.body for text in words)
        assert "submitted" not in message.body.lower()
        assert "Kim" not in message.body  # nobody is told who else has answered


def test_the_button_says_when_and_to_how_many(people, manager, client):
    round_, _ = people
    client.force_login(manager)
    url = reverse("round_detail", args=[round_.pk])
    assert "No reminders have been sent yet" in client.get(url).content.decode()
    response = client.post(
        reverse("round_remind", args=[round_.pk]), {"back": "round"}, follow=True
    )
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == url
    assert "Reminders sent to 3 people." in body
    assert "Reminders were last sent on" in body and "to 3 people" in body
    again = client.post(reverse("round_remind", args=[round_.pk]), follow=True)
    assert "Nobody needed a reminder" in again.content.decode()
    assert last_reminders(round_).people == 3
    assert ReminderSent.objects.filter(sent_by=manager).count() == 3


@pytest.mark.parametrize("role", ["member", "facilitator", "outsider"])
def test_only_managers_press_the_button(request, people, client, role):
    round_, _ = people
    client.force_login(request.getfixturevalue(role))
    response = client.post(reverse("round_remind", args=[round_.pk]))
    assert response.status_code == (404 if role == "outsider" else 403)
    assert mail.outbox == []


def test_the_manager_changes_the_setting(people, manager, client):
    round_, _ = people
    client.force_login(manager)
    url = reverse("round_reminders", args=[round_.pk])
    assert (
        "Enter the number of days" in client.post(url, {"remind_days_before": "x"}).content.decode()
    )
    too_many = client.post(url, {"remind_days_before": "61"}).content.decode()
    assert "60 or fewer" in too_many
    client.post(url, {"remind_days_before": "0"})
    round_.refresh_from_db()
    assert round_.remind_days_before == 0
    call_command("send_reminders", stdout=StringIO())
    assert mail.outbox == []


# -- Action owners -----------------------------------------------------------------------------


def test_action_owners_by_address_name_or_creator(partnership, manager):
    today = timezone.localdate()
    named = MembershipFactory(
        partnership=partnership, user=UserFactory(first_name="Ada", last_name="Lovelace")
    ).user
    due = {"partnership": partnership, "due_on": today}
    ActionItemFactory(owner="lead@nhs.net", title="Shared plan", **due)
    ActionItemFactory(owner="ada lovelace", title="Data sharing", **due)
    ActionItemFactory(owner="The board", created_by=manager, title="Agree budget", **due)
    ActionItemFactory(owner="Nobody known", title="Orphan", **due)
    ActionItemFactory(
        owner="lead@nhs.net",
        title="Not yet",
        partnership=partnership,
        due_on=today + timedelta(days=1),
    )
    ActionItemFactory(
        owner="lead@nhs.net",
        title="Three days late",
        partnership=partnership,
        due_on=today - timedelta(days=3),
    )
    ActionItemFactory(
        owner="lead@nhs.net",
        title="A week late",
        partnership=partnership,
        due_on=today - timedelta(days=7),
    )
    ActionItemFactory(
        owner="lead@nhs.net",
        title="Done",
        partnership=partnership,
        due_on=today,
        status=ActionStatus.DONE,
        completed_on=today,
    )
    assert remind_action_owners() == 3
    assert addresses() == sorted(["lead@nhs.net", named.email.lower(), manager.email.lower()])
    lead = next(m for m in mail.outbox if m.to == ["lead@nhs.net"])
    assert "Shared plan" in lead.body and "A week late" in lead.body
    assert "Not yet" not in lead.body and "Three days late" not in lead.body
    assert "Done" not in lead.body
    assert remind_action_owners() == 0  # once a day
    assert len(mail.outbox) == 3


def test_an_owning_member_is_reminded_and_a_former_member_falls_back_to_the_recorder(
    partnership, manager
):
    today = timezone.localdate()
    owner = MembershipFactory(partnership=partnership).user
    former = UserFactory(email="former@nhs.net")  # owned an action, then left
    due = {"partnership": partnership, "due_on": today, "owner": ""}
    ActionItemFactory(owner_user=owner, title="Owned by a member", **due)
    ActionItemFactory(owner_user=former, created_by=manager, title="Left behind", **due)
    assert remind_action_owners() == 2
    assert addresses() == sorted([owner.email.lower(), manager.email.lower()])
    to_owner = next(m for m in mail.outbox if m.to == [owner.email])
    assert "Owned by a member" in to_owner.body and "Left behind" not in to_owner.body
    assert not any(m.to == ["former@nhs.net"] for m in mail.outbox)
