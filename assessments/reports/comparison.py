"""Comparisons both the round report and the facilitator dashboard show: change since the
last round, the gap between partners and whether a dimension is "split", each group's score
cells and response rates. Public, so neither presenter reaches into the other's internals.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessments import scoring
from assessments.reports.grouping import Grouping
from assessments.reports.results import ScoreView

PARTNER_GAP_THRESHOLD = 25.0  # points between partners' means that mark a dimension "split"
SPREAD_THRESHOLD = 30.0  # standard deviation of individual answers that marks it "split"


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


def partner_gap_and_split(
    cells: tuple[ScoreView, ...], spread: float | None
) -> tuple[int | None, bool]:
    """The gap between the groups' scores and whether the dimension is "split". Compared as
    shown, so the gap people read is the difference of the numbers they see."""
    group_means = [cell.shown for cell in cells if cell.shown is not None]
    gap = max(group_means) - min(group_means) if len(group_means) >= 2 else None
    split = scoring.is_split(
        group_means,
        respondent_spread=spread,
        gap_threshold=PARTNER_GAP_THRESHOLD,
        spread_threshold=SPREAD_THRESHOLD,
    )
    return gap, split


def group_cells(
    by_group: dict, grouping: Grouping, dimension_id: int, bands
) -> tuple[ScoreView, ...]:
    return tuple(
        ScoreView.of(
            by_group[g.key].dimensions[dimension_id].score if g.key in by_group else None, bands
        )
        for g in grouping.groups
    )
