"""Sign-in throttling with django-axes: per account and per IP address, for the service's
sign-in page and the admin's.

Contract:
- An account is locked after ``AXES_FAILURE_LIMIT`` failed sign-ins (default 5), and an IP
  address after ``SIGNIN_FAILURES_PER_ADDRESS`` (default 50: one GP practice or trust often
  shares one public address), counted over the last ``AXES_COOLOFF_TIME`` (default 15
  minutes). While locked, even the right password is refused.
- Failures count against the account, not the text typed: "Maya", "maya" and her email
  address are one account (``account_key``).
- The refusal is HTTP 429 with a page that says when to try again (``locked_out``).
- A successful sign-in clears that account's failures (``AXES_RESET_ON_SUCCESS``); an admin
  unlocks early by deleting the access attempts under "Axes" in the admin.
"""

from __future__ import annotations

from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.admin import site as admin_site
from django.db.models import Max, Sum
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from partnership_site.backends import find_account
from partnership_site.oidc_backend import ACCOUNT_KEY_ATTRIBUTE


def account_key(request, credentials: dict | None = None) -> str:
    """The name failures are counted under: the account's username when the name typed (a
    username or email address, any letter case) finds one, else the typed name lower-cased.

    NHS account sign-in (OpenID Connect: credentials with a ``nonce``, no name typed): the
    account or address the provider's verified email found (``oidc_backend``), else a name
    used for this one attempt, so a bad token locks no one else (the IP address still counts).
    """
    if credentials and "nonce" in credentials:
        known = getattr(request, ACCOUNT_KEY_ATTRIBUTE, "")
        return known or f"nhs-account-sign-in:{get_random_string(12)}"
    data = credentials if credentials else getattr(request, "POST", {})
    typed = (data.get(settings.AXES_USERNAME_FORM_FIELD) or "").strip()
    if not typed:
        return ""
    account = find_account(typed)
    return account.get_username() if account is not None else typed.lower()


class ThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler with a separate, higher limit per IP address.

    ``AXES_LOCKOUT_PARAMETERS`` is ``["username", "ip_address"]``: axes gives one queryset
    of attempts per parameter, in that order, and compares the largest sum of failures with
    ``AXES_FAILURE_LIMIT``. Here the address's failures count only once they reach
    ``SIGNIN_FAILURES_PER_ADDRESS``, so a busy shared address is not locked by a few mistakes.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        by_account, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if by_address >= settings.SIGNIN_FAILURES_PER_ADDRESS:
            return max(by_account, settings.AXES_FAILURE_LIMIT)
        return by_account

    def retry_after(self, request, credentials: dict | None = None) -> datetime:
        """When the lock ends if nobody tries again: the latest failure plus the cool-off."""
        latest = [
            attempts.aggregate(latest=Max("attempt_time"))["latest"]
            for attempts in self.get_user_attempts(request, credentials)
        ]
        latest = [when for when in latest if when is not None]
        return max(latest, default=timezone.now()) + get_cool_off(request)


def locked_out(request, original_response=None, credentials: dict | None = None):
    """The 429 page for a locked account or address, on the admin's look for admin sign-in."""
    retry_at = timezone.localtime(ThrottleHandler().retry_after(request, credentials))
    minutes = max(1, round((retry_at - timezone.now()).total_seconds() / 60))
    admin = request.path.startswith(reverse("admin:index"))
    context = {"retry_at": retry_at, "minutes": minutes, "title": "Sign-in is paused"}
    if admin:
        context = {**admin_site.each_context(request), **context}
    template = "admin/locked_out.html" if admin else "registration/locked_out.html"
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(int((retry_at - timezone.now()).total_seconds()) + 1)
    return response
