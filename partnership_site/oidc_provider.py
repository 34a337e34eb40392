"""The OpenID Connect provider's endpoints, for "Sign in with your NHS account".

Contract:
- ``provider()`` returns the endpoints from settings (``OIDC_OP_*``, read from the
  environment) where given, and the rest from the issuer's discovery document,
  ``{OIDC_ISSUER}/.well-known/openid-configuration`` (OpenID Connect Discovery 1.0 §4).
- The discovery document is fetched when first needed, never at start-up (the service
  starts while the provider is unreachable), and kept in Django's cache for
  ``DISCOVERY_CACHE_SECONDS``.
- The document's ``issuer`` must equal ``OIDC_ISSUER`` (Discovery §4.3); otherwise, or if the
  provider cannot be reached, ``ProviderUnavailable`` is raised.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.cache import cache

DISCOVERY_CACHE_SECONDS = 3600


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be fetched or does not fit."""


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str = ""  # optional: the ID token's claims are used first
    end_session_endpoint: str = ""  # optional: RP-Initiated Logout 1.0


def _discovery() -> dict:
    url = f"{settings.OIDC_ISSUER}/.well-known/openid-configuration"
    key = f"oidc-discovery:{url}"
    document = cache.get(key)
    if document is not None:
        return document
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(f"Discovery document not available from {url}: {exc}") from exc
    if not isinstance(document, dict) or document.get("issuer", "").rstrip("/") != (
        settings.OIDC_ISSUER
    ):
        raise ProviderUnavailable(f"The discovery document at {url} names another issuer.")
    cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return document


def provider() -> Provider:
    """The provider's endpoints (settings first, then discovery). Raises ProviderUnavailable."""
    given = {
        "authorization_endpoint": settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
        "token_endpoint": settings.OIDC_OP_TOKEN_ENDPOINT,
        "jwks_uri": settings.OIDC_OP_JWKS_ENDPOINT,
        "userinfo_endpoint": settings.OIDC_OP_USER_ENDPOINT,
        "end_session_endpoint": settings.OIDC_OP_END_SESSION_ENDPOINT,
    }
    required = ("authorization_endpoint", "token_endpoint", "jwks_uri")
    if all(given[name] for name in required) and given["end_session_endpoint"]:
        return Provider(issuer=settings.OIDC_ISSUER, **given)
    document = _discovery()
    endpoints = {name: value or document.get(name, "") for name, value in given.items()}
    missing = [name for name in required if not endpoints[name]]
    if missing:
        raise ProviderUnavailable(f"The provider does not give {', '.join(missing)}.")
    return Provider(issuer=settings.OIDC_ISSUER, **endpoints)
