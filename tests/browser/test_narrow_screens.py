"""Every page each demo user reaches, on a 375 px phone: nothing wider than the screen, and
no WCAG 2.2 A/AA problems found by axe.

The demo data (seed_demo) with one partner organisation renamed to 200 characters with no
spaces (the longest name the form allows) so long words are tried everywhere a name shows.
"""

from urllib.parse import urlsplit

import pytest

from assessments.models import Partner, Round, RoundStatus
from tests.browser.conftest import axe_violations
from tests.browser.crawl import NarrowCheck, crawl, sign_in
from tests.browser.demo_data import PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_NAME = "Riverside" + "X" * 191
START = ["/", "/partnerships/", "/dashboard/"]


@pytest.fixture
def demo(live_server):
    load_demo()
    assert len(LONG_NAME) == 200
    assert Partner.objects.filter(name="Riverside Medical Centre").update(name=LONG_NAME) == 1


def narrow(page):
    page.set_viewport_size({"width": 375, "height": 800})


@pytest.mark.parametrize("username", ["manager", "facilitator", "respondent", "admin"])
def test_every_page_a_demo_user_reaches_fits_a_phone(page, demo, username):
    narrow(page)
    sign_in(page, page.base_url, username, PASSWORD)
    check = NarrowCheck(axe=axe_violations)
    visited = crawl(page, page.base_url, START, check=check)
    # The admin is in no partnership: their other pages are Django's admin, crawled at 375 px
    # (axe and page width) by test_admin_pages.py and left out of this crawl.
    assert len(visited) >= (3 if username == "admin" else 10), visited
    assert check.problems == [], "\n".join(check.problems)


def test_pages_without_signing_in_fit_a_phone(page, demo):
    """The start and sign-in pages, and an open round's invitation (the link a manager
    shares) with the pages it leads to before any answer is given."""
    narrow(page)
    check = NarrowCheck(axe=axe_violations)
    open_round = Round.objects.filter(status=RoundStatus.OPEN).first()
    # The manager's round page shows the shared link (only its hash is stored).
    sign_in(page, page.base_url, "manager", PASSWORD)
    page.goto(f"{page.base_url}/rounds/{open_round.pk}/")
    link = urlsplit(page.locator("#invitation-link").first.input_value()).path
    assert link.startswith("/invitation/")
    page.context.clear_cookies()
    visited = crawl(page, page.base_url, ["/", "/sign-in/", link], check=check)
    assert {"/sign-in/", link} <= set(visited)
    assert check.problems == [], "\n".join(check.problems)
