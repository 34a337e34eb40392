"""Issue 11's new pages in headless Chromium, checked with axe (WCAG 2.2 A/AA): editing a
draft round, deleting a draft, archiving an organisation, the friendly CSRF page and the
questionnaire page that gives back what a signed-out person typed. Set SCREENSHOTS_DIR to
keep full-page screenshots of each at 1280 and 375 pixels wide."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from assessments import services
from assessments.models import RoundStatus
from partnership_site.roles import PartnershipRole
from tests.browser.conftest import axe_violations
from tests.browser.test_manager_pages import managed, sign_in  # noqa: F401
from tests.factories import MembershipFactory, PartnerFactory, RoundFactory, build_framework

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page, name):
    """No axe violations at either width; screenshots if SCREENSHOTS_DIR is set."""
    out = os.environ.get("SCREENSHOTS_DIR")
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(page) == [], f"{name} at {width}px"
        if out:
            Path(out).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{out}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_edit_and_delete_a_draft_round(page, managed):
    manager, partnership, _ = managed
    draft = partnership.rounds.get(status=RoundStatus.DRAFT)
    sign_in(page, manager.username)
    page.goto(page.base_url + f"/rounds/{draft.pk}/")
    page.get_by_role("link", name="Edit round Next spring").click()
    expect(page.locator("h1")).to_have_text("Edit Next spring")
    check(page, "round-edit")
    page.get_by_role("checkbox").first.check()
    opening = page.get_by_role("group", name="Opening date")
    opening.get_by_label("Day").fill("1")
    opening.get_by_label("Month").fill("1")
    opening.get_by_label("Year").fill("2020")
    closing = page.get_by_role("group", name="Closing date")
    closing.get_by_label("Day").fill("1")
    closing.get_by_label("Month").fill("2")
    closing.get_by_label("Year").fill("2020")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "The closing date must be today or in the future"
    )
    check(page, "round-edit-error")

    page.goto(page.base_url + f"/rounds/{draft.pk}/")
    page.get_by_role("link", name="Delete draft round Next spring").click()
    expect(page.locator("h1")).to_have_text("Delete Next spring?")
    check(page, "round-delete")
    page.get_by_role("button", name="Delete round").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(
        "Next spring has been deleted"
    )


def test_archive_an_organisation(page, managed):
    manager, partnership, _ = managed
    PartnerFactory(partnership=partnership, name="Quay Practice")
    sign_in(page, manager.username)
    page.goto(page.base_url + f"/partnerships/{partnership.pk}/")
    page.get_by_role("link", name="Archive Quay Practice").click()
    expect(page.locator("h1")).to_have_text("Archive Quay Practice?")
    check(page, "partner-archive")
    page.get_by_role("button", name="Archive organisation").click()
    expect(page.get_by_text("Archived organisations (1)")).to_be_visible()
    assert axe_violations(page) == []


@pytest.fixture
def respondent_on_a_page(partnership_with_round):
    return partnership_with_round


@pytest.fixture
def partnership_with_round(managed):
    _, partnership, _ = managed
    partner = PartnerFactory(partnership=partnership, name="Harbour Practice")
    user = MembershipFactory(
        partnership=partnership, role=PartnershipRole.MEMBER, partner=partner
    ).user
    framework = build_framework(sections=(2,), title="Readiness for change")
    round_ = RoundFactory(partnership=partnership, frameworks=[framework], title="Winter")
    response = services.start_response(
        actor=user, round_=round_, framework=framework, partner=partner, respondent_role="clinical"
    )
    return user, response


def test_the_csrf_page_and_answers_kept_across_signing_in(page, partnership_with_round):
    user, response = partnership_with_round
    sign_in(page, user.username)
    url = page.base_url + f"/responses/{response.pk}/sections/1/"
    page.goto(url)
    page.get_by_role("radio").first.check()

    # The security token is gone (for example the cookie was cleared): nothing is saved.
    page.context.clear_cookies(name="csrftoken")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("h1")).to_have_text("Your page was not saved")
    check(page, "csrf-failure")
    page.get_by_role("link", name="Go back to the page").click()
    expect(page).to_have_url(url)

    # The session ends while they type: they sign in again and get back what they typed.
    page.get_by_role("radio").first.check()
    page.get_by_text("Add evidence or an example").first.click()
    page.get_by_label("Evidence or example (optional)").first.fill("We meet every week")
    page.context.clear_cookies(name="sessionid")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("h1")).to_contain_text("Sign in")
    page.get_by_label("Username or email address").fill(user.username)
    page.get_by_label("Password", exact=True).fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(url)
    expect(page.locator("#kept-answers")).to_contain_text("not saved yet")
    expect(page.get_by_label("Evidence or example (optional)").first).to_have_value(
        "We meet every week"
    )
    check(page, "answers-kept")
