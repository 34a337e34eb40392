"""Tokens for personal invitation links (ADR 0011, ADR 0037).

A personal link's token is random (``new_token``), made when the link is emailed, and only
its SHA-256 hash is stored (``PersonalInvitation.token_hash``): neither the manager, nor
anyone with a copy of the database, nor the service itself can show it again. Each email
carries a new token, and the previous one stops working.

Invitations made before ADR 0037 (``hmac_link``) keep their old token until a new link is
emailed: "<invitation id>-<HMAC-SHA256 of the id and the invitation's random nonce under
SECRET_KEY>" (``legacy_link_token``). Changing SECRET_KEY changes those links.
"""

from __future__ import annotations

import hashlib
import hmac

from django.utils.crypto import salted_hmac

TOKEN_SALT = "assessments.personal-link"
DIGEST_LENGTH = 64  # hex digits of SHA-256


def legacy_link_token(invitation) -> str:
    """The token of an invitation's pre-ADR 0037 link. Shape: "<id>-<64 hex digits>"."""
    digest = salted_hmac(
        TOKEN_SALT, f"{invitation.pk}:{invitation.nonce}", algorithm="sha256"
    ).hexdigest()
    return f"{invitation.pk}-{digest}"


def token_matches(invitation, token: str) -> bool:
    """Constant-time check that ``token`` is the invitation's current token: the one last
    emailed (its hash), or for an invitation never emailed since ADR 0037, its old HMAC link."""
    if not isinstance(token, str) or not token:
        return False
    if invitation.token_hash:
        digest = hashlib.sha256(token.encode()).hexdigest()
        return hmac.compare_digest(digest, invitation.token_hash)
    if invitation.hmac_link:
        return hmac.compare_digest(legacy_link_token(invitation), token)
    return False


def split_token(token: str) -> int | None:
    """The invitation id a well-formed old (HMAC) token names, or None."""
    pk, _, digest = (token or "").partition("-")
    if not pk.isdigit() or len(pk) > 18 or len(digest) != DIGEST_LENGTH:
        return None
    return int(pk)
