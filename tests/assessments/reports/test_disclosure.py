"""Disclosure control (assessments/reports/disclosure.py): hand-worked cases, then a
hypothesis property over random rounds that no published group can be subtracted down to
fewer than the threshold."""

from __future__ import annotations

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.counts import CountRow
from assessments.reports.disclosure import (
    RoleBreakdown,
    cross_cells,
    items_unsafe_in_cells,
    publication,
    thinly_rated_items,
    without_ratings,
)

ROLES = ["clinical", "leadership", "operational", "community", "other", None]
ROLE_LABELS = {r: (r or "Role not given").title() for r in ROLES}


def plan(cells, threshold=3, partners=None):
    labels = partners or {p: f"Practice {p}" for p, _ in cells}
    labels = {**labels, None: "No organisation given"}
    return publication(cells, threshold=threshold, partner_labels=labels, role_labels=ROLE_LABELS)


def test_the_issue_example_withholds_the_role_breakdown():
    # Practice A: 3 clinical, 1 leadership; Practice B: 3 leadership (threshold 3). Shown
    # naively (A 4, B 3, Clinical 3, Leadership 4), 4 × A − 3 × Clinical is one person.
    published = plan({("A", "clinical"): 3, ("A", "leadership"): 1, ("B", "leadership"): 3})
    assert [g.respondents for g in published.partners.groups] == [4, 3]
    assert published.roles.groups == ()
    assert published.role_breakdown == RoleBreakdown.WITHHELD
    assert not published.shows_roles
    assert "fewer than 3 people" in published.note


def test_roles_are_shown_when_every_cell_is_empty_or_large_enough():
    published = plan(
        {
            ("A", "clinical"): 3,
            ("A", "leadership"): 3,
            ("B", "clinical"): 4,
            ("B", "leadership"): 0,
        }
    )
    assert published.role_breakdown == RoleBreakdown.SHOWN
    assert sorted(g.respondents for g in published.roles.groups) == [3, 7]
    assert published.note == ""


def test_roles_are_combined_further_before_being_withheld():
    # Operational (1 in A) and community (3 in A): combining them makes one "Other roles"
    # cell of 4 in A; clinical is 3 in A and 3 in B.
    published = plan(
        {
            ("A", "clinical"): 3,
            ("B", "clinical"): 3,
            ("A", "operational"): 1,
            ("A", "community"): 3,
            ("B", "leadership"): 3,
            ("A", "leadership"): 3,
        }
    )
    assert published.role_breakdown in (RoleBreakdown.SHOWN, RoleBreakdown.COMBINED)
    for n in cross_cells(
        {
            ("A", "clinical"): 3,
            ("B", "clinical"): 3,
            ("A", "operational"): 1,
            ("A", "community"): 3,
            ("B", "leadership"): 3,
            ("A", "leadership"): 3,
        },
        published.partners,
        published.roles,
    ).values():
        assert n == 0 or n >= 3
    assert len(published.roles.groups) >= 2


def test_a_round_below_the_threshold_publishes_nothing():
    published = plan({("A", "clinical"): 2})
    assert published.suppressed
    assert published.partners.groups == ()
    assert published.roles.groups == ()


def test_same_counts_give_the_same_groups():
    cells = {("A", "clinical"): 5, ("B", "leadership"): 2, ("C", None): 4}
    assert plan(cells) == plan(dict(reversed(list(cells.items()))))


# -- The property -----------------------------------------------------------------------


@st.composite
def rounds(draw):
    """Respondents of one questionnaire: (partner, role) per person; partners 1–6 (and
    "no organisation"), sizes 0–12 per cell; thresholds 3–5."""
    threshold = draw(st.integers(3, 5))
    partners = draw(st.lists(st.sampled_from(["A", "B", "C", "D", "E", "F", None]), min_size=1,
                             max_size=7, unique=True))  # fmt: skip
    roles = draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=6, unique=True))
    people = []
    for partner in partners:
        for role in roles:
            people += [(partner, role)] * draw(st.integers(0, 12))
    return threshold, people


def published_sets(people, published) -> list[frozenset[int]]:
    """Every group any view shows, as the set of respondents (by index) it holds: everyone;
    each partner group (the heatmap columns, comments and the dashboard's split count use
    these); each role group."""
    everyone = frozenset(range(len(people)))
    sets = [everyone]
    for grouping, position in ((published.partners, 0), (published.roles, 1)):
        for group in grouping.groups:
            sets.append(
                frozenset(i for i, person in enumerate(people) if person[position] in group.members)
            )
    return sets


def small(n: int, threshold: int) -> bool:
    return 0 < n < threshold


@settings(max_examples=500, deadline=None)
@given(rounds())
def test_no_subtraction_of_published_groups_singles_out_fewer_than_the_threshold(data):
    threshold, people = data
    cells = Counter(people)
    published = plan(dict(cells), threshold=threshold)
    if published.suppressed:
        assert published.partners.groups == () and published.roles.groups == ()
        return
    groups = published_sets(people, published)
    everyone = groups[0]
    # Every group shown holds at least the threshold.
    assert all(len(g) >= threshold for g in groups)
    # G ⊇ H: G − H is empty or at least the threshold.
    for g, h in itertools.permutations(groups, 2):
        if h <= g:
            assert not small(len(g - h), threshold), (g, h)
    # Everyone minus any union of disjoint published groups.
    others = groups[1:]
    for size in range(1, min(len(others), 6) + 1):
        for combo in itertools.combinations(others, size):
            if all(a.isdisjoint(b) for a, b in itertools.combinations(combo, 2)):
                rest = everyone - frozenset().union(*combo)
                assert not small(len(rest), threshold), combo
    # The stronger invariant the module promises: every partner × role cell is 0 or ≥ t,
    # so no sum or difference of published figures can reach a smaller set.
    for n in cross_cells(dict(cells), published.partners, published.roles).values():
        assert not small(n, threshold)


# -- Raters -----------------------------------------------------------------------------------


def rows(*specs):
    return [CountRow(item_id=i, group=g, value=v, count=n) for i, g, v, n in specs]


def test_items_rated_by_too_few_people_are_thin():
    counted = rows((1, ("A", None), 4, 2), (1, ("A", None), None, 5), (2, ("A", None), 3, 3))
    assert thinly_rated_items(counted, threshold=3) == {1}
    kept = without_ratings(counted, frozenset({1}))
    # The "not applicable" count of item 1 stays; its ratings go.
    assert [(r.item_id, r.value) for r in kept] == [(1, None), (2, 3)]


def test_a_cell_with_too_few_raters_makes_the_item_unsafe_for_breakdowns():
    cells = {("A", "clinical"): 3, ("B", "clinical"): 3}
    published = plan(cells)
    counted = rows(
        (1, ("A", "clinical"), 5, 1),  # one rater in A, two said not applicable
        (1, ("A", "clinical"), None, 2),
        (1, ("B", "clinical"), 2, 1),  # B: three raters, three values (ADR 0036)
        (1, ("B", "clinical"), 3, 1),
        (1, ("B", "clinical"), 4, 1),
        (2, ("A", "clinical"), 4, 1),
        (2, ("A", "clinical"), 3, 1),
        (2, ("A", "clinical"), 2, 1),
        (2, ("B", "clinical"), 4, 1),
        (2, ("B", "clinical"), 5, 1),
        (2, ("B", "clinical"), 1, 1),
    )
    unsafe = items_unsafe_in_cells(counted, published.partners, published.roles, threshold=3)
    assert unsafe == {1}
