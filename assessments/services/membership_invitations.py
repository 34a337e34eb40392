"""Inviting people to join a partnership by email, and accepting (ADR 0021).

A manager lists addresses; each gets an email with a single-use link whose token is stored
only as a hash. An address with an account gets a request to accept after signing in; a new
address gets a link to set a password (the account is made on acceptance). The manager is
told the same thing either way, so the page cannot be used to find out who has an account.
Invitations expire after ``INVITATION_VALID_DAYS``; resending makes a new link (the old one
dies); withdrawing kills the link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from assessments import emails
from assessments.errors import InvalidInput, NotAllowedNow
from assessments.models import (
    INVITATION_VALID_DAYS,
    Membership,
    MembershipInvitation,
    Partner,
    Partnership,
    hash_token,
    new_token,
)
from assessments.services._checks import require
from assessments.services._people import address_error, line_prefix, organisation_error
from partnership_site.roles import PartnershipRole, Permission

MAX_INVITATIONS_PER_BATCH = 500


@dataclass(frozen=True)
class InviteeInput:
    """One person to invite, as the manager typed it (line numbers for error messages)."""

    email: str
    name: str = ""
    partner: Partner | None = None
    role: str = PartnershipRole.MEMBER
    line: int = 0


def accounts_for(email: str):
    """Active accounts with this email address (any case)."""
    return get_user_model().objects.filter(is_active=True, email__iexact=email.strip())


def _display_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _invitation_email(invitation: MembershipInvitation, token: str, inviter) -> emails.Email:
    existing = accounts_for(invitation.email).exists()
    return emails.render(
        "membership_invitation_existing" if existing else "membership_invitation_new",
        to=invitation.email,
        context={
            "name": invitation.name,
            "inviter": _display_name(inviter) or "A partnership manager",
            "partnership": invitation.partnership.name,
            "role": invitation.get_role_display().lower(),
            "organisation": invitation.partner.name if invitation.partner else "",
            "link": emails.url("accept_invitation", token),
            "expires_on": timezone.localdate(invitation.expires_at),
        },
    )


def _check_people(partnership: Partnership, people: Sequence[InviteeInput]) -> None:
    if not people:
        raise InvalidInput("Enter at least one email address.")
    if len(people) > MAX_INVITATIONS_PER_BATCH:
        raise InvalidInput(f"Invite at most {MAX_INVITATIONS_PER_BATCH} people at a time.")
    now = timezone.now()
    pending = {
        email.casefold()
        for email in MembershipInvitation.objects.filter(
            partnership=partnership,
            accepted_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=now,
        ).values_list("email", flat=True)
    }
    # Members are listed, with their addresses, on the partnership page the manager already
    # sees: saying so reveals nothing about who has an account elsewhere.
    members = {
        email.casefold()
        for email in partnership.memberships.values_list("user__email", flat=True)
        if email
    }
    seen: set[str] = set()
    taken = [
        (seen, "{email} appears more than once in the list."),
        (members, "{email} is already a member of this partnership."),
        (pending, "{email} has already been invited. Resend their invitation instead."),
    ]
    errors: list[str] = []
    for person in people:
        where = line_prefix(person.line)
        email = person.email.strip()
        for problem in (
            address_error(email, taken),
            organisation_error(person.partner, partnership.pk, required=False),
        ):
            if problem:
                errors.append(where + problem)
        seen.add(email.casefold())
        if person.role not in PartnershipRole.values:
            errors.append(f"{where}choose one of the roles listed.")
    if errors:
        raise InvalidInput(errors)


@transaction.atomic
def invite_people(
    *, actor, partnership: Partnership, people: Sequence[InviteeInput]
) -> list[MembershipInvitation]:
    """Invite each address to join the partnership, and email them. All or nothing: any bad
    line invites nobody and sends nothing.

    Raises ``InvalidInput`` with one message per bad line ("Line 3: …"): a malformed or
    repeated address, one already a member or already invited, an organisation outside the
    partnership or an unknown role. Expired invitations for the same address are withdrawn.
    """
    require(actor, Permission.MANAGE_PARTNERSHIP, partnership)
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    _check_people(partnership, people)
    now = timezone.now()
    keys = [person.email.strip().casefold() for person in people]
    for stale in MembershipInvitation.objects.filter(
        partnership=partnership, accepted_at__isnull=True, withdrawn_at__isnull=True
    ):
        if stale.email.casefold() in keys:  # expired, or _check_people would have refused
            stale.withdrawn_at = now
            stale.save(update_fields=["withdrawn_at"])
    created, outgoing = [], []
    for person in people:
        token = new_token()
        invitation = MembershipInvitation(
            partnership=partnership,
            name=person.name.strip()[:200],
            email=person.email.strip(),
            role=person.role,
            partner=person.partner,
            token_hash=hash_token(token),
            expires_at=now + timedelta(days=INVITATION_VALID_DAYS),
            sent_at=now,
            created_by=actor,
        )
        invitation.full_clean(validate_constraints=False)
        invitation.save()
        created.append(invitation)
        outgoing.append(_invitation_email(invitation, token, actor))
    emails.send(outgoing)
    return created


def _locked(invitation: MembershipInvitation) -> MembershipInvitation:
    return MembershipInvitation.objects.select_for_update().get(pk=invitation.pk)


@transaction.atomic
def resend_invitation(*, actor, invitation: MembershipInvitation) -> MembershipInvitation:
    """Email a new link (the old one stops working) valid for another
    ``INVITATION_VALID_DAYS``. Refused (``NotAllowedNow``) once accepted or withdrawn."""
    require(actor, Permission.MANAGE_PARTNERSHIP, invitation.partnership)
    locked = _locked(invitation)
    if locked.accepted_at is not None:
        raise NotAllowedNow(f"{locked.email} has already accepted this invitation.")
    if locked.withdrawn_at is not None:
        raise NotAllowedNow("This invitation was withdrawn. Invite them again instead.")
    token, now = new_token(), timezone.now()
    locked.token_hash = hash_token(token)
    locked.expires_at = now + timedelta(days=INVITATION_VALID_DAYS)
    locked.sent_at = now
    locked.save(update_fields=["token_hash", "expires_at", "sent_at"])
    emails.send([_invitation_email(locked, token, actor)])
    return locked


@transaction.atomic
def withdraw_invitation(*, actor, invitation: MembershipInvitation) -> MembershipInvitation:
    """Stop the invitation's link working. Refused once accepted (remove the member
    instead); withdrawing twice changes nothing."""
    require(actor, Permission.MANAGE_PARTNERSHIP, invitation.partnership)
    locked = _locked(invitation)
    if locked.accepted_at is not None:
        raise NotAllowedNow(f"{locked.email} has already joined. Remove them as a member instead.")
    if locked.withdrawn_at is None:
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["withdrawn_at"])
    return locked


def invitation_for_token(token: str) -> MembershipInvitation | None:
    """The invitation a link's token belongs to, in whatever state, or None."""
    if not token or len(token) > 100:
        return None
    return (
        MembershipInvitation.objects.select_related("partnership", "partner")
        .filter(token_hash=hash_token(token))
        .first()
    )


def _check_usable(invitation: MembershipInvitation) -> MembershipInvitation:
    locked = _locked(invitation)
    if locked.state != "pending" or locked.partnership.archived_at is not None:
        raise NotAllowedNow("This invitation link no longer works.")
    return locked


def _join(locked: MembershipInvitation, user) -> Membership:
    membership, _ = Membership.objects.get_or_create(
        user=user,
        partnership=locked.partnership,
        defaults={"role": locked.role, "partner": locked.partner},
    )
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def accept_invitation(*, actor, invitation: MembershipInvitation) -> Membership:
    """The signed-in ``actor`` accepts an invitation sent to their own address. Someone
    already a member keeps the role they have.

    Raises ``PermissionDenied`` if the actor's address is not the invitation's, and
    ``NotAllowedNow`` if the link is no longer usable (accepted, withdrawn or expired)."""
    if not actor.is_authenticated or actor.email.casefold() != invitation.email.casefold():
        raise PermissionDenied("This invitation was sent to a different email address.")
    return _join(_check_usable(invitation), actor)


def new_account(*, email: str, first_name: str, last_name: str, password: str | None):
    """Create an account for ``email``: its username is the lower-cased address (with
    "-2", "-3"… if that username is taken). ``password`` None gives an unusable password
    (someone who signs in with an NHS account; "Forgotten your password?" sets one)."""
    users = get_user_model()
    username = base = email.strip().lower()[:150]
    suffix = 1
    while users.objects.filter(username__iexact=username).exists():
        suffix += 1
        username = f"{base[: 150 - len(str(suffix)) - 1]}-{suffix}"
    return users.objects.create_user(
        username=username,
        email=email.strip(),
        password=password,
        first_name=first_name.strip()[:150],
        last_name=last_name.strip()[:150],
    )


@transaction.atomic
def join_invited_partnerships(*, email: str, first_name: str = "", last_name: str = ""):
    """A new account for a verified ``email`` (an NHS account sign-in, ADR 0030) with a
    membership of every partnership that has a pending invitation for it, each accepted.
    Returns the user, or None if no pending invitation (in a partnership not archived)
    names the address. The caller has checked that no account uses the address."""
    pending = list(
        # Lock the invitations only: PostgreSQL cannot lock the nullable side of the outer
        # join to ``partner``.
        MembershipInvitation.objects.select_for_update(of=("self",))
        .filter(
            email__iexact=email.strip(),
            accepted_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=timezone.now(),
            partnership__archived_at__isnull=True,
        )
        .select_related("partnership", "partner")
        .order_by("created_at")
    )
    if not pending:
        return None
    user = new_account(email=email, first_name=first_name, last_name=last_name, password=None)
    for invitation in pending:
        _join(invitation, user)
    return user


@transaction.atomic
def create_account_and_accept(
    *, invitation: MembershipInvitation, first_name: str, last_name: str, password: str
):
    """Make an account for the invited address with this password (already checked by the
    password validators) and join the partnership. Returns the new user.

    Raises ``NotAllowedNow`` if the link is no longer usable or the address has an account
    by now (they are asked to sign in instead)."""
    locked = _check_usable(invitation)
    if accounts_for(locked.email).exists():
        raise NotAllowedNow(
            "There is already an account for this email address. Sign in to accept."
        )
    user = new_account(
        email=locked.email, first_name=first_name, last_name=last_name, password=password
    )
    _join(locked, user)
    return user


__all__ = [
    "MAX_INVITATIONS_PER_BATCH",
    "InviteeInput",
    "accept_invitation",
    "accounts_for",
    "create_account_and_accept",
    "invitation_for_token",
    "invite_people",
    "join_invited_partnerships",
    "new_account",
    "resend_invitation",
    "withdraw_invitation",
]
