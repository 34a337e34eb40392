"""Largest-remainder percentages: hand-worked cases and properties for any counts."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.percentages import largest_remainder


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([12, 4, 1], [71, 23, 6]),  # the 17 answers: rounding each gave 71+24+6 = 101
        ([1, 1, 1], [34, 33, 33]),  # a tie goes to the earlier answer
        ([0, 0, 5, 0, 0], [0, 0, 100, 0, 0]),
        ([1, 2], [33, 67]),
        ([0, 0, 0], [0, 0, 0]),  # nothing answered: nothing to share
        ([], []),
        ([2, 2, 2, 2, 2, 2, 2], [15, 15, 14, 14, 14, 14, 14]),
    ],
)
def test_hand_worked(counts, expected):
    assert largest_remainder(counts) == expected


def test_other_totals():
    assert largest_remainder([1, 1, 1], total=10) == [4, 3, 3]


@pytest.mark.parametrize(("counts", "total"), [([1, -1], 100), ([1], -5)])
def test_rejects_negative_input(counts, total):
    with pytest.raises(ValueError, match="must not be negative"):
        largest_remainder(counts, total)


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12))
def test_shown_percentages_always_add_to_100(counts):
    shares = largest_remainder(counts)
    assert len(shares) == len(counts)
    assert sum(shares) == (100 if sum(counts) else 0)
    for count, share in zip(counts, shares, strict=True):
        exact = 100 * count / sum(counts) if sum(counts) else 0
        assert abs(share - exact) < 1  # never more than a point from the exact share
        assert share >= 0
        assert (share == 0) if count == 0 else True


@given(st.lists(st.integers(min_value=0, max_value=500), min_size=2, max_size=7))
def test_more_answers_never_get_a_smaller_share(counts):
    shares = largest_remainder(counts)
    for i in range(len(counts)):
        for j in range(len(counts)):
            if counts[i] > counts[j]:
                assert shares[i] >= shares[j]
