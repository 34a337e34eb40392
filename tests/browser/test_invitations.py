"""Inviting someone new, end to end in headless Chromium: a manager invites an address; the
invitee follows the emailed link (read from Django's locmem outbox), sets a password, answers
a questionnaire and submits it. axe-core checks every new page: the invite page, the
accept-invitation page, the reminder page and the password reset and change pages.

Set SCREENSHOTS_DIR to also save those pages at 1280 and 375 pixels wide."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from assessments.models import Membership, Response, ResponseStatus
from partnership_site.roles import PartnershipRole
from tests.browser.conftest import axe_violations
from tests.factories import (
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    RoundFactory,
    UserFactory,
    build_framework,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (1280, 375)


def snap(page, name: str) -> None:
    """Screenshots of the page at each width, if SCREENSHOTS_DIR is set."""
    folder = os.environ.get("SCREENSHOTS_DIR")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    page.set_viewport_size(size)


def click_and_wait(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def sign_in(page, username, password="correct-horse-battery"):
    page.goto(page.base_url + "/sign-in/")
    page.get_by_label("Username or email address").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    click_and_wait(page, "Sign in")


@pytest.fixture
def riverside(settings, live_server):
    settings.SITE_URL = live_server.url
    manager = UserFactory(username="maya", first_name="Maya", last_name="Patel")
    partnership = PartnershipFactory(name="Riverside PCN")
    MembershipFactory(partnership=partnership, user=manager, role=PartnershipRole.MANAGER)
    practice = PartnerFactory(partnership=partnership, name="Hill Surgery")
    framework = build_framework(sections=(2, 1), title="Partnership values")
    round_ = RoundFactory(partnership=partnership, title="Autumn check-in", frameworks=[framework])
    return manager, partnership, practice, round_


def test_a_new_colleague_is_invited_joins_and_answers(page, browser, riverside):
    manager, partnership, practice, round_ = riverside
    sign_in(page, manager.username)
    page.goto(f"{page.base_url}/partnerships/{partnership.pk}/")
    page.get_by_role("button", name="Invite people").click()
    expect(page.locator("h1")).to_have_text("Invite people")
    assert axe_violations(page) == []
    snap(page, "invite")

    # A bad line first: reported by number, nothing sent.
    page.get_by_label("Email addresses").fill(
        "Nia Shah, nia.shah@nhs.net, Hill Surgery\nnot-an-address"
    )
    click_and_wait(page, "Send invitations")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Line 2: “not-an-address” is not a valid email address."
    )
    assert mail.outbox == []
    assert axe_violations(page) == []
    snap(page, "invite-error")

    page.get_by_label("Email addresses").fill("Nia Shah, nia.shah@nhs.net, Hill Surgery")
    click_and_wait(page, "Send invitations")
    expect(
        page.locator(".nhsuk-notification-banner, .nhsuk-inset-text, main").first
    ).to_contain_text("Invitations sent to 1 person")
    expect(
        page.get_by_role("button", name="Resend the invitation to nia.shah@nhs.net")
    ).to_be_visible()
    assert axe_violations(page) == []
    snap(page, "invite-sent")

    # The invitee, in a browser of their own, follows the link in the email.
    (message,) = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0)
    assert link.startswith(page.base_url + "/join/")
    invitee_context = browser.new_context(viewport={"width": 1280, "height": 900})
    invitee = invitee_context.new_page()
    invitee.goto(link)
    expect(invitee.locator("h1")).to_have_text("Join Riverside PCN")
    assert axe_violations(invitee) == []
    snap(invitee, "accept-invitation")
    invitee.get_by_label("First name").fill("Nia")
    invitee.get_by_label("Last name").fill("Shah")
    invitee.get_by_label("Create a password").fill("a long river stone")
    invitee.get_by_label("Type the password again").fill("a long river stone")
    click_and_wait(invitee, "Create account and join")
    expect(invitee.locator("h1")).to_have_text("Riverside PCN")
    expect(invitee.get_by_text("You have joined Riverside PCN")).to_be_visible()
    menu = invitee.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("link", name="My partnerships")).to_be_visible()
    assert Membership.objects.get(user__email="nia.shah@nhs.net").partner == practice

    # They answer the round's questionnaire and submit it.
    invitee.goto(f"{page.base_url}/rounds/{round_.pk}/answer/")
    invitee.get_by_role("button", name="Start Partnership values").click()
    role = invitee.get_by_label("Clinical", exact=False)
    if role.count():
        role.first.check()
    click_and_wait(invitee, "Start now")
    for _ in range(2):
        questions = invitee.locator("fieldset")
        for index in range(questions.count()):
            questions.nth(index).get_by_label("Agree", exact=True).check()
        click_and_wait(invitee, "Save and continue")
    expect(invitee.locator("h1")).to_contain_text("Check your answers")
    click_and_wait(invitee, "Submit answers")
    expect(invitee.locator(".nhsuk-panel h1")).to_have_text("Answers submitted")
    response = Response.objects.get(respondent__email="nia.shah@nhs.net")
    assert response.status == ResponseStatus.SUBMITTED and response.partner == practice

    # The same link again says plainly it has been used.
    used = invitee_context.new_page()
    used.goto(link)
    expect(used.locator("h1")).to_have_text("This invitation has already been used")
    assert axe_violations(used) == []
    snap(used, "invitation-used")
    invitee_context.close()

    # The manager's round page: the reminder button and what it says.
    page.goto(f"{page.base_url}/rounds/{round_.pk}/")
    click_and_wait(page, "Remind people who have not answered")
    expect(page.locator("#reminders-last")).to_contain_text("Reminders were last sent on")
    assert axe_violations(page) == []
    snap(page, "round")
    page.get_by_role("link", name="Change reminder settings for Autumn check-in").click()
    expect(page.locator("h1")).to_have_text("Reminders")
    assert axe_violations(page) == []
    snap(page, "round-reminders")

    # Personal links go by email as soon as people are invited to an open round (ADR 0037).
    page.goto(f"{page.base_url}/rounds/{round_.pk}/people/")
    page.get_by_label("People to invite").fill("Sam Lee, sam@nhs.net, Hill Surgery, Clinical")
    click_and_wait(page, "Create links")
    expect(page.get_by_text("Personal links emailed to 1 person.")).to_be_visible()
    assert mail.outbox[-1].to == ["sam@nhs.net"]
    assert "/personal/" not in page.content()
    click_and_wait(page, "Email a new link to Sam Lee")
    expect(page.get_by_text("A new personal link has been emailed to 1 person.")).to_be_visible()
    assert axe_violations(page) == []
    snap(page, "people")


def test_password_reset_and_change_pages(page, settings, live_server):
    settings.SITE_URL = live_server.url
    UserFactory(username="rob", email="rob@nhs.net")
    page.goto(page.base_url + "/sign-in/")
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.locator("h1")).to_have_text("Reset your password")
    assert axe_violations(page) == []
    snap(page, "password-reset")
    click_and_wait(page, "Send reset link")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter your email address")
    assert axe_violations(page) == []
    snap(page, "password-reset-error")
    page.get_by_label("Email address").fill("rob@nhs.net")
    click_and_wait(page, "Send reset link")
    expect(page.locator("h1")).to_have_text("Check your email")
    assert axe_violations(page) == []
    snap(page, "password-reset-sent")

    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Choose a new password")
    assert axe_violations(page) == []
    snap(page, "password-reset-confirm")
    page.get_by_label("New password", exact=True).fill("blue heron at dawn")
    page.get_by_label("Type the new password again").fill("blue heron at dawn")
    click_and_wait(page, "Save new password")
    expect(page.locator("h1")).to_have_text("Your password has been reset")
    assert axe_violations(page) == []
    snap(page, "password-reset-complete")

    sign_in(page, "rob", "blue heron at dawn")
    expect(page.locator("h1")).to_have_text("My partnerships")
    page.get_by_role("link", name="Change password").click()
    expect(page.locator("h1")).to_have_text("Change your password")
    assert axe_violations(page) == []
    snap(page, "password-change")
    page.goto(link)
    expect(page.locator("h1")).to_have_text("This reset link does not work")
    assert axe_violations(page) == []
    snap(page, "password-reset-used")
