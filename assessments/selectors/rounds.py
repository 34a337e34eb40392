"""Reads the round report and trends need beyond the answers: earlier rounds, members per
organisation. Presenters call these and do not query themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, FilteredRelation, OuterRef, Q, QuerySet, Subquery

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


@dataclass(frozen=True)
class PreviousFramework:
    """The round ``previous_closed_round`` finds for a framework, its version of the
    framework, and that version's stored counts (None as in ``ReportFramework``)."""

    round: Round
    framework: Framework
    counts: RoundCounts | None


@dataclass(frozen=True)
class ReportFramework:
    """One framework of a round as the report's loader reads it: its stored counts (None
    when the round has none stored for it: the report then reads them through
    ``answers.round_counts``, which refuses a closed round without stored results) and its
    previous closed round (None if there is none)."""

    framework: Framework
    counts: RoundCounts | None
    previous: PreviousFramework | None


def report_frameworks(round_: Round) -> list[ReportFramework]:
    """The round's frameworks in the round's order, each with its stored counts and with the
    previous closed round ``previous_closed_round`` would find for it (with that round's
    version of the framework and its stored counts). One query, whatever the number of
    frameworks or respondents: the round's frameworks and, for each, the previous round's
    (a correlated subquery finds that round), each LEFT JOINed to its stored result."""
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
        _with_stored_counts(
            RoundFramework.objects.filter(
                Q(round_id=round_.pk)
                | Q(round__partnership_id=round_.partnership_id, round_id=Subquery(previous))
            )
        )
        .select_related("round", "framework")
        .order_by("position", "pk")
    )
    current, earlier = [], {}
    for link in links:
        if link.round_id == round_.pk:
            current.append(link)
        else:
            earlier.setdefault(
                link.framework.slug, PreviousFramework(link.round, link.framework, _counts(link))
            )
    return [
        ReportFramework(link.framework, _counts(link), earlier.get(link.framework.slug))
        for link in current
    ]


def _with_stored_counts(links: QuerySet) -> QuerySet:
    """Round frameworks each joined to its stored result (a LEFT JOIN: none if not stored)."""
    return links.annotate(
        stored=FilteredRelation(
            "round__results", condition=Q(round__results__framework_id=F("framework_id"))
        ),
        stored_respondents=F("stored__respondents"),
        stored_open_link=F("stored__open_link_responses"),
        stored_cells=F("stored__cells"),
        stored_sizes=F("stored__sizes"),
    )


def _counts(link: RoundFramework) -> RoundCounts | None:
    if link.stored_respondents is None:
        return None
    return RoundCounts.of(
        stored_results.decode(
            link.round_id,
            link.framework_id,
            link.stored_respondents,
            link.stored_open_link,
            link.stored_cells,
            link.stored_sizes,
        )
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
