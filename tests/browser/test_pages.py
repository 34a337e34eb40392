import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_start_page_is_styled_and_accessible(page):
    page.goto(page.base_url + "/")
    expect(page.locator("h1")).to_have_text("Check how well your partnership works together")
    header = page.locator("header.nhsuk-header")
    assert header.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(0, 94, 184)"
    expect(page.get_by_role("button", name="Sign in to start")).to_have_attribute(
        "href", "/sign-in/"
    )
    assert axe_violations(page) == []


def test_sign_in_with_email_then_sign_out(page):
    UserFactory(username="maya", email="Maya.Patel@example.nhs.uk")
    page.goto(page.base_url + "/sign-in/")
    assert axe_violations(page) == []
    page.get_by_label("Username or email address").fill("maya.patel@example.nhs.uk")
    page.get_by_label("Password", exact=True).fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()


def test_failed_sign_in_shows_an_accessible_error_summary(page):
    page.goto(page.base_url + "/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter your username or email address")
    expect(summary).to_contain_text("Enter your password")
    expect(page).to_have_title("Error: Sign in – Partnership self-assessment – NHS")
    assert axe_violations(page) == []
