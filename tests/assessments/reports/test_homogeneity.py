"""Homogeneity (group disclosure, ADR 0036 and its amendment "all but one"): a set of fewer
than H raters who all gave one value, or all but one of whom did, must never be shown as
such. Hand-worked cases of the pure rule (assessments/reports/disclosure.py), the fold every
view uses (published.py), then a hypothesis property over random rounds: no item
distribution of any published group, of any difference of published groups, or of any union
of partner × role cells, has 1..H − 1 raters with fewer than two of them outside its most
common value, and no group's dimension score of 0 or 100 rests on fewer than H raters."""

from __future__ import annotations

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.counts import CountRow
from assessments.models import ROLE_LABELS
from assessments.reports.disclosure import (
    HOMOGENEITY_FLOOR,
    WITHHELD_NOTE,
    homogeneity_floor,
    is_near_unanimous,
    items_unsafe_in_cells,
    near_unanimous_items,
    publication,
    withheld_items,
    without_items,
)
from assessments.reports.published import overall_scores, published_figures
from tests.assessments.reports.test_published import LABELS, SPEC


def rows(*specs):
    return [CountRow(item_id=i, group=g, value=v, count=n) for i, g, v, n in specs]


# -- The rule, by hand ------------------------------------------------------------------------


def test_the_floor_is_the_staff_surveys_eleven_or_the_rounds_threshold_if_higher():
    assert HOMOGENEITY_FLOOR == 11
    assert [homogeneity_floor(t) for t in (3, 5, 11, 15)] == [11, 11, 11, 15]


def test_unanimous_means_one_value_from_fewer_than_the_floor():
    assert is_near_unanimous({1: 3}, floor=11)
    assert is_near_unanimous({4: 10, None: 6}, floor=11)  # "not applicable" is not a value
    assert is_near_unanimous({2: 3, 5: 0}, floor=11)  # a zero count is nobody
    assert not is_near_unanimous({1: 11}, floor=11)  # the Staff Survey's accepted group size
    assert not is_near_unanimous({}, floor=11)


def test_not_applicable_is_an_answer_for_homogeneity():
    # A fresh tester's finding: a practice whose three members all answered "not applicable"
    # showed "No score" beside everyone's score, which told a reader what each of them
    # answered. "Not applicable" is an answer here, never a rating.
    assert is_near_unanimous({None: 3}, floor=11)
    assert is_near_unanimous({None: 2, 4: 1}, floor=11)  # all but one "not applicable"
    assert is_near_unanimous({None: 4, 4: 1, 2: 1}, floor=11)  # ratings mixed, answers not
    assert not is_near_unanimous({None: 2, 4: 2, 2: 2}, floor=11)  # two outside either way
    assert not is_near_unanimous({None: 11}, floor=11)  # the accepted group size


def test_all_but_one_alike_is_treated_as_unanimous():
    # Nobody differs, one differs, two differ (fewer than H = 11 raters each).
    assert is_near_unanimous({4: 6}, floor=11)
    assert is_near_unanimous({4: 5, 1: 1}, floor=11)  # the tester's six: "1 · 5" reads all five
    assert is_near_unanimous({1: 2, 2: 1}, floor=11) and is_near_unanimous({1: 1, 5: 1}, floor=11)
    assert not is_near_unanimous({4: 4, 1: 1, 2: 1}, floor=11)  # two outside the 4s
    assert not is_near_unanimous({4: 4, 1: 2}, floor=11)  # two who differ alike
    assert not is_near_unanimous({1: 1, 2: 1, 3: 1}, floor=11)
    # At H − 1 = 10 raters and at H = 11.
    assert is_near_unanimous({3: 10}, floor=11) and is_near_unanimous({3: 9, 5: 1}, floor=11)
    assert not is_near_unanimous({3: 8, 5: 1, 1: 1}, floor=11)
    assert not is_near_unanimous({3: 11}, floor=11)
    assert not is_near_unanimous({3: 10, 5: 1}, floor=11)
    # "Not applicable" is neither a differing value nor a rater: two raters of one value and
    # three N/A are unanimous, and ten raters plus five N/A are still under 11.
    assert is_near_unanimous({2: 2, None: 3}, floor=11)
    assert is_near_unanimous({2: 9, 4: 1, None: 5}, floor=11)
    assert not is_near_unanimous({2: 8, 4: 1, 5: 1, None: 5}, floor=11)
    # H follows the threshold: 11 alike but one is a group result only once H is 11.
    assert is_near_unanimous({3: 11, 5: 1}, floor=13) and not is_near_unanimous({3: 12}, floor=12)


def test_an_item_everyone_rated_alike_is_withheld_everywhere_with_its_not_applicable():
    counted = rows(
        (1, ("A", None), 1, 3),  # three people, all the lowest value
        (1, ("A", None), None, 2),
        (2, ("A", None), 1, 1),  # a mix: two of the three outside any one value
        (2, ("A", None), 2, 1),
        (2, ("A", None), 3, 1),
        (3, ("A", None), 5, 11),  # eleven alike: an accepted group result
        (4, ("A", None), 3, 1),  # two raters: thin, as before
        (4, ("A", None), 4, 1),
    )
    assert near_unanimous_items(counted, threshold=3) == {1, 4}  # two raters: one differs
    assert withheld_items(counted, threshold=3) == {1, 4}
    assert withheld_items(counted, threshold=12) == {1, 2, 3, 4}  # H follows the threshold
    kept = without_items(counted, frozenset({1, 4}))
    assert [(r.item_id, r.value) for r in kept] == [(2, 1), (2, 2), (2, 3), (3, 5)]  # no N/A of 1


def test_an_item_everyone_but_one_rated_alike_is_withheld_everywhere():
    counted = rows(
        (1, ("A", None), 4, 5),  # the tester's six: five "Agree", one "Strongly disagree"
        (1, ("A", None), 1, 1),
        (2, ("A", None), 4, 4),  # two differ: kept
        (2, ("A", None), 1, 1),
        (2, ("A", None), 2, 1),
        (3, ("A", None), 4, 10),  # eleven raters, one differs: an accepted group result
        (3, ("A", None), 1, 1),
        (4, ("A", None), 4, 9),  # ten raters, one differs, however many said N/A
        (4, ("A", None), 1, 1),
        (4, ("A", None), None, 6),
    )
    assert near_unanimous_items(counted, threshold=3) == {1, 4}
    assert withheld_items(counted, threshold=3) == {1, 4}


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
        (1, ("B", "clinical"), 2, 1),
        (1, ("B", "clinical"), 3, 1),
        (1, ("B", "clinical"), 4, 1),
        (1, ("A", "leadership"), 2, 1),
        (1, ("A", "leadership"), 4, 1),
        (1, ("A", "leadership"), 5, 1),
        # Item 2: three different values in every cell.
        (2, ("A", "clinical"), 1, 1),
        (2, ("A", "clinical"), 2, 1),
        (2, ("A", "clinical"), 3, 1),
        (2, ("B", "clinical"), 2, 1),
        (2, ("B", "clinical"), 3, 1),
        (2, ("B", "clinical"), 4, 1),
        (2, ("A", "leadership"), 3, 1),
        (2, ("A", "leadership"), 4, 1),
        (2, ("A", "leadership"), 5, 1),
        # Item 3: as item 2, but in A × clinical two chose 1 and one chose 2.
        (3, ("A", "clinical"), 1, 2),
        (3, ("A", "clinical"), 2, 1),
        (3, ("B", "clinical"), 2, 1),
        (3, ("B", "clinical"), 3, 1),
        (3, ("B", "clinical"), 4, 1),
        (3, ("A", "leadership"), 3, 1),
        (3, ("A", "leadership"), 4, 1),
        (3, ("A", "leadership"), 5, 1),
    )
    assert withheld_items(counted, threshold=3) == frozenset()
    # Shown, A − Leadership would be "3 of 3 chose 1" for A × clinical (item 1), or "2 chose
    # 1, 1 chose 2", from which the one who chose 2 reads the other two (item 3).
    unsafe = items_unsafe_in_cells(counted, published.partners, published.roles, threshold=3)
    assert unsafe == {1, 3}


def hand_spec_rows():
    """The tester's case: partner 1 (3 clinical) all chose 1 on every item; partner 2 (3
    clinical) three different values. Items 1, 2 in dimension 10 (2 reversed), 3 in 20, 4
    local in 30."""
    counted = []
    for item in (1, 2, 3, 4):
        counted += rows(
            (item, (1, "clinical"), 1, 3),
            (item, (2, "clinical"), 2, 1),
            (item, (2, "clinical"), 4, 1),
            (item, (2, "clinical"), 5, 1),
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
    assert everyone.distribution == {1: 3, 2: 1, 4: 1, 5: 1}


def test_two_alike_mid_scale_in_a_cell_of_three_keep_the_item_out_of_the_groups():
    """Why cells use "all but one" of any value, not only of the scale's ends (ADR 0036,
    amendment of 30 November 2026): Alder {2, 2, 3}, Birch {3, 4, 4} on 1–5. Everyone's
    distribution "2: 2 · 3: 2 · 4: 2" is shown, and Alder's mean, 7/3, is the least three of
    those values make: shown, it would tell Alder's "3" that both others chose 2."""
    counted = rows(
        (3, (1, None), 2, 2),
        (3, (1, None), 3, 1),
        (3, (2, None), 3, 1),
        (3, (2, None), 4, 2),
    )
    cells = {(1, None): 3, (2, None): 3}
    figures = published_figures(
        SPEC, counted, cells, partner_labels=LABELS, role_labels=ROLE_LABELS, threshold=3
    )
    assert figures.withheld_items == frozenset()
    assert figures.scores.dimensions[20].items[3].distribution == {2: 2, 3: 2, 4: 2}
    assert figures.unsafe_items == {3}
    groups = figures.publication.partners.groups
    assert [g.label for g in groups] == ["Alder", "Birch"]
    for group in groups:  # a group with no counts left folds to nothing: no score
        folded = figures.by_partner.get(group.key)
        assert folded is None or folded.dimensions[20].score is None


def test_a_round_whose_raters_all_agree_shows_nothing_of_the_item():
    counted = rows(
        (1, (1, "clinical"), 1, 3),
        (2, (1, "clinical"), 1, 1),
        (2, (1, "clinical"), 2, 1),
        (2, (1, "clinical"), 3, 1),
        (3, (1, "clinical"), 5, 2),
        (3, (1, "clinical"), 4, 1),  # all but one alike
    )
    cells = {(1, "clinical"): 3}
    figures = published_figures(
        SPEC, counted, cells, partner_labels=LABELS, role_labels=ROLE_LABELS, threshold=3
    )
    assert figures.withheld_items == {1, 3}
    trust = figures.scores.dimensions[10]
    assert trust.items[1].distribution == {} and trust.items[1].not_applicable == 0
    # Trust rests on item 2 alone (reversed: 1 -> 100, 2 -> 75, 3 -> 50), Vision on nothing.
    assert trust.score == (100 + 75 + 50) / 3 and figures.scores.dimensions[20].score is None
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
    """A negative count (a figure left out, subtracted), or 1..floor − 1 raters of whom
    fewer than two are outside the most common value: written out here rather than calling
    ``is_near_unanimous``, so the property does not trust the rule it checks."""
    if any(n < 0 for n in counts.values()):
        return True
    ratings = [n for value, n in counts.items() if value is not None and n > 0]
    return 0 < sum(ratings) < floor and sum(ratings) - max(ratings) < 2


def unions_of_cells(cells: dict) -> list[Counter]:
    """The value counts of every non-empty union of ``cells`` (cell -> Counter)."""
    counts = [Counter()]
    for cell_counts in cells.values():
        counts += [c + cell_counts for c in counts]
    return counts[1:]


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
    # Every union of partner × role cells (the finest sets sums and differences of published
    # groups reach): an item shown in the groups has, in each, H raters or two outside its
    # most common value; an item shown only in everyone's figures has them over everyone.
    partner_group = {m: g.key for g in published.partners.groups for m in g.members}
    role_group = {m: g.key for g in published.roles.groups for m in g.members}
    for item in items:
        if item in figures.withheld_items:
            continue
        by_cell: dict = {}
        for partner, role, values in people:
            cell = (partner_group.get(partner), role_group.get(role))
            by_cell.setdefault(cell, Counter())[values[item]] += 1
        if item in figures.unsafe_items:
            assert not revealing(sum(by_cell.values(), Counter()), floor), item
            continue
        for union in unions_of_cells(by_cell):
            assert not revealing(union, floor), (item, union)
    # A dimension score of 0 or 100 (or a spread of 0) for any group rests on at least H
    # raters of some item: otherwise it would say how each of them answered.
    for _, folded in groups:
        for dimension in folded.dimensions.values():
            if dimension.score in (0, 100) or dimension.spread == 0:
                assert max(i.answered for i in dimension.items.values()) >= floor


def test_a_group_that_all_answered_not_applicable_shows_no_blank_of_its_own():
    # A fresh tester's case: partner 1's three members answered "not applicable" to item 3
    # (dimension 20), partner 2 rated it; before, partner 1 alone showed "No score" there,
    # which named their answer. Now the item leaves every group's scores, with the note.
    counted = []
    for item in (1, 2, 4):
        counted += rows(
            (item, (1, "clinical"), 1, 1),
            (item, (1, "clinical"), 3, 1),
            (item, (1, "clinical"), 5, 1),
            (item, (2, "clinical"), 2, 1),
            (item, (2, "clinical"), 4, 1),
            (item, (2, "clinical"), 5, 1),
        )
    counted += rows(
        (3, (1, "clinical"), None, 3),
        (3, (2, "clinical"), 2, 1),
        (3, (2, "clinical"), 3, 1),
        (3, (2, "clinical"), 5, 1),
    )
    cells = {(1, "clinical"): 3, (2, "clinical"): 3}
    figures = published_figures(
        SPEC, counted, cells, partner_labels=LABELS, role_labels=ROLE_LABELS, threshold=3
    )
    assert figures.unsafe_items == {3}
    for folded in figures.by_partner.values():
        assert folded.dimensions[20].score is None  # both groups alike: no lone blank
        assert folded.dimensions[10].score is not None
