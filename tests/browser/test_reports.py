"""The demo partnership's report and trends pages in a real browser, scanned by axe."""

import pytest
from playwright.sync_api import expect

from assessments.models import Round
from tests.browser.conftest import axe_violations
from tests.browser.demo_data import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    load_demo()
    return Round.objects.get(
        partnership__name="Riverside Primary Care Network", title="Spring review"
    )


def sign_in(page, username):
    page.goto(page.base_url + "/sign-in/")
    page.get_by_label("Username or email address").fill(username)
    page.get_by_label("Password", exact=True).fill("demo-password-1")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_facilitator_reads_the_report_and_trends(page, demo):
    sign_in(page, "facilitator")
    page.goto(f"{page.base_url}/rounds/{demo.pk}/report/")
    expect(page.locator("h1")).to_have_text("Barriers to collaborative working")
    expect(
        page.get_by_role("img", name="Barriers to collaborative working: score per dimension")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="How each partner sees it")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Partnership values").first.click()
    expect(page.locator("h1")).to_have_text("Partnership values")
    assert axe_violations(page) == []

    page.goto(f"{page.base_url}/partnerships/{demo.partnership_id}/trends/")
    expect(page.get_by_role("table", name="Scores by round")).to_be_visible()
    assert axe_violations(page) == []


def test_a_report_with_the_role_breakdown_withheld(page, demo):
    """In the demo place partnership roles are mixed, so disclosure control withholds them."""
    place = Round.objects.get(partnership__name="Moorside Place Partnership", title="Spring review")
    sign_in(page, "manager")
    page.goto(f"{page.base_url}/rounds/{place.pk}/report/")
    expect(page.locator("#anonymity")).to_contain_text("Nobody, including the partnership manager")
    expect(page.locator("#roles-note")).to_contain_text("Results by role are not shown")
    expect(page.get_by_role("table", name="Dimension scores by respondent role")).to_have_count(0)
    assert axe_violations(page) == []


def test_report_fits_a_phone_screen(page, demo):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, "manager")
    page.goto(f"{page.base_url}/rounds/{demo.pk}/report/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
