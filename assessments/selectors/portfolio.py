"""Bulk reads for the facilitator dashboard and cohort benchmarks.

Every function here is a fixed number of queries, whatever the number of partnerships,
rounds or answers (counts of closed rounds come from their stored results, ADR 0031):
latest and previous rounds come from correlated subqueries, counts from one GROUP BY. The
dashboard's query count therefore depends on the number of framework versions it shows,
never on the number of partnerships.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from assessments.counts import CountRow
from assessments.models import (
    ActionItem,
    ActionStatus,
    Cohort,
    Membership,
    Partner,
    Partnership,
    Round,
    RoundFramework,
    RoundStatus,
)
from assessments.selectors import live_counts, stored_results

FINISHED_ACTIONS = (ActionStatus.DONE, ActionStatus.DROPPED)


def facilitated_partnerships(user) -> list[Partnership]:
    """The partnerships the user facilitates, each with ``latest_round_id`` (the most recent
    round that has opened: open or closed) and ``overdue_actions``."""
    latest = (
        Round.objects.filter(partnership=OuterRef("pk"))
        .exclude(status=RoundStatus.DRAFT)
        .order_by("-opens_on", "-closes_on", "-pk")
        .values("pk")[:1]
    )
    overdue = (
        ActionItem.objects.filter(partnership=OuterRef("pk"), due_on__lt=timezone.localdate())
        .exclude(status__in=FINISHED_ACTIONS)
        .order_by()
        .values("partnership")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        Partnership.objects.facilitated_by(user)
        .annotate(
            latest_round_id=Subquery(latest, output_field=IntegerField()),
            overdue_actions=Coalesce(Subquery(overdue, output_field=IntegerField()), 0),
        )
        .order_by("name")
    )


def round_links(round_ids: Iterable[int]) -> list[RoundFramework]:
    """The frameworks of these rounds (with round and framework loaded), each annotated with
    ``previous_link_id``: the same framework (any version) in the partnership's closed round
    before this one, as the round report chooses it."""
    previous = (
        RoundFramework.objects.filter(
            round__partnership_id=OuterRef("round__partnership_id"),
            round__status=RoundStatus.CLOSED,
            round__closes_on__lt=OuterRef("round__closes_on"),
            framework__slug=OuterRef("framework__slug"),
        )
        .exclude(round_id=OuterRef("round_id"))
        .order_by("-round__closes_on", "-round_id")
        .values("pk")[:1]
    )
    return list(
        RoundFramework.objects.filter(
            round_id__in=list(round_ids), framework__partnership__isnull=True
        )
        .select_related("round", "framework")
        .annotate(previous_link_id=Subquery(previous, output_field=IntegerField()))
        .order_by("round_id", "position")
    )


def closed_round_links(partnership_ids: Iterable[int]) -> list[RoundFramework]:
    """Every framework of these partnerships' closed rounds (round, partnership and framework
    loaded), by partnership, then round in date order, then the round's framework order."""
    return list(
        RoundFramework.objects.filter(
            round__partnership_id__in=list(partnership_ids), round__status=RoundStatus.CLOSED
        )
        .select_related("round__partnership", "framework")
        .order_by(
            "round__partnership__name",
            "round__partnership_id",
            "round__closes_on",
            "round_id",
            "position",
        )
    )


def links_by_pk(pks: Iterable[int]) -> dict[int, RoundFramework]:
    return {
        link.pk: link
        for link in RoundFramework.objects.filter(pk__in=list(pks)).select_related(
            "round", "framework"
        )
    }


def latest_closed_links(partnership_ids, slug: str | None = None) -> list[RoundFramework]:
    """For each partnership and framework, the framework in the partnership's most recent
    closed round that used it (any version). ``partnership_ids`` may be a list or a query."""
    latest = (
        RoundFramework.objects.filter(
            round__partnership_id=OuterRef("round__partnership_id"),
            round__status=RoundStatus.CLOSED,
            framework__slug=OuterRef("framework__slug"),
        )
        .order_by("-round__closes_on", "-round__opens_on", "-round_id")
        .values("pk")[:1]
    )
    links = RoundFramework.objects.filter(
        round__partnership_id__in=partnership_ids,
        round__status=RoundStatus.CLOSED,
        framework__partnership__isnull=True,  # local questions are never benchmarked
    )
    if slug is not None:
        links = links.filter(framework__slug=slug)
    return list(
        links.annotate(latest_id=Subquery(latest, output_field=IntegerField()))
        .filter(pk=F("latest_id"))
        .select_related("round", "framework")
        .order_by("round__partnership_id", "position")
    )


def cell_count_rows(
    *, round_ids: Iterable[int], framework_ids: Iterable[int]
) -> dict[tuple[int, int], list[CountRow]]:
    """Submitted answer counts per (item, (partner, role), value), for many rounds at once,
    keyed by (round, framework): the cell-level form of ``answer_count_rows_by_round``.

    Closed rounds only, from their stored results (ADR 0031): results are released at
    close, so a round that is not closed has no counts here. Raises ``ResultsNotStored``
    for a closed round without stored results.
    """
    stored, _not_closed = stored_results.of_rounds(round_ids=round_ids, framework_ids=framework_ids)
    return {key: result.cells for key, result in stored.items()}


def respondents_by_cell(*, round_ids: Iterable[int]) -> dict[tuple[int, int], dict[tuple, int]]:
    """Submitted responses per (partner, role) cell, keyed by (round, framework): the cells
    disclosure control works on (``reports.published``). Closed rounds from their stored
    results; open rounds (whose response counts the dashboard shows) counted live."""
    stored, not_closed = stored_results.of_rounds(round_ids=round_ids, with_cells=False)
    sizes: dict[tuple[int, int], dict[tuple, int]] = defaultdict(dict)
    for key, result in stored.items():
        sizes[key] = dict(result.sizes)
    if not_closed:
        sizes.update(live_counts.respondents_by_cell_of_rounds(round_ids=sorted(not_closed)))
    return sizes


def partner_names(partnership_ids: Iterable[int]) -> dict[int, dict[int, str]]:
    """Each partnership's partners: partnership id -> {partner id: name}."""
    names: dict[int, dict[int, str]] = defaultdict(dict)
    for partnership_id, pk, name in Partner.objects.filter(
        partnership_id__in=list(partnership_ids)
    ).values_list("partnership_id", "pk", "name"):
        names[partnership_id][pk] = name
    return names


def partners_by_partnership(partnership_ids: Iterable[int]) -> dict[int, list[Partner]]:
    """Each partnership's partners, with ``members``: its members linked to that partner (the
    response-rate base when the manager has not recorded how many people were asked)."""
    members = (
        Membership.objects.filter(partner=OuterRef("pk"))
        .order_by()
        .values("partner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    partners: dict[int, list[Partner]] = defaultdict(list)
    for partner in (
        Partner.objects.filter(partnership_id__in=list(partnership_ids))
        .annotate(members=Coalesce(Subquery(members, output_field=IntegerField()), 0))
        .order_by("partnership_id", "name")
    ):
        partners[partner.partnership_id].append(partner)
    return partners


def cohorts_facilitated_by(user) -> list[Cohort]:
    """The user's cohorts, each with ``partnership_count``."""
    return list(
        Cohort.objects.filter(facilitators=user)
        .annotate(partnership_count=Count("partnerships", distinct=True))
        .order_by("name")
    )


def cohort_partnership_ids(cohort_ids: Iterable[int]) -> dict[int, set[int]]:
    """The partnerships of each cohort."""
    members: dict[int, set[int]] = defaultdict(set)
    through = Cohort.partnerships.through.objects.filter(cohort_id__in=list(cohort_ids))
    for cohort_id, partnership_id in through.values_list("cohort_id", "partnership_id"):
        members[cohort_id].add(partnership_id)
    return members


def cohort_ids_of(partnership_id: int) -> list[tuple[int, str]]:
    """(id, name) of the cohorts a partnership belongs to."""
    return list(
        Cohort.objects.filter(partnerships=partnership_id)
        .order_by("name")
        .values_list("pk", "name")
    )
