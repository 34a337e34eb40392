"""The SQL GROUP BY + fold path gives the same figures as a naive per-answer computation."""

from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from assessments import scoring
from assessments.models import Answer, ResponseStatus
from assessments.reports.fold import fold, fold_by_partner
from assessments.reports.structure import framework_spec
from assessments.selectors.answers import answer_count_rows
from tests.factories import (
    DimensionFactory,
    FrameworkFactory,
    ItemFactory,
    PartnerFactory,
    ResponseFactory,
    RoundFactory,
)

ITEMS = 5  # two dimensions: items 0-2 and 3-4


def naive(framework, items, responses_answers, partner=...):
    """Per answer, with nothing clever: item means over submitted answers, weighted means."""
    scale = scoring.Scale(framework.scale_min, framework.scale_max)
    by_item = defaultdict(list)
    for response, answers in responses_answers:
        if response.status != ResponseStatus.SUBMITTED:
            continue
        if partner is not ... and response.partner_id != partner:
            continue
        for index, value in answers.items():
            if value is not None:
                item = items[index]
                by_item[index].append(scoring.item_score(value, scale, reverse=item.reverse_scored))
    dimension_scores = {}
    for dimension_items in ((0, 1, 2), (3, 4)):
        pairs = [
            (sum(by_item[i]) / len(by_item[i]), float(items[i].weight))
            for i in dimension_items
            if by_item[i]
        ]
        total = sum(w for _, w in pairs)
        dimension_scores[dimension_items] = sum(m * w for m, w in pairs) / total if total else None
    present = [s for s in dimension_scores.values() if s is not None]
    overall = sum(present) / len(present) if present else None
    return dimension_scores, overall


answers_strategy = st.lists(
    st.tuples(
        st.integers(0, 2),  # partner index
        st.booleans(),  # submitted?
        st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=ITEMS, max_size=ITEMS),
    ),
    min_size=0,
    max_size=8,
)


class FoldMatchesNaive(TestCase):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        answers_strategy,
        st.lists(st.booleans(), min_size=ITEMS, max_size=ITEMS),
        st.lists(st.sampled_from([0.5, 1, 2]), min_size=ITEMS, max_size=ITEMS),
    )
    def test_fold_equals_naive(self, responses, reversed_, weights):
        framework = FrameworkFactory()
        first = DimensionFactory(framework=framework, position=1)
        second = DimensionFactory(framework=framework, position=2)
        items = [
            ItemFactory(
                dimension=first if i < 3 else second,
                position=i + 1,
                reverse_scored=reversed_[i],
                weight=weights[i],
            )
            for i in range(ITEMS)
        ]
        round_ = RoundFactory(frameworks=[framework])
        partners = [PartnerFactory(partnership=round_.partnership) for _ in range(3)]
        stored = []
        for partner_index, submitted, values in responses:
            response = ResponseFactory(
                round=round_,
                framework=framework,
                partner=partners[partner_index],
                status=ResponseStatus.SUBMITTED if submitted else ResponseStatus.IN_PROGRESS,
                submitted_at=round_.created_at if submitted else None,
            )
            Answer.objects.bulk_create(
                Answer(response=response, item=items[i], value=value)
                for i, value in enumerate(values)
            )
            stored.append((response, dict(enumerate(values))))

        spec = framework_spec(framework)
        rows = answer_count_rows(round_id=round_.pk, framework_id=framework.pk)
        folded = fold(spec, rows)
        expected, overall = naive(framework, items, stored)
        assert folded.dimensions[first.pk].score == pytest.approx(expected[(0, 1, 2)])
        assert folded.dimensions[second.pk].score == pytest.approx(expected[(3, 4)])
        assert folded.overall == pytest.approx(overall)

        by_partner = fold_by_partner(spec, rows)
        for partner in partners:
            expected, overall = naive(framework, items, stored, partner=partner.pk)
            result = by_partner.get(partner.pk)
            if result is None:
                assert overall is None
                continue
            assert result.dimensions[first.pk].score == pytest.approx(expected[(0, 1, 2)])
            assert result.overall == pytest.approx(overall)
