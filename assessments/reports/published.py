"""The published figures of one questionnaire in one round. Pure: no database.

Every view that shows a round's figures by group (the report page, its CSV, Excel and PDF,
the dashboard's split count, the analyst CSVs) folds them here, from one GROUP BY of answer
counts by (item, partner, role, value) and the respondents per (partner, role) cell, so all
of them publish exactly the same groups and numbers (disclosure control, ADR 0010):

- ``disclosure.publication`` decides the partner and role groups;
- ratings of an item rated by fewer than the threshold are dropped everywhere;
- an item that some partner × role cell rated too thinly is left out of every group's
  score for its dimension (its overall figures stay).

Views of the whole round only (trends, benchmarks) use ``overall_scores``, which drops the
same thin ratings.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from assessments.counts import CountRow
from assessments.models import RespondentRole
from assessments.reports.disclosure import (
    Publication,
    items_unsafe_in_cells,
    publication,
    thinly_rated_items,
    without_ratings,
)
from assessments.reports.fold import FrameworkScores, fold, fold_by_partner
from assessments.reports.grouping import Grouping
from assessments.reports.structure import DimensionSpec, FrameworkSpec

NO_PARTNER_LABEL = "No organisation given"
NO_ROLE_LABEL = "Role not given"
ROLE_LABELS = {
    **{value: label.split(" (")[0] for value, label in RespondentRole.choices},
    None: NO_ROLE_LABEL,
}


@dataclass(frozen=True)
class PublishedFigures:
    """``scores`` for everyone; ``by_partner`` and ``by_role`` keyed by group key (a role
    breakdown that is withheld folds to {}). ``thin_items`` had their ratings dropped
    everywhere; ``unsafe_items`` from the group breakdowns only, so the group scores of the
    dimensions in ``partly_broken_down`` leave those items out (the same items for every
    group, so groups stay comparable)."""

    publication: Publication
    scores: FrameworkScores | None  # None when the round is suppressed
    by_partner: dict
    by_role: dict
    thin_items: frozenset[int]
    unsafe_items: frozenset[int]
    partly_broken_down: tuple[DimensionSpec, ...]


def partner_sizes(cells: Mapping[tuple[Hashable, Hashable], int]) -> dict[Hashable, int]:
    """Respondents per partner from respondents per (partner, role)."""
    sizes: dict[Hashable, int] = {}
    for (partner, _), n in cells.items():
        sizes[partner] = sizes.get(partner, 0) + n
    return sizes


def by_position(cell_rows: Iterable[CountRow], position: int) -> list[CountRow]:
    """Counts by partner (``position`` 0) or role (1) from counts by (partner, role)."""
    counts: dict[tuple, int] = {}
    for row in cell_rows:
        key = (row.item_id, row.group[position], row.value)
        counts[key] = counts.get(key, 0) + row.count
    return [CountRow(item_id=i, group=g, value=v, count=n) for (i, g, v), n in counts.items()]


def fold_groups(spec: FrameworkSpec, rows, grouping: Grouping) -> dict[object, FrameworkScores]:
    """Scores per published group: a merged group is folded from all its members' rows."""
    member_group = {m: g.key for g in grouping.groups for m in g.members}
    regrouped = [
        CountRow(
            item_id=row.item_id, group=member_group[row.group], value=row.value, count=row.count
        )
        for row in rows
        if row.group in member_group
    ]
    return fold_by_partner(spec, regrouped)


def overall_scores(spec: FrameworkSpec, rows: Iterable[CountRow], *, threshold: int):
    """Everyone's scores, leaving out the ratings of items rated by too few people."""
    rows = list(rows)
    return fold(spec, without_ratings(rows, thinly_rated_items(rows, threshold=threshold)))


def published_figures(
    spec: FrameworkSpec,
    cell_rows: Iterable[CountRow],
    cells: Mapping[tuple[Hashable, Hashable], int],
    *,
    partner_labels: Mapping[Hashable, str],
    role_labels: Mapping[Hashable, str],
    threshold: int,
) -> PublishedFigures:
    """What may be published, folded. ``cell_rows`` count submitted answers per (item,
    (partner, role), value); ``cells`` count respondents per (partner, role)."""
    published = publication(
        cells, threshold=threshold, partner_labels=partner_labels, role_labels=role_labels
    )
    if published.suppressed:
        return PublishedFigures(published, None, {}, {}, frozenset(), frozenset(), ())
    cell_rows = list(cell_rows)
    thin = thinly_rated_items(cell_rows, threshold=threshold)
    cell_rows = without_ratings(cell_rows, thin)
    unsafe = items_unsafe_in_cells(
        cell_rows, published.partners, published.roles, threshold=threshold
    )
    partly = tuple(d for d in spec.scored_dimensions if any(i.id in unsafe for i in d.scored_items))
    partner_rows = by_position(cell_rows, 0)
    return PublishedFigures(
        publication=published,
        scores=fold(spec, partner_rows),
        by_partner=fold_groups(spec, without_ratings(partner_rows, unsafe), published.partners),
        by_role=fold_groups(
            spec, without_ratings(by_position(cell_rows, 1), unsafe), published.roles
        ),
        thin_items=thin,
        unsafe_items=unsafe,
        partly_broken_down=partly,
    )
