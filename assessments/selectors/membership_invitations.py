"""Reads for invitations to join a partnership (managers only; ADR 0021)."""

from __future__ import annotations

from assessments.models import MembershipInvitation, Partnership


def outstanding_invitations(partnership: Partnership) -> list[MembershipInvitation]:
    """Invitations not yet accepted or withdrawn (pending or expired), by address. Whether
    an address has an account is not part of the answer: the manager must not learn it."""
    return list(
        MembershipInvitation.objects.filter(
            partnership=partnership, accepted_at__isnull=True, withdrawn_at__isnull=True
        )
        .select_related("partner")
        .order_by("email")
    )
