"""Views for "Sign in with your NHS account" (OpenID Connect) and signing out.

Contract:
- ``NHSSignInView`` (GET /sign-in/nhs/) sends the browser to the provider's authorization
  endpoint with state, nonce and a PKCE challenge (mozilla-django-oidc); ``?next=`` is kept
  if it is on this site. 404 while OpenID Connect is off.
- ``NHSSignInCallbackView`` (GET /sign-in/nhs/callback/) finishes it: signed in, the person
  goes to ``next`` or the start page; refused, they get a page saying why and what to do
  (HTTP 403; 503 when the provider cannot be reached). 404 while off.
- ``SignOutView`` (POST /sign-out/) signs out; after an NHS account sign-in it then sends the
  browser to the provider's ``end_session_endpoint`` (RP-Initiated Logout 1.0) with the ID
  token as ``id_token_hint``, and back to the start page, where the provider has one.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from partnership_site.landing import landing_url
from partnership_site.oidc_backend import REFUSAL_ATTRIBUTE
from partnership_site.oidc_provider import ProviderUnavailable, provider

ID_TOKEN_SESSION_KEY = "oidc_id_token"  # mozilla-django-oidc's, with OIDC_STORE_ID_TOKEN


def refused(request, reason: str, status: int = 403):
    """The page saying why NHS account sign-in did not work and what to do instead."""
    context = {"reason": reason, "allowed_domains": settings.OIDC_ALLOWED_EMAIL_DOMAINS}
    return render(request, "registration/nhs_sign_in_refused.html", context, status=status)


def _require_enabled():
    if not settings.OIDC_ENABLED:
        raise Http404("Sign-in with an NHS account is not set up.")


@method_decorator(login_not_required, name="dispatch")
class NHSSignInView(OIDCAuthenticationRequestView):
    def __init__(self, *args, **kwargs):
        # The library reads the endpoint here; it is read per request instead (discovery).
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def get(self, request):
        _require_enabled()
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider().authorization_endpoint
        except ProviderUnavailable:
            return refused(request, "unavailable", status=503)
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class NHSSignInCallbackView(OIDCAuthenticationCallbackView):
    @property
    def success_url(self):
        """``next`` if one was given (checked when sign-in started), else the person's
        landing page (``partnership_site.landing``), as after a password sign-in."""
        return self.request.session.get("oidc_login_next") or landing_url(self.request.user)

    def get(self, request):
        _require_enabled()
        try:
            return super().get(request)
        except SuspiciousOperation:
            # A state this browser never started (an old tab, a replayed link).
            return self.login_failure()

    def login_failure(self):
        reason = getattr(self.request, REFUSAL_ATTRIBUTE, "failed")
        if reason == "failed" and self.request.GET.get("error"):
            reason = "cancelled"
        return refused(self.request, reason, status=503 if reason == "unavailable" else 403)


class SignOutView(auth_views.LogoutView):
    """Django's LogoutView, then the provider's end-session page after an NHS sign-in."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get(ID_TOKEN_SESSION_KEY)
        response = super().post(request, *args, **kwargs)
        if not (settings.OIDC_ENABLED and id_token):
            return response
        try:
            end_session = provider().end_session_endpoint
        except ProviderUnavailable:
            return response
        if not end_session:
            return response
        query = urlencode(
            {
                "id_token_hint": id_token,
                "client_id": settings.OIDC_RP_CLIENT_ID,
                "post_logout_redirect_uri": request.build_absolute_uri(reverse("start")),
            }
        )
        separator = "&" if "?" in end_session else "?"
        return HttpResponseRedirect(f"{end_session}{separator}{query}")
