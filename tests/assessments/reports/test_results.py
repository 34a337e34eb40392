"""A person's result, folded by the report code from one response's answers."""

import pytest

from assessments.reports.results import personal_result
from frameworks.models import DimensionAdvice
from tests.factories import (
    AnswerFactory,
    DimensionFactory,
    FrameworkFactory,
    ItemFactory,
    ResponseFactory,
    ScoreBandFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    framework = FrameworkFactory()
    bands = [
        ScoreBandFactory(framework=framework, label="Concern", lower_bound=0, colour="red"),
        ScoreBandFactory(framework=framework, label="Developing", lower_bound=50, colour="yellow"),
        ScoreBandFactory(framework=framework, label="Strength", lower_bound=75, colour="green"),
    ]
    trust = DimensionFactory(framework=framework, position=1, title="Trust")
    barriers = DimensionFactory(framework=framework, position=2, title="Barriers")
    local = DimensionFactory(framework=framework, position=3, title="Local", local_context=True)
    for dimension in (trust, barriers, local):
        for band in bands:
            DimensionAdvice.objects.create(
                dimension=dimension, band=band, text=f"{dimension.title}: {band.label} advice"
            )
    ItemFactory(dimension=trust, key="t1", position=1, weight=2)
    ItemFactory(dimension=trust, key="t2", position=2)
    ItemFactory(dimension=trust, key="t3", position=3)
    ItemFactory(dimension=barriers, key="b1", position=1, reverse_scored=True)
    ItemFactory(dimension=barriers, key="b2", position=2, reverse_scored=True)
    ItemFactory(dimension=local, key="l1", position=1)
    return framework


def _answer(response, key, value):
    item = response.framework.dimensions.get(items__key=key).items.get(key=key)
    AnswerFactory(response=response, item=item, value=value)


def test_hand_worked_personal_result(framework):
    response = ResponseFactory(framework=framework)
    # Trust: t1=4 (75, weight 2), t2=2 (25), t3 not applicable -> (150 + 25) / 3 = 58.33
    _answer(response, "t1", 4)
    _answer(response, "t2", 2)
    _answer(response, "t3", None)
    # Barriers (reverse-scored): b1=5 -> 0, b2=2 -> 75 -> 37.5
    _answer(response, "b1", 5)
    _answer(response, "b2", 2)
    # Local context: l1=5 -> 100, shown separately, not in the overall score.
    _answer(response, "l1", 5)
    # Someone else's answers never leak in.
    other = ResponseFactory(framework=framework, round=response.round)
    _answer(other, "t1", 1)

    result = personal_result(response)

    trust, barriers, local = result.dimensions
    assert trust.score.value == pytest.approx(175 / 3)
    assert (trust.score.shown, trust.score.band.label) == (58, "Developing")
    assert trust.advice == "Trust: Developing advice"
    assert (trust.answered, trust.not_applicable) == (2, 1)
    assert barriers.score.value == 37.5
    assert (barriers.score.shown, barriers.score.band.label) == (38, "Concern")
    assert local.score.value == 100 and local.local_context
    # Overall: mean of Trust and Barriers only = (58.33 + 37.5) / 2 = 47.92
    assert result.overall.value == pytest.approx((175 / 3 + 37.5) / 2)
    assert (result.overall.shown, result.overall.band.label) == (48, "Concern")
    assert [d.title for d in result.shared_dimensions] == ["Trust", "Barriers"]
    assert [d.title for d in result.local_dimensions] == ["Local"]


def test_a_dimension_answered_only_not_applicable_has_no_score(framework):
    response = ResponseFactory(framework=framework)
    _answer(response, "t1", None)
    _answer(response, "b1", 3)
    result = personal_result(response)
    trust, barriers, _ = result.dimensions
    assert not trust.score.has_score and trust.score.band is None and trust.advice == ""
    assert result.overall.value == barriers.score.value == 50


def test_query_count_does_not_depend_on_answers(framework, django_assert_num_queries):
    response = ResponseFactory(framework=framework)
    _answer(response, "t1", 4)
    with django_assert_num_queries(5):
        personal_result(response)
    for key in ("t2", "t3", "b1", "b2", "l1"):
        _answer(response, key, 3)
    with django_assert_num_queries(5):
        personal_result(response)
