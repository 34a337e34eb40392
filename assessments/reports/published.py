"""The published figures of one questionnaire in one round. Pure: no database.

Every view that shows a round's figures by group (the report page, its CSV, Excel and PDF,
the dashboard's split count, the analyst CSVs) folds them here, from one GROUP BY of answer
counts by (item, partner, role, value) and the respondents per (partner, role) cell, so all
of them publish exactly the same groups and numbers (disclosure control, ADR 0010):

- ``disclosure.publication`` decides the partner and role groups;
- an item rated by fewer than the threshold in all, or rated near-unanimously by fewer than the
  homogeneity floor (``disclosure.withheld_items``, ADR 0036), is dropped everywhere,
  its "not applicable" count too;
- an item that some partner × role cell rated too thinly or near-unanimously is left out of every
  group's score for its dimension (its overall figures stay).

Views of the whole round only (trends, benchmarks) use ``overall_scores``, which drops the
same withheld items.

Pure core (ADR 0020): no database and no models, so services can fold with it too (the
summaries stored at close, ADR 0035). Role labels are passed in
(``assessments.models.ROLE_LABELS``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from assessments.counts import CountRow
from assessments.reports.disclosure import (
    Publication,
    items_unsafe_in_cells,
    publication,
    withheld_items,
    without_items,
)
from assessments.reports.fold import FrameworkScores, fold, fold_counts
from assessments.reports.structure import DimensionSpec, FrameworkSpec

NO_PARTNER_LABEL = "No organisation given"


@dataclass(frozen=True)
class PublishedFigures:
    """``scores`` for everyone; ``by_partner`` and ``by_role`` keyed by group key (a role
    breakdown that is withheld folds to {}). ``withheld_items`` (too thinly or near-unanimously
    rated in all) had every count dropped everywhere; ``unsafe_items`` had their ratings
    dropped from the group breakdowns only, so the group scores of the
    dimensions in ``partly_broken_down`` leave those items out (the same items for every
    group, so groups stay comparable)."""

    publication: Publication
    scores: FrameworkScores | None  # None when the round is suppressed
    by_partner: dict
    by_role: dict
    withheld_items: frozenset[int]
    unsafe_items: frozenset[int]
    partly_broken_down: tuple[DimensionSpec, ...]


def overall_scores(spec: FrameworkSpec, rows: Iterable[CountRow], *, threshold: int):
    """Everyone's scores, leaving out items rated by too few people or near-unanimously by fewer
    than the homogeneity floor (``disclosure.withheld_items``)."""
    rows = list(rows)
    return fold(spec, without_items(rows, withheld_items(rows, threshold=threshold)))


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
    withheld = withheld_items(cell_rows, threshold=threshold)
    cell_rows = without_items(cell_rows, withheld)
    unsafe = items_unsafe_in_cells(
        cell_rows, published.partners, published.roles, threshold=threshold
    )
    partly = tuple(d for d in spec.scored_dimensions if any(i.id in unsafe for i in d.scored_items))
    everyone, by_partner, by_role = _counts_by_group(cell_rows, published, unsafe)
    return PublishedFigures(
        publication=published,
        scores=fold_counts(spec, everyone),
        by_partner={key: fold_counts(spec, counts) for key, counts in by_partner.items()},
        by_role={key: fold_counts(spec, counts) for key, counts in by_role.items()},
        withheld_items=withheld,
        unsafe_items=unsafe,
        partly_broken_down=partly,
    )


def _counts_by_group(cell_rows: Iterable[CountRow], published: Publication, unsafe):
    """In one pass over counts by (partner, role) cell: item -> value -> people for everyone,
    and the same per published partner group and per published role group (keyed by group
    key, only groups with counts), leaving the ratings of ``unsafe`` items out of the groups.
    The same sums as ``fold_groups`` over ``by_position`` of the rows."""
    partner_group = {m: g.key for g in published.partners.groups for m in g.members}
    role_group = {m: g.key for g in published.roles.groups for m in g.members}
    everyone: dict = defaultdict(lambda: defaultdict(int))
    by_partner: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    by_role: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for row in cell_rows:
        item, value, count = row.item_id, row.value, row.count
        everyone[item][value] += count
        if value is not None and item in unsafe:
            continue
        partner, role = row.group
        if partner in partner_group:
            by_partner[partner_group[partner]][item][value] += count
        if role in role_group:
            by_role[role_group[role]][item][value] += count
    return everyone, by_partner, by_role
