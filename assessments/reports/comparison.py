"""Comparisons both the round report and the facilitator dashboard show: change since the
last round, the gap between partners and whether a dimension is "split", each group's score
cells and response rates. Public, so neither presenter reaches into the other's internals.
Pure: no database (the pure core, ADR 0020), so the summaries stored at close use it too.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessments import scoring
from assessments.reports.grouping import Grouping
from assessments.reports.score_view import ScoreView

PARTNER_GAP_THRESHOLD = 25.0  # points between partners' means that mark a dimension "split"
SPREAD_THRESHOLD = 30.0  # standard deviation of individual answers that marks it "split"


def points(n: int) -> str:
    """A whole number of points in words: "1 point", "0 points", "26 points"."""
    return f"{n} point" if n == 1 else f"{n} points"


@dataclass(frozen=True)
class Change:
    points: int | None

    @property
    def direction(self) -> str:
        if self.points is None:
            return "none"
        return "up" if self.points > 0 else "down" if self.points < 0 else "same"

    @property
    def text(self) -> str:
        if self.points is None:
            return "No earlier figure"
        if self.points == 0:
            return "No change"
        return f"{'Up' if self.points > 0 else 'Down'} {abs(self.points)}"


def change_between(now: ScoreView, before: ScoreView | None) -> Change:
    if before is None or now.shown is None or before.shown is None:
        return Change(None)
    return Change(now.shown - before.shown)


@dataclass(frozen=True)
class ResponseRateRow:
    partner: str
    responses: int
    invited: int | None  # people the manager says were asked to answer
    members: int  # registered members of the partnership from this organisation

    @property
    def denominator(self) -> int | None:
        """People asked to answer if the manager recorded it, else registered members
        (only when that is a sensible base, as guests answer too)."""
        if self.invited:
            return self.invited
        return self.members if self.members and self.members >= self.responses else None

    @property
    def rate(self) -> int | None:
        if not self.denominator:
            return None
        return scoring.round_score(100 * self.responses / self.denominator)


def overall_rate(rows, respondents: int) -> tuple[int | None, int | None]:
    """(base, rate) of a whole questionnaire: ``respondents`` (everyone who submitted it,
    with or without an organisation) against the sum of the partners' ``denominator``s,
    rounded half up to a whole per cent. (None, None) when there is no partner or a partner
    has no base. ``rows``: ``ResponseRateRow``s. The report's, the stored summary's
    (ADR 0039) and the dashboard's rule."""
    bases = [row.denominator for row in rows]
    if not bases or None in bases:
        return None, None
    base = sum(bases)
    return base, scoring.round_score(100 * respondents / base)


@dataclass(frozen=True)
class Disagreement:
    """Why a dimension is "split", with the two reasons kept apart so each can be named
    honestly: ``partners_differ`` when the shown partner groups' scores are more than
    ``PARTNER_GAP_THRESHOLD`` points apart; ``answers_spread`` when individual answers vary
    by more than ``SPREAD_THRESHOLD`` points (standard deviation). ``gap`` is in points, None
    with fewer than two groups to compare."""

    gap: int | None
    partners_differ: bool
    answers_spread: bool

    @property
    def split(self) -> bool:
        return self.partners_differ or self.answers_spread


def disagreement(cells: tuple[ScoreView, ...], spread: float | None) -> Disagreement:
    """The gap between the groups' scores and each reason for a split, compared as shown so
    the gap people read is the difference of the numbers they see. The two reasons together
    are ``scoring.is_split``."""
    group_means = [cell.shown for cell in cells if cell.shown is not None]
    gap = max(group_means) - min(group_means) if len(group_means) >= 2 else None
    partners_differ = scoring.is_split(group_means, gap_threshold=PARTNER_GAP_THRESHOLD)
    answers_spread = scoring.is_split(
        [], respondent_spread=spread, spread_threshold=SPREAD_THRESHOLD
    )
    return Disagreement(gap, partners_differ, answers_spread)


def partner_gap_and_split(
    cells: tuple[ScoreView, ...], spread: float | None
) -> tuple[int | None, bool]:
    """The gap between the groups' scores and whether the dimension is "split" for either
    reason (``disagreement``)."""
    found = disagreement(cells, spread)
    return found.gap, found.split


def group_cells(
    by_group: dict, grouping: Grouping, dimension_id: int, bands
) -> tuple[ScoreView, ...]:
    return tuple(
        ScoreView.of(
            by_group[g.key].dimensions[dimension_id].score if g.key in by_group else None, bands
        )
        for g in grouping.groups
    )
