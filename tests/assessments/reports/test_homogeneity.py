"""Homogeneity (group disclosure, ADR 0036): a set of fewer than H raters who all gave one
value must never be shown as such. Hand-worked cases of the pure rule
(assessments/reports/disclosure.py), the fold every view uses (published.py), then a
hypothesis property over random rounds: no item distribution of any published group, nor of
any difference of published groups, shows 1..H − 1 raters all with one value, and no group's
dimension score of 0 or 100 rests on fewer than H raters."""

from __future__ import annotations

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.counts import CountRow
from assessments.reports.disclosure import (
    HOMOGENEITY_FLOOR,
    WITHHELD_NOTE,
    homogeneity_floor,
    is_unanimous,
    items_unsafe_in_cells,
    publication,
    unanimous_items,
    withheld_items,
    without_items,
)
from assessments.reports.published import ROLE_LABELS, overall_scores, published_figures
from tests.assessments.reports.test_published import LABELS, SPEC


def rows(*specs):
    return [CountRow(item_id=i, group=g, value=v, count=n) for i, g, v, n in specs]


# -- The rule, by hand ------------------------------------------------------------------------


def test_the_floor_is_the_staff_surveys_eleven_or_the_rounds_threshold_if_higher():
    assert HOMOGENEITY_FLOOR == 11
    assert [homogeneity_floor(t) for t in (3, 5, 11, 15)] == [11, 11, 11, 15]


def test_unanimous_means_one_value_from_fewer_than_the_floor():
    assert is_unanimous({1: 3}, floor=11)
    assert is_unanimous({4: 10, None: 6}, floor=11)  # "not applicable" is not a value
    assert is_unanimous({2: 3, 5: 0}, floor=11)  # a zero count is nobody
    assert not is_unanimous({1: 11}, floor=11)  # the Staff Survey's accepted group size
    assert not is_unanimous({1: 2, 2: 1}, floor=11)
    assert not is_unanimous({}, floor=11) and not is_unanimous({None: 4}, floor=11)


def test_an_item_everyone_rated_alike_is_withheld_everywhere_with_its_not_applicable():
    counted = rows(
        (1, ("A", None), 1, 3),  # three people, all the lowest value
        (1, ("A", None), None, 2),
        (2, ("A", None), 1, 2),  # a mix
        (2, ("A", None), 2, 1),
        (3, ("A", None), 5, 11),  # eleven alike: an accepted group result
        (4, ("A", None), 3, 1),  # two raters: thin, as before
        (4, ("A", None), 4, 1),
    )
    assert unanimous_items(counted, threshold=3) == {1}
    assert withheld_items(counted, threshold=3) == {1, 4}
    assert withheld_items(counted, threshold=12) == {1, 2, 3, 4}  # H follows the threshold
    kept = without_items(counted, frozenset({1, 4}))
    assert [(r.item_id, r.value) for r in kept] == [(2, 1), (2, 2), (3, 5)]  # no N/A of 1


def test_an_item_one_cell_rated_alike_is_left_out_of_every_groups_scores():
    cells = {("A", "clinical"): 3, ("B", "clinical"): 3, ("A", "leadership"): 3}
    published = publication(
        cells,
        threshold=3,
        partner_labels={"A": "A", "B": "B", None: "None"},
        role_labels={"clinical": "Clinical", "leadership": "Leadership", None: "None"},
    )
    assert published.shows_roles
    counted = rows(
        # Item 1: A × clinical all chose 1; over A, over clinical and over everyone it is a mix.
        (1, ("A", "clinical"), 1, 3),
        (1, ("B", "clinical"), 2, 2),
        (1, ("B", "clinical"), 3, 1),
        (1, ("A", "leadership"), 2, 1),
        (1, ("A", "leadership"), 4, 2),
        # Item 2: a mix in every cell.
        (2, ("A", "clinical"), 1, 2),
        (2, ("A", "clinical"), 2, 1),
        (2, ("B", "clinical"), 2, 1),
        (2, ("B", "clinical"), 3, 2),
        (2, ("A", "leadership"), 4, 1),
        (2, ("A", "leadership"), 5, 2),
    )
    assert withheld_items(counted, threshold=3) == frozenset()
    # Shown, A − Leadership would be "3 of 3 chose 1" for A × clinical.
    assert items_unsafe_in_cells(counted, published.partners, published.roles, threshold=3) == {1}


def hand_spec_rows():
    """The tester's case: partner 1 (3 clinical) all chose 1 on every item; partner 2 (3
    clinical) a mix. Items 1, 2 in dimension 10 (2 reversed), 3 in 20, 4 local in 30."""
    counted = []
    for item in (1, 2, 3, 4):
        counted += rows(
            (item, (1, "clinical"), 1, 3),
            (item, (2, "clinical"), 2, 1),
            (item, (2, "clinical"), 4, 2),
        )
    return counted, {(1, "clinical"): 3, (2, "clinical"): 3}


def test_the_testers_case_shows_no_group_score_that_reveals_the_three():
    counted, cells = hand_spec_rows()
    figures = published_figures(
        SPEC, counted, cells, partner_labels=LABELS, role_labels=ROLE_LABELS, threshold=3
    )
    assert figures.withheld_items == frozenset()  # everyone's figures are a mix of values
    assert figures.unsafe_items == {1, 2, 3, 4}
    # No group score for any dimension: neither partner 1's 0 nor partner 2's, from which
    # partner 1's follows (everyone − partner 2).
    for folded in figures.by_partner.values():
        assert all(d.score is None for d in folded.dimensions.values())
    everyone = figures.scores.dimensions[20].items[3]
    assert everyone.distribution == {1: 3, 2: 1, 4: 2}


def test_a_round_whose_raters_all_agree_shows_nothing_of_the_item():
    counted = rows(
        (1, (1, "clinical"), 1, 3),
        (2, (1, "clinical"), 1, 2),
        (2, (1, "clinical"), 2, 1),
        (3, (1, "clinical"), 5, 3),
    )
    cells = {(1, "clinical"): 3}
    figures = published_figures(
        SPEC, counted, cells, partner_labels=LABELS, role_labels=ROLE_LABELS, threshold=3
    )
    assert figures.withheld_items == {1, 3}
    trust = figures.scores.dimensions[10]
    assert trust.items[1].distribution == {} and trust.items[1].not_applicable == 0
    # Trust rests on item 2 alone (reversed: 1 -> 100, 2 -> 75), Vision on nothing.
    assert trust.score == (100 * 2 + 75) / 3 and figures.scores.dimensions[20].score is None
    # Trends, benchmarks and the previous round's change drop the same items.
    assert overall_scores(SPEC, counted, threshold=3) == figures.scores


def test_the_note_names_no_rule_and_no_value():
    assert WITHHELD_NOTE == (
        "Some figures are not shown because they would reveal how individuals answered."
    )


# -- The property -----------------------------------------------------------------------------


@st.composite
def rounds(draw):
    """Up to 40 respondents in partners 1–3 (and none) and three roles; each round draws a
    few values its people use, so whole groups often answer alike."""
    threshold = draw(st.sampled_from([3, 4, 5]))
    palette = draw(st.lists(st.sampled_from([None, 1, 2, 3, 4, 5]), min_size=1, max_size=3))
    person = st.tuples(
        st.sampled_from([1, 2, 3, None]),
        st.sampled_from(["clinical", "leadership", None]),
        st.fixed_dictionaries({i: st.sampled_from(palette) for i in (1, 2, 3, 4)}),
    )
    return threshold, draw(st.lists(person, max_size=40))


def distribution(folded, item) -> Counter:
    for dimension in folded.dimensions.values():
        if item in dimension.items:
            return Counter(dimension.items[item].distribution)
    raise KeyError(item)


def revealing(counts: Counter, floor: int) -> bool:
    return any(n < 0 for n in counts.values()) or is_unanimous(dict(counts), floor=floor)


@settings(max_examples=400, deadline=None)
@given(rounds())
def test_no_published_figure_or_difference_shows_a_small_unanimous_set(data):
    threshold, people = data
    cells = Counter((partner, role) for partner, role, _ in people)
    answers = Counter(
        (item, (partner, role), value)
        for partner, role, values in people
        for item, value in values.items()
    )
    counted = [CountRow(i, g, v, n) for (i, g, v), n in answers.items()]
    figures = published_figures(
        SPEC, counted, dict(cells), partner_labels=LABELS, role_labels=ROLE_LABELS,
        threshold=threshold,
    )  # fmt: skip
    if figures.publication.suppressed:
        return
    floor = homogeneity_floor(threshold)
    published = figures.publication
    # Each published group as (the set of respondents it holds, its folded figures).
    groups = [(frozenset(range(len(people))), figures.scores)]
    for grouping, by_key, position in (
        (published.partners, figures.by_partner, 0),
        (published.roles, figures.by_role, 1),
    ):
        for group in grouping.groups:
            members = frozenset(i for i, p in enumerate(people) if p[position] in group.members)
            if group.key in by_key:
                groups.append((members, by_key[group.key]))
    items = (1, 2, 3, 4)
    for item in items:
        shown = [(members, distribution(folded, item)) for members, folded in groups]
        for _, counts in shown:
            assert not revealing(counts, floor), (item, counts)
        # G − H for H inside G: the difference of two published distributions.
        for (g, g_counts), (h, h_counts) in itertools.permutations(shown, 2):
            if h < g and h_counts:
                difference = Counter(g_counts)
                difference.subtract(h_counts)
                difference = Counter({v: n for v, n in difference.items() if n})
                assert not revealing(difference, floor), (item, g_counts, h_counts)
        # Everyone minus a union of disjoint groups (each publishing the item).
        everyone_counts, others = shown[0][1], [(m, c) for m, c in shown[1:] if c]
        for size in range(2, min(len(others), 4) + 1):
            for combo in itertools.combinations(others, size):
                if not all(a.isdisjoint(b) for (a, _), (b, _) in itertools.combinations(combo, 2)):
                    continue
                rest = Counter(everyone_counts)
                for _, counts in combo:
                    rest.subtract(counts)
                rest = Counter({v: n for v, n in rest.items() if n})
                assert not revealing(rest, floor), (item, combo)
    # A dimension score of 0 or 100 (or a spread of 0) for any group rests on at least H
    # raters of some item: otherwise it would say how each of them answered.
    for _, folded in groups:
        for dimension in folded.dimensions.values():
            if dimension.score in (0, 100) or dimension.spread == 0:
                assert max(i.answered for i in dimension.items.values()) >= floor
