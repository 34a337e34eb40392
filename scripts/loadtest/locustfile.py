"""Locust load test: people answer and submit a questionnaire through their personal links.

Each simulated respondent, again and again until the run ends: a fresh browser (no cookies)
takes the next unused personal link (ADR 0037: people answer only through personal links),
opens ``/personal/<token>/``, presses Start, then fills in every section of the
questionnaire as a browser would (the page's hidden inputs sent back, one
radio chosen per item, no comment), checks the answers and submits. The values it sent (recorded
as each page is sent, so a request still in flight when the run stops is covered) and the
responses it saw confirmed as submitted are written at the end of the run to
``LOADTEST_POSTED`` (JSON ``{"sent": {response id: {item id: value}}, "confirmed": [ids]}``)
for ``manage.py loadtest_round --check`` to compare with the database.

Settings from the environment: ``LOADTEST_TOKENS`` (the file of personal-link tokens, one a
line, written by ``manage.py loadtest_round --setup``), ``LOADTEST_POSTED`` (default
loadtest-posted.json),
``LOADTEST_THINK`` (seconds between pages, ``min,max``, default ``0.5,1.5``). Run it with
``scripts/loadtest.sh`` (``make loadtest``), never as part of ``make test``.
"""

from __future__ import annotations

import json
import os
import random
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task

TOKENS_PATH = os.environ.get("LOADTEST_TOKENS", "")


def _links(path: str) -> list[str]:
    if not path:
        return []
    with open(path) as tokens:
        return tokens.read().split()


LINKS = iter(_links(TOKENS_PATH))
START_FORM = re.compile(r'action="(/personal/[^"/]+/start/\d+/)"')
POSTED_PATH = os.environ.get("LOADTEST_POSTED", "loadtest-posted.json")
THINK = [float(s) for s in os.environ.get("LOADTEST_THINK", "0.5,1.5").split(",")]
SET_COOKIE = re.compile(r'\s*([^=;\s]+)=("(?:[^"\\]|\\.)*"|[^;]*)')
RESPONSE_URL = re.compile(r"/responses/(\d+)/(sections/(\d+)/|check/|submitted/)$")
SENT: dict[int, dict[int, int]] = {}  # every response: the values sent for it
CONFIRMED: set[int] = set()  # responses whose "submitted" page was seen


class Form(HTMLParser):
    """The inputs of a page's forms: hidden values, and each radio or checkbox group's
    options (what a browser would offer)."""

    def __init__(self, html: str):
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag != "input":
            return
        attr = dict(attrs)
        name, kind = attr.get("name"), attr.get("type", "text")
        if not name:
            return
        if kind == "hidden":
            self.hidden[name] = attr.get("value") or ""
        elif kind in {"radio", "checkbox"}:
            self.options.setdefault(name, []).append(attr.get("value") or "on")


class Respondent(HttpUser):
    wait_time = between(*THINK)

    def on_start(self):
        if not TOKENS_PATH:
            raise RuntimeError("Set LOADTEST_TOKENS (manage.py loadtest_round --setup).")

    @task
    def answer_and_submit(self):
        self.cookies: dict[str, str] = {}  # a new person each time
        token = next(LINKS, None)
        if token is None:
            self._fail("no personal links left", TOKENS_PATH)
            self.stop()
            return
        page = self._request("GET", f"/personal/{token}/", "personal link")
        if page is None:
            return
        start = START_FORM.search(page.text)
        if start is None:
            self._fail("no Start button", page.url)
            return
        page = self._request("POST", start[1], "start", dict(Form(page.text).hidden))
        while page is not None:
            match = RESPONSE_URL.search(page.url)
            if match is None:
                self._fail("unexpected page", page.url)
                return
            response_id = int(match[1])
            if match[2] == "submitted/":
                CONFIRMED.add(response_id)
                return
            self.wait()
            form = Form(page.text)
            data = dict(form.hidden)
            if match[3]:  # a section: one value per item
                for name, values in form.options.items():
                    if name.startswith("item_"):
                        choice = random.choice([v for v in values if v.isdigit()])
                        data[name] = choice
                        sent = SENT.setdefault(response_id, {})
                        sent[int(name.removeprefix("item_"))] = int(choice)
                page = self._request("POST", page.url, "section: save", data)
            else:  # check answers
                page = self._request("POST", page.url, "check: submit", data)

    def _request(self, method, url, name, data=None):
        """One request, then up to two redirects it answers with (each its own request, named
        ``name + " → page"``); the page at the end, or None after a failure."""
        for hop in range(3):
            headers = {"Referer": self.host + urlsplit(url).path}
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            self.client.cookies.clear()
            with self.client.request(
                method,
                url,
                data=data,
                name=name if hop == 0 else f"{name} → page",
                headers=headers,
                allow_redirects=False,
                catch_response=True,
            ) as page:
                keep_cookies(self.cookies, page)
                if page.status_code == 302 and hop < 2:
                    page.success()
                    method, url, data = "GET", page.headers["Location"], None
                    continue
                if page.status_code != 200:
                    page.failure(f"status {page.status_code}")
                    return None
                page.success()
                return page
        return None

    def _fail(self, message, url):
        events.request.fire(
            request_type="CHECK",
            name=message,
            response_time=0,
            response_length=0,
            exception=RuntimeError(f"{message}: {url}"),
            context={},
        )


def keep_cookies(cookies: dict[str, str], page) -> None:
    """Keep the cookies a response sets exactly as sent. Django quotes the guest-links
    cookie's JSON value (``"{\\"41\\": …}:signature"``) and requests' cookie jar removes
    every ``\\"`` from a quoted value (``RequestsCookieJar.set_cookie``), so the signature no
    longer matches and the guest loses their response (404). A browser sends the value back
    as it came; so does this, from its own dictionary, with requests' jar left empty."""
    if page.raw is None:  # no answer at all (the connection failed): the caller fails it
        return
    for header in page.raw.headers.getlist("Set-Cookie"):
        match = SET_COOKIE.match(header)
        if match is None:
            continue
        if "max-age=0" in header.lower() or match[2] in {"", '""'}:
            cookies.pop(match[1], None)
        else:
            cookies[match[1]] = match[2]


@events.test_stop.add_listener
def write_posted(**_kwargs):
    with open(POSTED_PATH, "w") as out:
        json.dump({"sent": SENT, "confirmed": sorted(CONFIRMED)}, out)
    print(f"loadtest posted: responses={len(SENT)} confirmed_submitted={len(CONFIRMED)}")
