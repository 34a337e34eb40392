"""Hardened settings: HTTPS and HSTS, the proxy header, CSP, no caching, session idle timeout."""

import os
import re
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from partnership_site.middleware import RENEWED_AT_KEY
from tests.factories import RoundFactory

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": "x" * 60 + "-production-like-secret-key-for-the-check-only",
    "ALLOWED_HOSTS": "assess.example.nhs.uk",
    "DEBUG": "",
}


def _run(*args, env=None):
    # Only the production values below, not the test run's own (SECURE_SSL_REDIRECT from
    # `make test`; DJANGO_ALLOW_ASYNC_UNSAFE from the browser tests' conftest).
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and not k.startswith("SECURE_")
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, **PRODUCTION, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _setting(name, env=None):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(repr(settings.{name}))"
    )
    env = {"DJANGO_SETTINGS_MODULE": "partnership_site.settings", **(env or {})}
    result = _run("-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_check_deploy_is_clean_with_production_values():
    result = _run("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_https_settings_come_from_the_environment():
    assert _setting("SECURE_SSL_REDIRECT") == "True"
    assert _setting("SECURE_HSTS_SECONDS") == "31536000"
    assert _setting("SECURE_HSTS_SECONDS", {"SECURE_HSTS_SECONDS": "600"}) == "600"
    assert _setting("SECURE_SSL_REDIRECT", {"SECURE_SSL_REDIRECT": "false"}) == "False"
    assert _setting("SECURE_HSTS_PRELOAD", {"SECURE_HSTS_PRELOAD": "no"}) == "False"
    assert _setting("SECURE_SSL_REDIRECT", {"DEBUG": "true"}) == "False"


def test_proxy_ssl_header_is_read_from_the_environment():
    assert _setting("SECURE_PROXY_SSL_HEADER", {"SECURE_PROXY_SSL_HEADER": ""}) == "None"
    value = _setting(
        "SECURE_PROXY_SSL_HEADER", {"SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto,https"}
    )
    assert value == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_a_malformed_setting_stops_start_up_with_a_message():
    code = "import django; django.setup()"
    env = {"DJANGO_SETTINGS_MODULE": "partnership_site.settings"}
    result = _run("-c", code, env={**env, "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"})
    assert "SECURE_PROXY_SSL_HEADER must be" in result.stderr
    result = _run("-c", code, env={**env, "SESSION_IDLE_MINUTES": "half an hour"})
    assert "SESSION_IDLE_MINUTES must be a whole number" in result.stderr


def test_plain_http_is_redirected_and_https_gets_hsts(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = client.get("/sign-in/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/sign-in/"
    response = client.get("/sign-in/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_behind_a_tls_proxy_invitation_links_start_with_https(client, settings, manager):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    round_ = RoundFactory(partnership=manager.memberships.get().partnership, status="open")
    client.force_login(manager)
    # As a proxy forwards it: the browser's Host header (no port) and the original scheme.
    proxied = {"HTTP_HOST": "testserver", "HTTP_X_FORWARDED_PROTO": "https"}
    response = client.post(reverse("round_new_link", args=[round_.pk]), **proxied)
    assert response.status_code == 302
    page = client.get(response["Location"], **proxied).content.decode()
    assert "https://testserver/invitation/" in page
    assert "http://testserver/invitation/" not in page


def test_every_page_has_a_strict_content_security_policy(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    for name in ("script-src", "style-src", "img-src", "form-action"):
        assert directives[name] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


INLINE = re.compile(r"<style|\sstyle=|<script>|<script(?![^>]*\ssrc=)|\son[a-z]+=")


def test_no_template_has_inline_script_or_style():
    """The CSP refuses them, so a new one would silently do nothing in the browser."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if INLINE.search(path.read_text())
    ]
    assert offenders == []


def test_pages_and_downloads_are_never_cached(client, manager):
    client.force_login(manager)
    for url in ("/", reverse("my_partnerships"), reverse("dashboard_csv")):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url


def test_a_session_ends_after_the_idle_limit_and_requests_renew_it(client, manager, monkeypatch):
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)
    client.force_login(manager)
    session = client.session
    assert session[RENEWED_AT_KEY] == int(now)
    assert session.get_expiry_age() == 30 * 60

    # A request 50 seconds later writes nothing; one 2 minutes later restarts the timer.
    monkeypatch.setattr(time, "time", lambda: now + 50)
    client.get(reverse("my_partnerships"))
    assert client.session[RENEWED_AT_KEY] == int(now)
    monkeypatch.setattr(time, "time", lambda: now + 120)
    client.get(reverse("my_partnerships"))
    assert client.session[RENEWED_AT_KEY] == int(now) + 120


def test_an_expired_session_is_signed_out(client, manager):
    client.force_login(manager)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("my_partnerships"))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_the_session_cookie_ends_with_the_browser(client, manager):
    response = client.post(
        "/sign-in/", {"username": manager.username, "password": "correct-horse-battery"}
    )
    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert cookie["httponly"]
