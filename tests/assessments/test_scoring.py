"""Scoring: hand-worked examples and properties that must hold for any input."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments import scoring
from assessments.scoring import Band, ItemRule, Scale

FIVE = Scale(1, 5)
CHECKLIST = Scale(0, 2)
BANDS = [Band("Concern", 0, "red"), Band("Developing", 50, "yellow"), Band("Strength", 75, "green")]


@pytest.mark.parametrize(
    ("value", "scale", "reverse", "expected"),
    [
        (1, FIVE, False, 0.0),
        (2, FIVE, False, 25.0),
        (3, FIVE, False, 50.0),
        (4, FIVE, False, 75.0),
        (5, FIVE, False, 100.0),
        (5, FIVE, True, 0.0),
        (2, FIVE, True, 75.0),
        (1, CHECKLIST, False, 50.0),
        (0, CHECKLIST, True, 100.0),
        (None, FIVE, False, None),
        (None, FIVE, True, None),
    ],
)
def test_item_score_hand_worked(value, scale, reverse, expected):
    assert scoring.item_score(value, scale, reverse=reverse) == expected


@pytest.mark.parametrize("value", [0, 6, -1])
def test_item_score_rejects_values_off_the_scale(value):
    with pytest.raises(ValueError, match="outside the scale"):
        scoring.item_score(value, FIVE)


def test_scale_must_rise():
    with pytest.raises(ValueError):
        Scale(3, 3)


def test_dimension_score_hand_worked_with_weights_reverse_and_not_applicable():
    rules = [
        ItemRule(item_id=1, dimension_id=9, weight=2.0),  # 4 -> 75, weight 2
        ItemRule(item_id=2, dimension_id=9, reverse_scored=True),  # 2 -> 25 -> reversed 75
        ItemRule(item_id=3, dimension_id=9),  # 1 -> 0
        ItemRule(item_id=4, dimension_id=9),  # not applicable: ignored
        ItemRule(item_id=5, dimension_id=9),  # unanswered: ignored
    ]
    answers = {1: 4, 2: 2, 3: 1, 4: None}
    # (75*2 + 75 + 0) / (2 + 1 + 1) = 225 / 4 = 56.25
    assert scoring.dimension_score(answers, rules, FIVE) == 56.25


def test_dimension_with_only_not_applicable_has_no_score():
    rules = [ItemRule(item_id=1, dimension_id=1), ItemRule(item_id=2, dimension_id=1)]
    assert scoring.dimension_score({1: None, 2: None}, rules, FIVE) is None


def test_framework_score_is_mean_of_scored_dimensions():
    assert scoring.framework_score([56.25, 100.0, None, 20.0]) == pytest.approx(176.25 / 3)
    assert scoring.framework_score([None, None]) is None


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (0, "Concern"),
        (49.4, "Concern"),
        (49.5, "Developing"),  # shown as 50, so it is banded as 50
        (50, "Developing"),
        (74.49, "Developing"),
        (75, "Strength"),
        (100, "Strength"),
    ],
)
def test_band_for_hand_worked(score, label):
    assert scoring.band_for(score, BANDS).label == label


def test_band_for_nothing():
    assert scoring.band_for(None, BANDS) is None
    assert scoring.band_for(50, []) is None


def test_round_score_rounds_half_up():
    assert scoring.round_score(62.5) == 63
    assert scoring.round_score(12.5) == 13
    assert scoring.round_score(12.49) == 12


def test_item_mean_from_counts_hand_worked():
    # Three people chose 4 (75), one chose 2 (25), two said not applicable.
    mean, answered = scoring.item_mean_from_counts({4: 3, 2: 1, None: 2}, FIVE)
    assert (mean, answered) == (62.5, 4)
    mean, answered = scoring.item_mean_from_counts({4: 3, 2: 1, None: 2}, FIVE, reverse=True)
    assert (mean, answered) == (37.5, 4)
    assert scoring.item_mean_from_counts({None: 5}, FIVE) == (None, 0)


def test_spread_and_split():
    assert scoring.spread([50.0]) is None
    assert scoring.spread([25.0, 75.0]) == 25.0
    assert scoring.is_split([40.0, 70.0]) is True  # 30 points apart
    assert scoring.is_split([40.0, 65.0]) is False  # exactly 25 is not more than 25
    assert scoring.is_split([40.0, None]) is False
    assert scoring.is_split([50.0, 55.0], respondent_spread=30.0) is True


# Properties.

scales = st.integers(0, 9).flatmap(
    lambda low: st.integers(low + 1, 10).map(lambda high: Scale(low, high))
)


@st.composite
def scale_and_values(draw, min_size=0):
    scale = draw(scales)
    values = draw(
        st.lists(
            st.one_of(st.none(), st.integers(scale.minimum, scale.maximum)),
            min_size=min_size,
            max_size=30,
        )
    )
    return scale, values


@given(scale_and_values(min_size=1), st.booleans())
def test_item_scores_always_within_0_and_100(data, reverse):
    scale, values = data
    for value in values:
        score = scoring.item_score(value, scale, reverse=reverse)
        assert score is None or 0 <= score <= 100


@given(st.one_of(st.none(), st.floats(0, 100)))
def test_reversing_twice_is_identity(score):
    twice = scoring.reverse(scoring.reverse(score))
    assert twice == (None if score is None else pytest.approx(score, abs=1e-12))


@given(scales, st.data())
def test_reverse_scoring_mirrors_the_scale(scale, data):
    value = data.draw(st.integers(scale.minimum, scale.maximum))
    mirrored = scale.maximum + scale.minimum - value
    assert scoring.item_score(value, scale, reverse=True) == pytest.approx(
        scoring.item_score(mirrored, scale)
    )


@given(
    scale_and_values(),
    st.lists(st.floats(0.01, 10), min_size=30, max_size=30),
    st.lists(st.booleans(), min_size=30, max_size=30),
)
def test_dimension_scores_within_range_and_not_applicable_never_counts(data, weights, reversed_):
    scale, values = data
    rules = [
        ItemRule(item_id=i, dimension_id=1, weight=weights[i], reverse_scored=reversed_[i])
        for i in range(len(values))
    ]
    answers = dict(enumerate(values))
    score = scoring.dimension_score(answers, rules, scale)
    if all(value is None for value in values):
        assert score is None
        return
    assert 0 <= score <= 100
    # Dropping the not-applicable answers altogether gives exactly the same score.
    answered = {i: v for i, v in answers.items() if v is not None}
    assert scoring.dimension_score(answered, rules, scale) == score


@given(st.lists(st.one_of(st.none(), st.floats(0, 100)), max_size=12))
def test_framework_score_within_range_and_ignores_missing(scores):
    result = scoring.framework_score(scores)
    present = [s for s in scores if s is not None]
    if not present:
        assert result is None
    else:
        assert min(present) - 1e-9 <= result <= max(present) + 1e-9


@given(scale_and_values(min_size=1), st.booleans())
def test_mean_from_counts_equals_mean_of_individual_scores(data, reverse):
    scale, values = data
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    mean, answered = scoring.item_mean_from_counts(counts, scale, reverse=reverse)
    individual = [scoring.item_score(v, scale, reverse=reverse) for v in values if v is not None]
    assert answered == len(individual)
    if individual:
        assert mean == pytest.approx(sum(individual) / len(individual))
    else:
        assert mean is None


@given(st.floats(0, 100))
def test_every_score_gets_exactly_the_band_its_rounded_value_falls_in(score):
    band = scoring.band_for(score, BANDS)
    shown = scoring.round_score(score)
    expected = "Concern" if shown < 50 else "Developing" if shown < 75 else "Strength"
    assert band.label == expected
