"""Visit every page a signed-in user can reach by following links, from a few start pages.

Used by the narrow-screen test (test_narrow_screens.py) and runnable by hand against a local
server to see which pages are wider than a phone:

    python -m tests.browser.crawl --base-url http://127.0.0.1:8000 --login manager:PASSWORD

Only GET links on this site are followed (and invitation links shown in copyable boxes);
sign-out, downloads and Django's admin (a separate, desktop tool) are left out. Pages whose
paths differ only in their numbers (another round's report, another partnership's history)
are visited at most ``per_pattern`` times, so a demo database is covered in a few minutes.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict, deque
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import sync_playwright

from tests.browser.screenshots import CHROMIUM, CHROMIUM_ARGS

SKIP_PREFIXES = ("/admin/", "/sign-out", "/static/", "/media/")
SKIP_SUFFIXES = (".csv", ".pdf", ".xlsx", "/download/")

# Every link and every invitation or resume link shown in a copyable box.
LINKS_JS = """() => [
  ...Array.from(document.querySelectorAll('a[href]'), a => a.href),
  ...Array.from(document.querySelectorAll('input[readonly], textarea[readonly]'), i => i.value)
    .filter(v => /^https?:\\/\\//.test(v)),
]"""

WIDTH_JS = "() => [document.documentElement.scrollWidth, window.innerWidth]"

# The elements that stick out past the right edge of the viewport, for the failure message.
OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && !el.closest('.app-table-scroll')) {
      found.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className)
        .trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(box.right));
    }
  }
  return found.slice(0, 5);
}"""


def pattern(path: str) -> str:
    """'/rounds/12/report/' -> '/rounds/#/report/'."""
    return re.sub(r"\d+", "#", path)


def followable(url: str, origin: str) -> str | None:
    """The path (with query) to visit for ``url``, or None if it is not to be followed."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    path = parts.path
    if path.startswith(SKIP_PREFIXES) or path.endswith(SKIP_SUFFIXES):
        return None
    # Sorting and filtering links show the same page's layout again.
    return path


def crawl(page, base_url: str, start: list[str], *, check, per_pattern: int = 1000) -> list[str]:
    """Visit pages breadth-first from ``start``; call ``check(page, path)`` on each.

    Returns the paths visited, in order. ``check`` returns a list of problems (strings); all
    problems are collected and returned by the caller through ``check``'s own list.
    """
    origin = base_url.rstrip("/")
    seen: set[str] = set()
    per: dict[str, int] = defaultdict(int)
    queue = deque(start)
    visited = []
    while queue:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        key = pattern(path)
        if per[key] >= per_pattern:
            continue
        per[key] += 1
        response = page.goto(origin + path, wait_until="load")
        if response is None or response.status >= 400 or urlsplit(page.url).path != path:
            # A redirect (for example to a questionnaire's next step) is visited as its own
            # path when a link leads there.
            if response is not None and response.status >= 500:
                check.problems.append(f"{path}: HTTP {response.status}")
            continue
        visited.append(path)
        check(page, path)
        for url in page.evaluate(LINKS_JS):
            found = followable(urljoin(page.url, url), origin)
            if found and found not in seen:
                queue.append(found)
    return visited


class NarrowCheck:
    """Collects, per page, anything wider than the viewport and (optionally) axe violations.

    axe runs once per kind of page (``pattern``): its rules concern the template, and running
    it on each of a hundred reports would take minutes without finding anything new."""

    def __init__(self, axe=None):
        self.axe = axe
        self.problems: list[str] = []
        self.scanned: set[str] = set()

    def __call__(self, page, path: str) -> None:
        scroll_width, inner_width = page.evaluate(WIDTH_JS)
        if scroll_width > inner_width:
            self.problems.append(
                f"{path}: {scroll_width}px wide in a {inner_width}px window "
                f"({page.evaluate(OVERFLOW_JS)})"
            )
        if self.axe is not None and pattern(path) not in self.scanned:
            self.scanned.add(pattern(path))
            self.problems.extend(f"{path}: {v}" for v in self.axe(page))


def sign_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url.rstrip("/") + "/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--login", metavar="USER:PASSWORD")
    parser.add_argument("--width", type=int, default=375)
    args = parser.parse_args(argv)
    check = NarrowCheck()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": 800})
        if args.login:
            sign_in(page, args.base_url, *args.login.split(":", 1))
        visited = crawl(page, args.base_url, ["/", "/partnerships/", "/dashboard/"], check=check)
        browser.close()
    print(f"{len(visited)} pages visited:", *visited, sep="\n")
    print("\n".join(check.problems) or "no page is wider than the window")
    return 1 if check.problems else 0


if __name__ == "__main__":
    sys.exit(main())
