"""``published_figures`` (assessments/reports/published.py) sums each published group's
counts in one pass for speed. Here it is held equal, on random rounds, to the way it was
first written: counts re-keyed by partner and by role (``by_position``), regrouped into the
published groups and folded per group (``fold_groups``), kept below as the reference."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.counts import CountRow
from assessments.reports.disclosure import withheld_items, without_items, without_ratings
from assessments.reports.fold import fold, fold_by_partner
from assessments.reports.published import ROLE_LABELS, published_figures
from assessments.reports.structure import DimensionSpec, FrameworkSpec, ItemSpec
from assessments.scoring import Band, ItemRule, Scale

PARTNERS = (1, 2, 3, None)
ROLES = ("clinical", "leadership", "operational", None)
LABELS = {1: "Alder", 2: "Birch", 3: "Cedar", None: "No organisation given"}


def _spec() -> FrameworkSpec:
    def item(pk, dimension, reverse=False, weight=1.0):
        return ItemSpec(
            id=pk,
            key=f"i{pk}",
            statement=f"Statement {pk}",
            rule=ItemRule(pk, dimension, reverse_scored=reverse, weight=weight),
            scored=True,
            allows_not_applicable=True,
        )

    def dimension(pk, items, local=False):
        return DimensionSpec(pk, f"d{pk}", pk, f"Dimension {pk}", "", "", local, items)

    return FrameworkSpec(
        id=1,
        slug="readiness",
        title="Readiness",
        version=1,
        scale=Scale(1, 5),
        scale_labels=("1", "2", "3", "4", "5"),
        bands=(Band("Concern", 0), Band("Developing", 50), Band("Strength", 75)),
        dimensions=(
            dimension(10, (item(1, 10), item(2, 10, reverse=True, weight=2.0))),
            dimension(20, (item(3, 20),)),
            dimension(30, (item(4, 30),), local=True),
        ),
    )


SPEC = _spec()


def by_position(cell_rows, position):
    counts: dict[tuple, int] = {}
    for row in cell_rows:
        key = (row.item_id, row.group[position], row.value)
        counts[key] = counts.get(key, 0) + row.count
    return [CountRow(item_id=i, group=g, value=v, count=n) for (i, g, v), n in counts.items()]


def fold_groups(spec, rows, grouping):
    member_group = {m: g.key for g in grouping.groups for m in g.members}
    regrouped = [
        CountRow(row.item_id, member_group[row.group], row.value, row.count)
        for row in rows
        if row.group in member_group
    ]
    return fold_by_partner(spec, regrouped)


respondent = st.tuples(
    st.sampled_from(PARTNERS),
    st.sampled_from(ROLES),
    st.fixed_dictionaries({item: st.sampled_from([None, 1, 2, 3, 4, 5]) for item in (1, 2, 3, 4)}),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(respondent, max_size=24), st.sampled_from([3, 4, 5]))
def test_one_pass_figures_equal_the_regrouped_folds(respondents, threshold):
    cells = Counter((partner, role) for partner, role, _ in respondents)
    answers = Counter(
        (item, (partner, role), value)
        for partner, role, values in respondents
        for item, value in values.items()
    )
    cell_rows = [CountRow(i, g, v, n) for (i, g, v), n in answers.items()]
    figures = published_figures(
        SPEC,
        cell_rows,
        cells,
        partner_labels=LABELS,
        role_labels=ROLE_LABELS,
        threshold=threshold,
    )
    if figures.publication.suppressed:
        assert figures.scores is None
        return
    rows = without_items(cell_rows, withheld_items(cell_rows, threshold=threshold))
    assert figures.scores == fold(SPEC, by_position(rows, 0))
    for position, grouping, folded in (
        (0, figures.publication.partners, figures.by_partner),
        (1, figures.publication.roles, figures.by_role),
    ):
        group_rows = without_ratings(by_position(rows, position), figures.unsafe_items)
        assert folded == fold_groups(SPEC, group_rows, grouping)
