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
from collections.abc import Iterable
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
    dimensions = {d.id: _fold_dimension(spec, d, counts) for d in spec.scored_dimensions}
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


def _fold_dimension(
    spec: FrameworkSpec, dimension: DimensionSpec, counts: dict[int, dict[int | None, int]]
) -> DimensionScores:
    scale = spec.scale
    items: dict[int, ItemScores] = {}
    weighted = []
    individual: list[tuple[float, int]] = []  # (0–100 score, number of people)
    for item in dimension.scored_items:
        value_counts = counts.get(item.id, {})
        mean, answered = scoring.item_mean_from_counts(
            value_counts, scale, reverse=item.rule.reverse_scored
        )
        answered_values = {v: n for v, n in value_counts.items() if v is not None and n}
        items[item.id] = ItemScores(
            mean=mean,
            answered=answered,
            not_applicable=value_counts.get(None, 0),
            distribution=dict(sorted(answered_values.items())),
        )
        weighted.append((mean, item.rule.weight))
        individual.extend(
            (scoring.item_score(v, scale, reverse=item.rule.reverse_scored), n)
            for v, n in answered_values.items()
        )
    answered_total = sum(n for _, n in individual)
    spread = None
    if answered_total >= 2:
        mean = fsum(score * n for score, n in individual) / answered_total
        spread = sqrt(fsum(n * (score - mean) ** 2 for score, n in individual) / answered_total)
    return DimensionScores(
        score=scoring.weighted_mean(weighted),
        answered=answered_total,
        spread=spread,
        items=items,
    )
