"""Sign in with an NHS account in the browser, through the test provider's login page on
127.0.0.1 (tests/oidc_provider.py). Screenshots go to SCREENSHOTS_DIR when it is set."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _screenshot(page, name):
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


@pytest.mark.parametrize("width", [1280, 375])
def test_sign_in_page_offers_the_nhs_account_first(page, nhs_sign_in, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.base_url + "/sign-in/")
    button = page.get_by_role("button", name="Sign in with your NHS account")
    expect(button).to_be_visible()
    password_heading = page.get_by_role("heading", name="Or sign in with a password")
    assert button.bounding_box()["y"] < password_heading.bounding_box()["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _screenshot(page, f"sign-in-nhs-{width}.png")
    assert axe_violations(page) == []


def test_sign_in_through_the_provider_reaches_my_partnerships(page, nhs_sign_in):
    maya = UserFactory(username="maya", email="Maya.Patel@nhs.net")
    membership = MembershipFactory(user=maya)
    page.goto(page.base_url + "/partnerships/")
    # Sent to sign in first; the NHS account button keeps where they were going.
    page.get_by_role("button", name="Sign in with your NHS account").click()
    expect(page.get_by_role("heading", name="Test NHS sign-in")).to_be_visible()
    assert page.url.startswith(nhs_sign_in.url + "/authorize?")
    page.get_by_label("Email address").fill("maya.patel@nhs.net")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My partnerships")
    expect(page.get_by_text(membership.partnership.name).first).to_be_visible()
    assert axe_violations(page) == []
    # Signing out ends the provider's session too, and comes back to the start page.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    assert page.url == page.base_url + "/"
    assert nhs_sign_in.ended_sessions[-1]["email"] == "maya.patel@nhs.net"


def test_an_uninvited_address_is_told_to_ask_their_manager(page, nhs_sign_in):
    page.goto(page.base_url + "/sign-in/")
    page.get_by_role("button", name="Sign in with your NHS account").click()
    page.get_by_label("Email address").fill("new.person@nhs.net")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have an account yet")
    _screenshot(page, "nhs-sign-in-not-invited-1280.png")
    assert axe_violations(page) == []
