"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every request to a host other than the live server is aborted and recorded; a test fails if
its page tried to load anything remote. axe-core (bundled, offline) checks WCAG 2.2 A/AA.
"""

import os
import shutil
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests.browser.screenshots import CHROMIUM, CHROMIUM_ARGS, LOCAL_HOSTS

# Playwright's sync API runs an event loop in this thread; Django's ORM is still only used
# synchronously here, from the test and from the live server's own threads.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(
            f"Browser tests need Chromium at {CHROMIUM}: apt-get install chromium"
        )
    skip = pytest.mark.skip(reason=f"Chromium is not installed at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked = []

    def guard(route):
        if (urlsplit(route.request.url).hostname or "") in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.base_url = live_server.url
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Anything the Content-Security-Policy refused (inline script or style, a remote file).
    # Refusals with no source URL come from scripts the test itself evaluates (axe-core
    # copies stylesheets into <style> elements to check them), not from the page.
    refused = []

    def csp_refusal(message):
        if "Content Security Policy" in message.text and message.location.get("url"):
            refused.append(f"{page.url}: {message.text[:120]}")

    page.on("console", csp_refusal)
    yield page
    context.close()
    assert blocked == [], f"the page tried to load remote resources: {blocked}"
    assert errors == [], f"JavaScript errors: {errors}"
    assert refused == [], f"the Content-Security-Policy refused: {refused}"


def axe_violations(page) -> list[str]:
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
