"""The action plan, a consensus workshop, its printable agenda and a second round's report
(the spiral) in headless Chromium, at desktop and phone widths: no WCAG 2.2 A/AA problems
(axe), nothing wider than the phone screen. Set SCREENSHOTS_DIR to keep full-page screenshots
of each (file names: page-width.png)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from assessments.models import Round
from tests.browser.conftest import axe_violations
from tests.browser.demo_data import load_demo
from tests.browser.test_reports import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "barriers-to-collaboration"


@pytest.fixture
def demo(live_server):
    load_demo()
    return Round.objects.get(
        partnership__name="Riverside Primary Care Network", title="Spring review"
    )


def _pages(spring: Round) -> dict[str, str]:
    baseline = Round.objects.get(partnership=spring.partnership, title="Baseline 2025")
    pk = spring.partnership_id
    return {
        "action-plan": f"/partnerships/{pk}/actions/",
        "action-plan-print": f"/partnerships/{pk}/actions/print/",
        "action": f"/partnerships/{pk}/actions/{spring.partnership.actions.order_by('pk')[0].pk}/",
        "workshop": f"/rounds/{baseline.pk}/workshop/{SLUG}/",
        "agenda": f"/rounds/{baseline.pk}/workshop/{SLUG}/agenda/",
        "second-round-report": f"/rounds/{spring.pk}/report/",
        "targets": f"/rounds/{spring.pk}/report/{SLUG}/targets/",
    }


@pytest.mark.parametrize("width", [1280, 375])
def test_action_workshop_and_spiral_pages(page, demo, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "manager")
    out = os.environ.get("SCREENSHOTS_DIR")
    for name, path in _pages(demo).items():
        page.goto(page.base_url + path)
        expect(page.locator("h1")).to_be_visible()
        if out:
            page.screenshot(path=str(Path(out) / f"{name}-{width}.png"), full_page=True)
        assert axe_violations(page) == [], name
        if width == 375:
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, name


def test_the_second_round_report_shows_the_spiral(page, demo):
    sign_in(page, "manager")
    page.goto(f"{page.base_url}/rounds/{demo.pk}/report/")
    table = page.get_by_role("region", name="Scores by dimension")
    expect(table.get_by_text("Since Baseline 2025: target and actions")).to_be_visible()
    expect(table.get_by_text("Publish a who-to-contact directory").first).to_be_visible()
    page.goto(f"{page.base_url}/partnerships/{demo.partnership_id}/trends/")
    expect(page.get_by_text("1 action completed")).to_be_visible()


def test_printing_leaves_out_navigation_and_filters(page, demo):
    sign_in(page, "manager")
    for path in (
        f"/partnerships/{demo.partnership_id}/actions/",
        f"/partnerships/{demo.partnership_id}/actions/print/",
    ):
        page.goto(page.base_url + path)
        page.emulate_media(media="print")
        expect(page.locator("header.nhsuk-header")).to_be_hidden()
        expect(page.locator(".app-no-print").first).to_be_hidden()
        expect(page.get_by_role("table")).to_be_visible()
        page.emulate_media(media="screen")
