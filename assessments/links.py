"""Tokens for personal invitation links (ADR 0011).

A personal link's token is never stored. It is "<invitation id>-<HMAC-SHA256 of the id and the
invitation's random nonce under SECRET_KEY>", so the service can show the link again to the
manager, while a copy of the database alone cannot be used to answer. Changing SECRET_KEY
changes every link; changing an invitation's nonce changes its link.
"""

from __future__ import annotations

import hmac

from django.utils.crypto import salted_hmac

TOKEN_SALT = "assessments.personal-link"
DIGEST_LENGTH = 64  # hex digits of SHA-256


def personal_link_token(invitation) -> str:
    """The token in an invitation's link. Shape: "<id>-<64 hex digits>"."""
    digest = salted_hmac(
        TOKEN_SALT, f"{invitation.pk}:{invitation.nonce}", algorithm="sha256"
    ).hexdigest()
    return f"{invitation.pk}-{digest}"


def token_matches(invitation, token: str) -> bool:
    """Constant-time check that ``token`` is the invitation's current token."""
    return hmac.compare_digest(personal_link_token(invitation), token)


def split_token(token: str) -> int | None:
    """The invitation id a well-formed token names, or None for anything malformed."""
    pk, _, digest = (token or "").partition("-")
    if not pk.isdigit() or len(pk) > 18 or len(digest) != DIGEST_LENGTH:
        return None
    return int(pk)
