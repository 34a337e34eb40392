"""Accounts for people who sign in with an NHS account (OpenID Connect) and have none yet.

Contract (docs/adr/0030-nhs-account-sign-in.md, docs/adr/0021-invitations-by-email.md):
- Only a person whose verified email address has a pending invitation to join a
  partnership gets an account; nobody else does. The caller
  (``partnership_site.oidc_backend``) has already checked that the provider verified the
  address, that its domain is allowed, and that no account uses it.
- ``account_for_invited_address`` is the one place the invitation model plugs in: it makes
  the account (with an unusable password: they sign in with their NHS account, and can set
  a password through "Forgotten your password?") and accepts every pending invitation for
  the address, in one transaction, so they land in every partnership that invited them.
"""

from __future__ import annotations

from assessments.services.membership_invitations import join_invited_partnerships


def account_for_invited_address(*, email: str, first_name: str = "", last_name: str = ""):
    """The new account for ``email`` (already verified by the provider) if someone invited
    that address to a partnership, with its memberships made; else ``None``.

    ``first_name`` and ``last_name`` come from the provider's ``given_name`` and
    ``family_name`` claims (may be empty). Returns a user or ``None``; raises nothing of its
    own."""
    return join_invited_partnerships(email=email, first_name=first_name, last_name=last_name)
