"""The facilitator's dashboard with the demo data in a real browser, scanned by axe."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from assessments.management.commands import seed_demo
from assessments.models import Cohort, Partnership, Round, RoundStatus
from tests.browser.conftest import axe_violations
from tests.browser.demo_data import PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    load_demo()


def sign_in(page, username):
    page.goto(page.base_url + "/sign-in/")
    page.get_by_label("Username or email address").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_facilitator_uses_the_dashboard_and_drills_into_a_report(page, demo):
    sign_in(page, "facilitator")
    page.goto(page.base_url + "/dashboard/")
    expect(page.locator("h1")).to_have_text("Partnerships you support")
    table = page.get_by_role("table")
    expect(table.locator("tbody tr")).to_have_count(6)  # the six demo partnerships
    assert axe_violations(page) == []

    # Sort by score, highest first: two clicks on the heading link.
    page.get_by_role("link", name="Score (sort ascending)").click()
    page.get_by_role("link", name="Score (sort descending)").click()
    expect(page.locator('th[aria-sort="descending"]')).to_contain_text("Score")
    cells = table.locator("tbody tr td:nth-child(5) strong").all_inner_texts()
    scores = [int(text.split()[0]) for text in cells]
    assert scores == sorted(scores, reverse=True)

    # Filter by name with the form, keeping the sort.
    page.get_by_label("Partnership name contains").fill("riverside")
    page.get_by_role("button", name="Apply filters").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    assert "sort=score" in page.url
    assert axe_violations(page) == []

    # Drill in: the latest round is still open, so the link leads to its round page, which
    # shows response counts only (results are released at close).
    page.get_by_role("link", name="Riverside Primary Care Network").click()
    expect(page.locator("h1")).to_have_text("Autumn check-in")
    expect(page.get_by_role("link", name="See the results of this round")).to_have_count(0)
    assert axe_violations(page) == []

    # The previous, closed round's report.

    closed = Round.objects.filter(
        partnership__name="Riverside Primary Care Network", status=RoundStatus.CLOSED
    ).order_by("-closes_on")[0]
    page.goto(f"{page.base_url}/rounds/{closed.pk}/report/")
    expect(page.locator("h1")).to_have_text("Barriers to collaborative working")
    expect(page.get_by_text("Written comments are shown only to the partnership")).to_be_visible()
    assert axe_violations(page) == []

    # The cohort's benchmark page: six demo partnerships, enough to compare (at least five).
    page.goto(page.base_url + "/dashboard/")
    page.get_by_role("link", name="Devon and Cornwall PCN development programme").click()
    expect(page.locator("h1")).to_have_text("Devon and Cornwall PCN development programme")
    expect(page.get_by_text("6 partnerships have results").first).to_be_visible()
    assert axe_violations(page) == []


def test_dashboard_fits_a_phone_screen(page, demo):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, "facilitator")
    page.goto(page.base_url + "/dashboard/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page) == []


def test_benchmark_with_more_partnerships(page, demo):
    """Two more demo-like partnerships join the cohort, so figures are shown and scanned."""

    command = seed_demo.Command(stdout=StringIO())
    frameworks = command.editions()
    users = {u.username: u for u in get_user_model().objects.all()}
    cohort = Cohort.objects.get()
    for name, kind, population, region, partners in seed_demo.PARTNERSHIPS[:2]:
        copy = f"{name} North"
        command._partnership((copy, kind, population, region, partners), frameworks, users)
        cohort.partnerships.add(Partnership.objects.get(name=copy))
    latest = Round.objects.filter(
        partnership__name="Riverside Primary Care Network", status=RoundStatus.CLOSED
    ).order_by("-closes_on")[0]

    sign_in(page, "facilitator")
    page.goto(f"{page.base_url}/dashboard/cohorts/{cohort.pk}/")
    expect(page.get_by_text("8 partnerships have results").first).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"{page.base_url}/rounds/{latest.pk}/report/")
    expect(
        page.get_by_role("heading", name="Compared with Devon and Cornwall PCN development")
    ).to_be_visible()
    assert axe_violations(page) == []
