"""Every admin page an admin reaches in the demo, crawled by following links from the admin
home page, scanned with axe for WCAG 2.2 A/AA: no violations on any of them.

The crawl stays under /admin/ and never follows sign-out. Pages are grouped into kinds: the
path with its numbers replaced (one object's change page is the same kind as another's),
and whether it has a query (a list filtered, sorted or searched is one more kind of its
list). PER_KIND pages of each kind are scanned: the same view with another object gives the
same markup, so every kind of admin page the demo reaches is scanned, not hundreds of
identical item pages. The admin's sign-in page is scanned before signing in.
"""

import re
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from tests.browser.conftest import axe_violations
from tests.browser.demo_data import PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_PAGES = 600
PER_KIND = 1
NUMBER = re.compile(r"/\d+/")
SKIP = ("/admin/logout/", "/admin/jsi18n/", "/admin/r/")


@pytest.fixture
def demo(live_server):
    load_demo()


def _kind(url) -> str:
    """One kind per view: numbers in the path are objects; any query (filters, sorting,
    search, pages of a list) is the same view showing other rows."""
    return NUMBER.sub("/<n>/", NUMBER.sub("/<n>/", url.path)) + ("?" if url.query else "")


def _links(page) -> list[str]:
    return page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")


def test_every_admin_page_in_the_demo_passes_axe(page, demo):
    # On a phone (issue 17): axe, and no page wider than the screen.
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(page.base_url + "/admin/login/")
    assert axe_violations(page) == []
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")

    origin = urlsplit(page.base_url).netloc
    queue, seen, failures = ["/admin/"], {"/admin/"}, {}
    kinds = {}
    while queue:
        path = queue.pop(0)
        response = page.goto(page.base_url + path)
        assert response is not None and response.status < 500, f"{path}: {response.status}"
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        violations = axe_violations(page)
        too_wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if too_wide > 0:
            violations = [*violations, f"wider than a 375 px screen by {too_wide} px"]
        if violations:
            failures[path] = violations
        for href in _links(page):
            url = urlsplit(urldefrag(urljoin(page.url, href))[0])
            if url.netloc != origin or not url.path.startswith("/admin/"):
                continue
            if url.path.startswith(SKIP) or url.path.endswith("/export/"):
                continue
            query = "&".join(
                part for part in url.query.split("&") if not part.startswith("_changelist_filters")
            )
            link = url.path + (f"?{query}" if query else "")
            kind = _kind(urlsplit(link))
            if link not in seen and kinds.get(kind, 0) < PER_KIND:
                kinds[kind] = kinds.get(kind, 0) + 1
                seen.add(link)
                queue.append(link)
        assert len(seen) <= MAX_PAGES, "the crawl is larger than expected"
    print(f"admin pages scanned with axe: {len(seen)} pages of {len(kinds)} kinds")
    report = "\n".join(f"{path}: {v}" for path, found in failures.items() for v in found)
    assert failures == {}, f"{len(failures)} of {len(seen)} admin pages fail axe:\n{report}"
