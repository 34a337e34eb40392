"""Fold counts of answers into scores. Pure: no database.

The input is the output of one SQL GROUP BY: how many submitted answers each (item, partner,
value) has, where a value of None is "not applicable". Everything a report shows — item means
and distributions, dimension and framework scores, spreads, partner breakdowns — is folded
here from those counts, so the cost follows items × partners, not respondents.

A group's dimension score is the weighted mean of its items' mean scores (items nobody
answered are left out); for one person that is exactly their own dimension score. The
framework score is the mean of the scored, non-local dimensions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from math import fsum, sqrt

from assessments import scoring
from assessments.counts import CountRow
from assessments.reports.structure import DimensionSpec, FrameworkSpec


@dataclass
class ItemScores:
    mean: float | None
    answered: int  # answers with a value
    not_applicable: int
    distribution: dict[int, int]  # value -> number of people


@dataclass
class DimensionScores:
    score: float | None
    answered: int  # answers with a value, over all its items
    spread: float | None  # standard deviation of the individual answers' 0–100 scores
    items: dict[int, ItemScores] = field(default_factory=dict)


@dataclass
class FrameworkScores:
    overall: float | None
    dimensions: dict[int, DimensionScores]


def fold(spec: FrameworkSpec, rows: Iterable[CountRow]) -> FrameworkScores:
    """Scores for everyone whose answers the rows count."""
    counts: dict[int, dict[int | None, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        counts[row.item_id][row.value] += row.count
    return fold_counts(spec, counts)


def fold_counts(spec: FrameworkSpec, counts: Mapping[int, Mapping[int | None, int]]):
    """``fold`` from counts already summed: item id -> {value (None: not applicable) ->
    number of people}. Items missing from ``counts`` were not answered."""
    scores = _item_scores(spec)
    dimensions = {d.id: _fold_dimension(d, counts, scores) for d in spec.scored_dimensions}
    overall = scoring.framework_score(
        dimensions[d.id].score for d in spec.scored_dimensions if not d.local_context
    )
    return FrameworkScores(overall=overall, dimensions=dimensions)


def fold_by_partner(
    spec: FrameworkSpec, rows: Iterable[CountRow]
) -> dict[int | None, FrameworkScores]:
    """Scores per partner organisation (None: respondents with no partner)."""
    by_partner: dict[int | None, list[CountRow]] = defaultdict(list)
    for row in rows:
        by_partner[row.group].append(row)
    return {partner: fold(spec, partner_rows) for partner, partner_rows in by_partner.items()}


_NO_COUNTS: Mapping[int | None, int] = {}


def _item_scores(spec: FrameworkSpec) -> dict[bool, dict[int, float]]:
    """Each scale value's 0–100 score (``scoring.item_score``), by whether it is reversed:
    worked out once per fold instead of once per count."""
    scale = spec.scale
    if scale is None:
        return {False: {}, True: {}}
    values = range(scale.minimum, scale.maximum + 1)
    return {
        reverse: {v: scoring.item_score(v, scale, reverse=reverse) for v in values}
        for reverse in (False, True)
    }


def _fold_dimension(
    dimension: DimensionSpec,
    counts: Mapping[int, Mapping[int | None, int]],
    scores: dict[bool, dict[int, float]],
) -> DimensionScores:
    items: dict[int, ItemScores] = {}
    weighted = []
    individual: list[tuple[float, int]] = []  # (0–100 score, number of people)
    answered_total = 0
    for item in dimension.scored_items:
        value_counts = counts.get(item.id, _NO_COUNTS)
        score_of = scores[item.rule.reverse_scored]
        answered_values = {v: n for v, n in value_counts.items() if v is not None and n}
        try:
            item_scores = [(score_of[v], n) for v, n in answered_values.items()]
        except KeyError as missing:  # as scoring.item_score says, outside the scale is an error
            raise ValueError(f"{missing.args[0]} is outside the scale") from None
        # The item mean over people: scoring.item_mean_from_counts, from the scores above.
        mean = scoring.weighted_mean(item_scores)
        answered = sum(answered_values.values())
        items[item.id] = ItemScores(
            mean=mean,
            answered=answered,
            not_applicable=value_counts.get(None, 0),
            distribution=dict(sorted(answered_values.items())),
        )
        weighted.append((mean, item.rule.weight))
        individual += item_scores
        answered_total += answered
    spread = None
    if answered_total >= 2:
        mean = fsum([score * n for score, n in individual]) / answered_total
        spread = sqrt(fsum([n * (score - mean) ** 2 for score, n in individual]) / answered_total)
    return DimensionScores(
        score=scoring.weighted_mean(weighted),
        answered=answered_total,
        spread=spread,
        items=items,
    )
