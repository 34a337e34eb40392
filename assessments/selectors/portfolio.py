"""Bulk reads across partnerships: cohort benchmarks, the analyst CSVs, cohorts.

Every function here is a fixed number of queries, whatever the number of partnerships,
rounds or answers: closed rounds' counts and summaries come from their stored results
(ADR 0031, 0035), latest rounds from correlated subqueries. The dashboard's table is
``selectors.dashboard``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Subquery

from assessments.counts import CountRow
from assessments.models import (
    ActionStatus,
    Cohort,
    Partner,
    Round,
    RoundFramework,
    RoundResult,
    RoundStatus,
)
from assessments.selectors import live_counts, stored_results
from frameworks.models import Framework

FINISHED_ACTIONS = (ActionStatus.DONE, ActionStatus.DROPPED)


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


def latest_closed_summaries(partnership_ids: Iterable[int], slug: str | None = None) -> list:
    """For each partnership and library framework (only ``slug`` if given), the stored
    summary (ADR 0035) of the partnership's most recent closed round that used it (any
    version): ``(partnership id, framework id, slug, version, whole-round overall score or
    None, {dimension key: score})`` tuples. One query, whatever the number of partnerships:
    each row also says whether any of these partnerships has a closed round without stored
    results (an uncorrelated EXISTS). Only when there are no rows, or some round lacks its
    results, a second query lists those rounds for ``stored_results.missing_results_handler``,
    and the summaries are read again after it."""
    ids = list(partnership_ids)
    missing_rounds = Round.objects.filter(
        partnership_id__in=ids, status=RoundStatus.CLOSED
    ).exclude(Exists(RoundResult.objects.filter(round_id=OuterRef("pk"))))
    rows = _latest_summaries(ids, slug, missing_rounds)
    if not rows or rows[0][-1]:
        missing = list(missing_rounds.values_list("pk", flat=True))
        if missing:
            stored_results.missing_results_handler(round_ids=sorted(missing))
            rows = _latest_summaries(ids, slug, missing_rounds)
    return [row[:-1] for row in rows]


def _latest_summaries(ids: list[int], slug: str | None, missing_rounds) -> list[tuple]:
    latest = (
        RoundResult.objects.filter(
            round__partnership_id=OuterRef("round__partnership_id"),
            framework__slug=OuterRef("framework__slug"),
        )
        .order_by("-round__closes_on", "-round__opens_on", "-round_id")
        .values("pk")[:1]
    )
    rows = RoundResult.objects.filter(
        round__partnership_id__in=ids,
        round__status=RoundStatus.CLOSED,
        framework__partnership__isnull=True,  # local questions are never benchmarked
    )
    if slug is not None:
        rows = rows.filter(framework__slug=slug)
    return list(
        rows.annotate(
            latest_id=Subquery(latest, output_field=IntegerField()),
            any_missing=Exists(missing_rounds),
        )
        .filter(pk=F("latest_id"))
        .order_by()
        .values_list(
            "round__partnership_id",
            "framework_id",
            "framework__slug",
            "framework__version",
            "round_overall",
            "dimension_scores",
            "any_missing",
        )
    )


def frameworks_by_pk(pks: Iterable[int]) -> dict[int, Framework]:
    return {f.pk: f for f in Framework.objects.filter(pk__in=list(pks))}


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


def cohorts_of(partnership_id: int) -> tuple[list[tuple[int, str]], dict[int, set[int]]]:
    """The cohorts a partnership belongs to, as ``[(id, name)]`` by name, and the
    partnerships of each (as ``cohort_partnership_ids`` gives them): one query."""
    rows = (
        Cohort.partnerships.through.objects.filter(cohort__partnerships=partnership_id)
        .order_by("cohort__name", "cohort_id")
        .values_list("cohort_id", "cohort__name", "partnership_id")
    )
    cohorts: dict[int, str] = {}
    members: dict[int, set[int]] = defaultdict(set)
    for cohort_id, name, member_id in rows:
        cohorts[cohort_id] = name
        members[cohort_id].add(member_id)
    return list(cohorts.items()), members
