"""Scoring as pure functions: answers (or counts of answers) in, scores out. No ORM here.

Every score is on 0–100. An item's value maps linearly from the framework's scale; a
reverse-scored item (a barrier that is strongly present) is flipped. A dimension's score is
the weighted mean of its answered items; a framework's score is the plain mean of its
scored dimensions. "Not applicable / don't know" (a value of None) never counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from math import fsum, sqrt

NOT_APPLICABLE = None


@dataclass(frozen=True)
class Scale:
    minimum: int
    maximum: int

    def __post_init__(self):
        if self.maximum <= self.minimum:
            raise ValueError(f"A scale needs minimum < maximum, got {self.minimum}..{self.maximum}")

    def contains(self, value: int) -> bool:
        return self.minimum <= value <= self.maximum


@dataclass(frozen=True)
class ItemRule:
    """How one item is scored."""

    item_id: int
    dimension_id: int
    reverse_scored: bool = False
    weight: float = 1.0


@dataclass(frozen=True)
class Band:
    label: str
    lower_bound: float
    colour: str = "grey"
    meaning: str = ""  # what a score in this band means, from the framework's content


def item_score(value: int | None, scale: Scale, *, reverse: bool = False) -> float | None:
    """A value on the scale as a score from 0 to 100; None for not applicable."""
    if value is None:
        return None
    if not scale.contains(value):
        raise ValueError(f"{value} is outside the scale {scale.minimum}..{scale.maximum}")
    score = (value - scale.minimum) / (scale.maximum - scale.minimum) * 100
    return 100 - score if reverse else score


def reverse(score: float | None) -> float | None:
    """Flip a 0–100 score; reversing twice gives the score back."""
    return None if score is None else 100 - score


def weighted_mean(pairs: Iterable[tuple[float | None, float]]) -> float | None:
    """Mean of (score, weight) pairs, skipping scores that are None; None if nothing counts."""
    total_weight = 0.0
    weighted = []
    for score, weight in pairs:
        if score is None:
            continue
        if weight <= 0:
            raise ValueError("Weights must be positive")
        total_weight += weight
        weighted.append(score * weight)
    if total_weight == 0:
        return None
    return _clamp(fsum(weighted) / total_weight)


def dimension_score(
    answers: Mapping[int, int | None], rules: Sequence[ItemRule], scale: Scale
) -> float | None:
    """One person's score for one dimension: the weighted mean of the items they answered."""
    return weighted_mean(
        (item_score(answers.get(rule.item_id), scale, reverse=rule.reverse_scored), rule.weight)
        for rule in rules
    )


def framework_score(dimension_scores: Iterable[float | None]) -> float | None:
    """The mean of the dimensions that have a score."""
    return weighted_mean((score, 1.0) for score in dimension_scores)


def band_for(score: float | None, bands: Sequence[Band]) -> Band | None:
    """The band whose range holds the score. Bands are matched on the rounded score, so what
    people read (a whole number) always agrees with the band shown beside it."""
    if score is None or not bands:
        return None
    shown = round_score(score)
    chosen = None
    for band in sorted(bands, key=lambda band: band.lower_bound):
        if shown >= band.lower_bound:
            chosen = band
    return chosen


def round_score(score: float) -> int:
    """Round half up to a whole number, as people expect (Python's round() rounds half to even)."""
    return int(score + 0.5)


# Group results, folded from counts of answers.


def item_mean_from_counts(
    value_counts: Mapping[int | None, int], scale: Scale, *, reverse: bool = False
) -> tuple[float | None, int]:
    """The mean 0–100 score of an item over many people and how many answered (N/A excluded)."""
    total = 0
    weighted = []
    for value, count in value_counts.items():
        if value is None or count == 0:
            continue
        weighted.append(item_score(value, scale, reverse=reverse) * count)
        total += count
    if total == 0:
        return None, 0
    return _clamp(fsum(weighted) / total), total


def spread(scores: Sequence[float]) -> float | None:
    """Population standard deviation of scores; None with fewer than two."""
    if len(scores) < 2:
        return None
    mean = fsum(scores) / len(scores)
    return sqrt(fsum((score - mean) ** 2 for score in scores) / len(scores))


def is_split(
    partner_means: Iterable[float | None],
    *,
    respondent_spread: float | None = None,
    gap_threshold: float = 25.0,
    spread_threshold: float = 25.0,
) -> bool:
    """A dimension is "split" when partners' means are more than the gap threshold apart, or
    when individual respondents' scores spread more than the spread threshold."""
    means = [mean for mean in partner_means if mean is not None]
    if len(means) >= 2 and max(means) - min(means) > gap_threshold:
        return True
    return respondent_spread is not None and respondent_spread > spread_threshold


def _clamp(score: float) -> float:
    # Floating-point sums can stray a hair outside the range.
    return min(100.0, max(0.0, score))
