"""A manager's pages in headless Chromium: no WCAG 2.2 A/AA problems, and the copy button."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import ResponseStatus, RoundStatus
from partnership_site.roles import PartnershipRole
from tests.browser.conftest import axe_violations
from tests.factories import (
    FrameworkFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    ResponseFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def managed():
    manager = UserFactory(username="maya", first_name="Maya", last_name="Patel")
    partnership = PartnershipFactory(name="Riverside PCN")
    MembershipFactory(partnership=partnership, user=manager, role=PartnershipRole.MANAGER)
    partners = [
        PartnerFactory(partnership=partnership, name="Hill Surgery", ods_code="L83001"),
        PartnerFactory(partnership=partnership, name="Riverside Community Connect"),
    ]
    MembershipFactory(partnership=partnership, partner=partners[0])
    framework = FrameworkFactory(title="Partnership values")
    open_round = RoundFactory(
        partnership=partnership, title="Autumn check-in", frameworks=[framework]
    )
    RoundFactory(partnership=partnership, title="Next spring", status=RoundStatus.DRAFT)
    ResponseFactory(
        round=open_round,
        framework=framework,
        partner=partners[0],
        status=ResponseStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    return manager, partnership, open_round


def sign_in(page, username):
    page.goto(page.base_url + "/sign-in/")
    page.get_by_label("Username or email address").fill(username)
    page.get_by_label("Password", exact=True).fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_partnership_and_round_pages_are_accessible(page, managed):
    manager, partnership, open_round = managed
    sign_in(page, manager.username)

    page.goto(page.base_url + "/partnerships/")
    expect(page.locator("h1")).to_have_text("My partnerships")
    assert axe_violations(page) == []

    page.goto(page.base_url + f"/partnerships/{partnership.pk}/")
    expect(page.locator("h1")).to_have_text("Riverside PCN")
    expect(page.get_by_role("link", name="Remove Hill Surgery")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(page.base_url + f"/rounds/{open_round.pk}/")
    expect(page.locator("h1")).to_have_text("Autumn check-in")
    assert axe_violations(page) == []

    # The forms and confirmation pages the tables lead to.
    page.get_by_role("link", name="Create a new shared link").click()
    expect(page.locator("h1")).to_contain_text("Create a new invitation link")
    assert axe_violations(page) == []
    page.goto(page.base_url + f"/rounds/{open_round.pk}/")
    page.get_by_role("link", name="Change closing date").click()
    expect(page.locator("h1")).to_have_text("Change the closing date")
    assert axe_violations(page) == []
    page.goto(page.base_url + f"/rounds/{open_round.pk}/")
    page.get_by_role("link", name="Stop the shared link").click()
    expect(page.locator("h1")).to_contain_text("Stop the shared link")
    assert axe_violations(page) == []

    # Personal links: invite two people with one bad line first (errors), then properly.
    page.goto(page.base_url + f"/rounds/{open_round.pk}/people/")
    expect(page.locator("h1")).to_have_text("Personal links")
    assert axe_violations(page) == []
    page.get_by_label("People to invite").fill("Sam Lee, not-an-email, Hill Surgery, Clinical")
    page.get_by_role("button", name="Create links").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("not a valid email address")
    assert axe_violations(page) == []
    page.get_by_label("People to invite").fill(
        "Sam Lee, sam@nhs.net, Hill Surgery, Clinical\n"
        "Ola Ade, ola@nhs.net, Riverside Community Connect, Community"
    )
    page.get_by_role("button", name="Create links").click()
    expect(page.get_by_role("cell", name="Sam Lee sam@nhs.net")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Withdraw the link for Ola Ade").click()
    expect(page.locator("h1")).to_contain_text("Withdraw the personal link for Ola Ade")
    assert axe_violations(page) == []
    page.goto(page.base_url + f"/partnerships/{partnership.pk}/")
    page.get_by_role("link", name="Remove Hill Surgery").click()
    expect(page.locator("h1")).to_have_text("You cannot remove Hill Surgery")
    assert axe_violations(page) == []
    page.goto(page.base_url + f"/partnerships/{partnership.pk}/")
    page.get_by_role("button", name="Invite people").click()
    page.get_by_role("button", name="Send invitations").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Enter at least one email address, or upload a CSV file"
    )
    assert axe_violations(page) == []


def test_copy_link_button_copies_the_invitation_link(page, managed):
    manager, _, open_round = managed
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.base_url)
    sign_in(page, manager.username)
    page.goto(page.base_url + f"/rounds/{open_round.pk}/")
    link = page.locator("#invitation-link")
    expect(link).to_have_attribute("readonly", "")
    assert open_round.invitation_token in link.input_value()
    button = page.get_by_role("button", name="Copy link")
    expect(button).to_be_visible()  # shown only when the script runs
    button.click()
    expect(page.locator("#invitation-link-copied")).to_contain_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == link.input_value()


def test_round_form_errors_are_accessible(page, managed):
    manager, partnership, _ = managed
    sign_in(page, manager.username)
    page.goto(page.base_url + f"/partnerships/{partnership.pk}/rounds/new/")
    assert axe_violations(page) == []
    page.get_by_label("Title").fill("Winter")
    page.get_by_role("group", name="Opening date").get_by_label("Day").fill("31")
    page.get_by_role("group", name="Opening date").get_by_label("Month").fill("2")
    page.get_by_role("group", name="Opening date").get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Create round").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("The opening date must be a real date")
    expect(summary).to_contain_text("Enter the closing date")
    expect(summary).to_contain_text("Select at least one questionnaire")
    expect(page).to_have_title("Error: Create a round – Partnership self-assessment – NHS")
    assert axe_violations(page) == []
