"""Accounts for people who sign in with an NHS account (OpenID Connect) and have none yet.

Contract (docs/adr/0030-nhs-account-sign-in.md):
- Only a person whose verified email address has a pending invitation to join a
  partnership gets an account; nobody else does. The caller
  (``partnership_site.oidc_backend``) has already checked that the provider verified the
  address, that its domain is allowed, and that no account uses it.
- ``account_for_invited_address`` is the one place the invitation model plugs in.

Where issue 11 (invitations by email) plugs in
----------------------------------------------
Invitations to join a partnership (issue 11's ``MembershipInvitation``: email, partnership,
role, organisation, token hash, expiry, accepted/withdrawn) are not on this branch yet, so
this function finds none and returns ``None``: the person is shown "ask your partnership
manager". At merge, its body becomes, in one transaction, roughly::

    pending = (
        MembershipInvitation.objects.select_for_update()
        .filter(email__iexact=email, accepted_at__isnull=True, withdrawn_at__isnull=True,
                expires_at__gt=timezone.now())
        .order_by("created_at")
    )
    if not pending:
        return None
    user = <create the account as issue 11's create_account_and_accept does, with
            set_unusable_password(): the person signs in with their NHS account; a password
            can be set later through "Forgotten your password">
    for invitation in pending:
        <issue 11's join step: a Membership in invitation.role and invitation.partner,
         accepted_at and accepted_by set, history kept>
    return user

so that everyone invited to any partnership by that address lands in all of them.
"""

from __future__ import annotations


def account_for_invited_address(*, email: str, first_name: str = "", last_name: str = ""):
    """The new account for ``email`` (already verified by the provider) if someone invited
    that address to a partnership, with its memberships made; else ``None``.

    ``first_name`` and ``last_name`` come from the provider's ``given_name`` and
    ``family_name`` claims (may be empty). Returns a user or ``None``; raises nothing of its
    own. Until issue 11's invitation model is merged there are no invitations to find: see
    the module docstring for where it plugs in.
    """
    return None
