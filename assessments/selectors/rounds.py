"""Reads the round report and trends need beyond the answers: earlier rounds, members per
organisation. Presenters call these and do not query themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, FilteredRelation, OuterRef, Q, Subquery

from assessments.models import Membership, Round, RoundFramework, RoundStatus
from assessments.selectors import stored_results
from assessments.selectors.answers import RoundCounts
from frameworks.models import Framework


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


def previous_closed_round_by_id(pk: int) -> Round:
    """A round found by ``report_frameworks``' ``previous_round_id``, as
    ``previous_closed_round`` returns it (frameworks prefetched): two queries."""
    return Round.objects.prefetch_related("frameworks").get(pk=pk)


@dataclass(frozen=True)
class ReportFramework:
    """One framework of a round as the report's loader reads it: its stored counts (None
    when the round has none stored for it: the report then reads them through
    ``answers.round_counts``, which refuses a closed round without stored results) and the
    id of the round ``previous_closed_round`` would find for it (None if there is none)."""

    framework: Framework
    counts: RoundCounts | None
    previous_round_id: int | None


def report_frameworks(round_: Round) -> list[ReportFramework]:
    """The round's frameworks in the round's order, each with its stored counts and its
    previous closed round (as ``previous_closed_round`` finds it): one query, whatever the
    number of frameworks or respondents (the stored results joined to the round's
    frameworks, the previous round a correlated subquery)."""
    previous = (
        Round.objects.filter(
            partnership_id=round_.partnership_id,
            status=RoundStatus.CLOSED,
            closes_on__lt=round_.closes_on,
            round_frameworks__framework__slug=OuterRef("framework__slug"),
        )
        .exclude(pk=round_.pk)
        .order_by("-closes_on", "-pk")
        .values("pk")[:1]
    )
    links = (
        RoundFramework.objects.filter(round_id=round_.pk)
        .select_related("framework")
        .annotate(
            stored=FilteredRelation(
                "round__results", condition=Q(round__results__framework_id=F("framework_id"))
            ),
            stored_respondents=F("stored__respondents"),
            stored_open_link=F("stored__open_link_responses"),
            stored_cells=F("stored__cells"),
            stored_sizes=F("stored__sizes"),
            previous_round_id=Subquery(previous),
        )
        .order_by("position")
    )
    found = []
    for link in links:
        counts = None
        if link.stored_respondents is not None:
            counts = RoundCounts.of(
                stored_results.decode(
                    round_.pk,
                    link.framework_id,
                    link.stored_respondents,
                    link.stored_open_link,
                    link.stored_cells,
                    link.stored_sizes,
                )
            )
        found.append(ReportFramework(link.framework, counts, link.previous_round_id))
    return found


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
