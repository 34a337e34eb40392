from hypothesis import given
from hypothesis import strategies as st

from assessments.reports.grouping import OTHER_KEY, reporting_groups

LABELS = {1: "Alpha", 2: "Bravo", 3: "Charlie", 4: "Delta", None: "No organisation given"}


def _shape(grouping):
    return [(g.label, sorted(g.members, key=str), g.respondents) for g in grouping.groups]


def test_large_partners_stand_alone_and_small_ones_merge():
    grouping = reporting_groups({1: 5, 2: 4, 3: 2, 4: 1}, LABELS, threshold=3)
    assert _shape(grouping) == [
        ("Alpha", [1], 5),
        ("Bravo", [2], 4),
        ("Other partners", [3, 4], 3),
    ]
    assert grouping.merged_labels == ("Charlie", "Delta")


def test_a_merged_group_still_too_small_takes_the_next_smallest_partner():
    # Charlie alone (2) is below 3, so Bravo (4), the smallest shown partner, joins it.
    grouping = reporting_groups({1: 5, 2: 4, 3: 2}, LABELS, threshold=3)
    assert _shape(grouping) == [("Alpha", [1], 5), ("Other partners", [2, 3], 6)]


def test_everyone_below_threshold_suppresses_the_whole_report():
    grouping = reporting_groups({1: 1, 2: 1}, LABELS, threshold=3)
    assert grouping.suppressed and grouping.groups == ()


def test_no_small_partners_means_no_merged_group():
    grouping = reporting_groups({1: 3, 2: 3, 3: 0}, LABELS, threshold=3)
    assert [g.key for g in grouping.groups] == [1, 2]


def test_respondents_without_a_partner_are_a_group_like_any_other():
    grouping = reporting_groups({1: 4, None: 1}, LABELS, threshold=3)
    assert _shape(grouping) == [("Other partners", [1, None], 5)]


@given(
    st.dictionaries(st.integers(1, 8), st.integers(0, 12), max_size=8),
    st.integers(2, 6),
)
def test_every_shown_group_meets_the_threshold_and_nothing_is_lost(sizes, threshold):
    grouping = reporting_groups(sizes, {}, threshold=threshold)
    total = sum(sizes.values())
    if total < threshold:
        assert grouping.groups == ()
        return
    assert all(g.respondents >= threshold for g in grouping.groups)
    assert sum(g.respondents for g in grouping.groups) == total
    members = [m for g in grouping.groups for m in g.members]
    assert sorted(members) == sorted(m for m, n in sizes.items() if n > 0)
    # A partner below the threshold is never shown on its own.
    for group in grouping.groups:
        if group.key != OTHER_KEY:
            assert sizes[group.key] >= threshold
