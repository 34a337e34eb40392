"""Take full-page screenshots of pages of a running server with headless Chromium.

    python tests/browser/screenshots.py --base-url http://127.0.0.1:8000 \
        --out screenshots/ / /sign-in/

Options:
    --width 375                 viewport width in pixels (default 1280)
    --login USER:PASSWORD       sign in through the sign-in form first
    --fill SELECTOR=VALUE       after loading each page, fill a field (repeatable) ...
    --submit                    ... then submit the form the last filled field is in (or the
                                page's first form) and screenshot the response
    --suffix NAME               add "-NAME" to the file names, e.g. "error"

Files are named after the path and width: "/" -> root-1280.png, "/sign-in/" ->
sign-in-1280.png, "/sign-in/" with --suffix error -> sign-in-error-1280.png.

Uses Debian's Chromium (/usr/bin/chromium) through Python Playwright. Every request to a host
other than 127.0.0.1/localhost/[::1] is aborted and printed, so the screenshots also prove the
pages load nothing remote. JavaScript errors and failed local requests are printed too.
Exit status: 0 if all went well; 1 if any page failed to load, sign-in failed, a remote request
was blocked, a JavaScript error happened or a local request failed.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Page, Route, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
SIGN_IN_PATH = "/sign-in/"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Screenshot pages of a local server with headless Chromium.",
    )
    parser.add_argument("paths", nargs="+", help="paths to screenshot, e.g. / /sign-in/")
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="screenshots", type=Path, help="output directory")
    parser.add_argument("--width", type=int, default=1280, help="viewport width (default 1280)")
    parser.add_argument("--height", type=int, default=900, help="viewport height (default 900)")
    parser.add_argument("--login", metavar="USER:PASSWORD", help="sign in first")
    parser.add_argument(
        "--fill",
        action="append",
        default=[],
        metavar="SELECTOR=VALUE",
        help="fill a field after loading each page (repeatable)",
    )
    parser.add_argument(
        "--submit", action="store_true", help="submit the form after filling, then screenshot"
    )
    parser.add_argument("--suffix", default="", help="add -SUFFIX to the file names")
    parser.add_argument("--timeout", type=float, default=15, help="seconds per page load")
    args = parser.parse_args(argv)
    if args.login and ":" not in args.login:
        parser.error("--login must be USER:PASSWORD")
    for fill in args.fill:
        if "=" not in fill:
            parser.error(f"--fill must be SELECTOR=VALUE, not {fill!r}")
    return args


def file_name(path: str, width: int, suffix: str = "") -> str:
    """'/' -> 'root-1280.png', '/a/b/?x=1' -> 'a-b-x-1-1280.png'."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "root"
    if suffix:
        slug = f"{slug}-{suffix}"
    return f"{slug}-{width}.png"


class Problems:
    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.other: list[str] = []

    def block(self, route: Route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
            return
        self.blocked.append(url)
        print(f"BLOCKED non-local request: {route.request.method} {url}", flush=True)
        route.abort("blockedbyclient")

    def note(self, message: str) -> None:
        self.other.append(message)
        print(message, flush=True)


def sign_in(page: Page, base_url: str, login: str, timeout_ms: float) -> bool:
    username, password = login.split(":", 1)
    page.goto(urljoin(base_url, SIGN_IN_PATH), wait_until="load", timeout=timeout_ms)
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation(wait_until="load", timeout=timeout_ms):
        page.click("main form button[type=submit]")
    if urlsplit(page.url).path == SIGN_IN_PATH:
        print(f"Sign-in as {username!r} failed (still on {page.url})", file=sys.stderr)
        return False
    print(f"Signed in as {username!r}", flush=True)
    return True


def fill_and_submit(page: Page, fills: list[str], submit: bool, timeout_ms: float) -> None:
    selector = None
    for fill in fills:
        selector, value = fill.split("=", 1)
        page.fill(selector, value)
    if not submit:
        return
    form = page.locator(f"form:has({selector})") if selector else page.locator("main form")
    button = form.first.locator("button[type=submit], input[type=submit]").first
    with page.expect_navigation(wait_until="load", timeout=timeout_ms):
        button.click()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    timeout_ms = args.timeout * 1000
    problems = Problems()
    ok = True

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            viewport={"width": args.width, "height": args.height},
            service_workers="block",
        )
        context.route("**/*", problems.block)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.note(f"JavaScript error: {error}"))
        # "Failed to load resource" console errors repeat what the response handler reports.
        page.on(
            "console",
            lambda msg: (
                msg.type == "error"
                and not msg.text.startswith("Failed to load resource")
                and problems.note(f"Console error: {msg.text}")
            ),
        )
        page.on(
            "requestfailed",
            lambda request: (
                (urlsplit(request.url).hostname or "") in LOCAL_HOSTS
                # ERR_ABORTED: cancelled because the page navigated away (e.g. a favicon).
                and request.failure != "net::ERR_ABORTED"
                and problems.note(f"Request failed: {request.url} ({request.failure})")
            ),
        )
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and response.request.resource_type != "document"
                and problems.note(f"HTTP {response.status}: {response.url}")
            ),
        )

        if args.login and not sign_in(page, args.base_url, args.login, timeout_ms):
            ok = False
        else:
            for path in args.paths:
                url = urljoin(args.base_url, path)
                response = page.goto(url, wait_until="load", timeout=timeout_ms)
                if args.fill or args.submit:
                    fill_and_submit(page, args.fill, args.submit, timeout_ms)
                target = args.out / file_name(path, args.width, args.suffix)
                page.screenshot(path=str(target), full_page=True)
                status = response.status if response else "?"
                print(f"{target}  ({status} {page.url}, title: {page.title()!r})", flush=True)

        context.close()
        browser.close()

    if problems.blocked:
        print(f"{len(problems.blocked)} non-local request(s) blocked", file=sys.stderr)
    else:
        print("No non-local requests were attempted.", flush=True)
    return 0 if ok and not problems.blocked and not problems.other else 1


if __name__ == "__main__":
    sys.exit(main())
