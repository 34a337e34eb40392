"""Reads the round report and trends need beyond the answers: earlier rounds, members per
organisation. Presenters call these and do not query themselves.
"""

from __future__ import annotations

from django.db.models import Count

from assessments.models import Membership, Round, RoundFramework, RoundStatus


def previous_closed_round(round_: Round, framework_slug: str) -> Round | None:
    """The newest closed round of the same partnership that closed before ``round_`` and used
    a version of the same framework (with its frameworks prefetched); one query plus one."""
    return (
        Round.objects.filter(
            partnership_id=round_.partnership_id,
            status=RoundStatus.CLOSED,
            closes_on__lt=round_.closes_on,
            round_frameworks__framework__slug=framework_slug,
        )
        .exclude(pk=round_.pk)
        .prefetch_related("frameworks")
        .order_by("-closes_on", "-pk")
        .first()
    )


def members_per_partner(partnership_id: int) -> dict[int, int]:
    """Members with accounts, by partner organisation id (one GROUP BY)."""
    return dict(
        Membership.objects.filter(partnership=partnership_id, partner__isnull=False)
        .values_list("partner_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def closed_round_frameworks(partnership_id: int) -> list[RoundFramework]:
    """Every framework of every closed round of the partnership, oldest round first."""
    return list(
        RoundFramework.objects.filter(
            round__partnership=partnership_id, round__status=RoundStatus.CLOSED
        )
        .select_related("round__partnership", "framework")
        .order_by("round__closes_on", "round__pk", "position")
    )
