"""Sign in with an NHS account: mozilla-django-oidc's authorization-code flow, matched to
accounts by verified email address (docs/adr/0030-nhs-account-sign-in.md).

Contract:
- Acts only on the callback's call (``nonce`` given) and only when ``OIDC_ENABLED``;
  password sign-in never reaches it.
- The ID token must be signed with ``OIDC_RP_SIGN_ALGO`` by a key from the provider's JWKS,
  name ``OIDC_ISSUER`` as ``iss`` and the client id as ``aud``, carry ``exp``, ``iat`` and
  ``sub``, be unexpired (60 seconds' leeway for clock drift) and carry the nonce sent
  (OpenID Connect Core 1.0 §3.1.3.7). The library checks none of ``iss``, ``aud`` and a
  missing ``exp``; ``get_payload_data`` does.
- Claims are the ID token's; the userinfo endpoint (when there is one) only fills in claims the
  token lacks, and must name the same ``sub`` (Core §5.3.2).
- The address is ``email``; it counts as verified when ``email_verified`` is true, or Entra
  ID's ``xms_edov`` ("email domain owner verified", an optional claim) is true. Its domain
  must be in ``OIDC_ALLOWED_EMAIL_DOMAINS`` ("nhs.net" exactly; ".nhs.uk" any domain under
  nhs.uk).
- The account is the one whose email matches, any letter case. Several: refused (as
  password sign-in refuses that email). Inactive: refused. None: an account only through an
  invitation (``assessments.services.verified_sign_in``); otherwise refused.
- Throttling (django-axes) applies as to passwords: a locked account is refused and the
  response becomes the 429 "Sign-in is paused" page (``request.axes_locked_out``); failures
  are counted under the account's username, else the address, else once per attempt (so one
  bad token never locks anyone else), and always against the IP address.
- A refusal's reason is left on ``request.nhs_sign_in_refusal`` for the callback view's page.
"""

from __future__ import annotations

import logging

import jwt
import requests
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from assessments.services.verified_sign_in import account_for_invited_address
from partnership_site.email_domains import email_domain_allowed
from partnership_site.oidc_provider import ProviderUnavailable, provider

logger = logging.getLogger(__name__)

REFUSAL_ATTRIBUTE = "nhs_sign_in_refusal"
ACCOUNT_KEY_ATTRIBUTE = "nhs_sign_in_account_key"  # read by signin_throttle.account_key
LEEWAY_SECONDS = 60
REQUIRED_CLAIMS = ["iss", "aud", "exp", "iat", "sub"]


class Refused(Exception):
    """Sign-in refused for a reason the person is told (one of the refusal page's reasons)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def email_is_verified(claims: dict) -> bool:
    """``email_verified`` true (OpenID Connect Core §5.1), or Entra ID's ``xms_edov`` true."""
    return claims.get("email_verified") is True or claims.get("xms_edov") in (True, "1", 1)


class NHSAccountBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, matched by verified email and never creating accounts
    except for invited addresses. Endpoints come from ``oidc_provider.provider()``."""

    def __init__(self, *args, **kwargs):
        # The library reads its endpoints here; they are read per sign-in instead (discovery
        # may need the network, and Django makes a backend for every session's request).
        self.UserModel = get_user_model()
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        if request is None or "nonce" not in kwargs or not settings.OIDC_ENABLED:
            return None
        try:
            endpoints = provider()
            self.issuer = endpoints.issuer
            self.OIDC_OP_TOKEN_ENDPOINT = endpoints.token_endpoint
            self.OIDC_OP_USER_ENDPOINT = endpoints.userinfo_endpoint
            self.OIDC_OP_JWKS_ENDPOINT = endpoints.jwks_uri
            return super().authenticate(request, **kwargs)
        except Refused as refusal:
            setattr(request, REFUSAL_ATTRIBUTE, refusal.reason)
        except (
            ProviderUnavailable,
            SuspiciousOperation,
            requests.RequestException,
            jwt.InvalidTokenError,
            KeyError,
            ValueError,
        ) as exc:
            logger.warning("NHS account sign-in failed: %s", exc)
            setattr(request, REFUSAL_ATTRIBUTE, "failed")
        return None

    def get_payload_data(self, token, key):
        """The ID token's claims once its signature, algorithm, issuer, audience and times
        are checked. Raises ``jwt.InvalidTokenError`` (any failed check)."""
        return jwt.decode(
            token,
            key,
            algorithms=[self.OIDC_RP_SIGN_ALGO],
            audience=self.OIDC_RP_CLIENT_ID,
            issuer=self.issuer,
            leeway=LEEWAY_SECONDS,
            options={"require": REQUIRED_CLAIMS},
        )

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, with any the userinfo endpoint adds (same ``sub`` only)."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT and access_token:
            extra = super().get_userinfo(access_token, id_token, payload)
            if extra.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("The userinfo response is for another subject.")
            for name, value in extra.items():
                claims.setdefault(name, value)
        return claims

    def verify_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if "@" not in email:
            raise Refused("no_email")
        if not email_domain_allowed(email, settings.OIDC_ALLOWED_EMAIL_DOMAINS):
            raise Refused("domain")
        if not email_is_verified(claims):
            raise Refused("unverified")
        return True

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        self.verify_claims(claims)
        email = claims["email"].strip()
        accounts = list(self.UserModel._default_manager.filter(email__iexact=email)[:2])
        if len(accounts) > 1:
            setattr(self.request, ACCOUNT_KEY_ATTRIBUTE, email.lower())
            raise Refused("several_accounts")
        if not accounts:
            setattr(self.request, ACCOUNT_KEY_ATTRIBUTE, email.lower())
            user = account_for_invited_address(
                email=email,
                first_name=claims.get("given_name") or "",
                last_name=claims.get("family_name") or "",
            )
            if user is None:
                raise Refused("not_invited")
            return user
        user = accounts[0]
        setattr(self.request, ACCOUNT_KEY_ATTRIBUTE, user.get_username())
        if not self.user_can_authenticate(user):
            raise Refused("inactive")
        credentials = {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}
        if not AxesProxyHandler.is_allowed(self.request, credentials):
            # axes.middleware.AxesMiddleware turns the response into the lockout page.
            self.request.axes_locked_out = True
            self.request.axes_credentials = credentials
            raise Refused("locked_out")
        return user
