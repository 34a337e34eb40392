"""Presenter for a consensus workshop on a closed round's report: the agenda, split
dimensions and biggest disagreements first, each with its published figures (the score,
each reporting group's score, the gap and the spread), the framework's guidance and advice,
the position already agreed and the actions raised for it.

Built only from ``RoundReport`` (``build_round_report``), so it shows nothing the report
does not publish (disclosure control: ``reports.published``). Pure: no queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessments.reports.comparison import points
from assessments.reports.grouping import Group
from assessments.reports.report_rows import ActionRow, DimensionRow, RoundReport
from assessments.reports.results import ScoreView


@dataclass(frozen=True)
class AgendaItem:
    number: int
    row: DimensionRow
    why: str  # why it is on the agenda, or "" for the rest
    groups: tuple[tuple[Group, ScoreView], ...]  # each published group with its score
    actions: tuple[ActionRow, ...]  # raised after this round for this dimension

    @property
    def discuss_first(self) -> bool:
        return bool(self.why)


@dataclass(frozen=True)
class Workshop:
    report: RoundReport
    items: tuple[AgendaItem, ...]

    @property
    def first(self) -> tuple[AgendaItem, ...]:
        return tuple(i for i in self.items if i.discuss_first)

    @property
    def rest(self) -> tuple[AgendaItem, ...]:
        return tuple(i for i in self.items if not i.discuss_first)

    @property
    def agreed(self) -> int:
        return sum(1 for i in self.items if i.row.plan and i.row.plan.agreed)


def _why(row: DimensionRow, disagreement_keys: set[str]) -> str:
    reasons = []
    if row.partners_differ:
        reasons.append(f"partners differ by {points(row.gap)}")
    elif row.key in disagreement_keys and row.gap:
        reasons.append(f"one of the biggest gaps between partners ({points(row.gap)})")
    if row.answers_spread:
        reasons.append(f"individual answers spread widely ({points(row.spread)})")
    return "; ".join(reasons).capitalize()


def build_workshop(report: RoundReport) -> Workshop:
    """The agenda: dimensions to discuss first (split, or among the biggest disagreements),
    the widest gap first, then the rest in the framework's order, each with the actions
    raised after this round for it."""
    actions_by_key: dict[str, tuple[ActionRow, ...]] = {}
    for a in report.actions:
        if a.raised_in_id == report.round.pk and a.framework_slug == report.framework.slug:
            actions_by_key[a.dimension_key] = (*actions_by_key.get(a.dimension_key, ()), a)
    disagreement_keys = {d.key for d in report.disagreements}
    scored = [d for d in report.dimensions if d.score.has_score]
    first = sorted(
        (d for d in scored if _why(d, disagreement_keys)),
        key=lambda d: (-(d.gap or 0), -(d.spread or 0), d.title),
    )
    rest = [d for d in scored if d not in first]
    items = tuple(
        AgendaItem(
            number=n,
            row=row,
            why=_why(row, disagreement_keys),
            groups=tuple(zip(report.groups.groups, row.cells, strict=True)),
            actions=actions_by_key.get(row.key, ()),
        )
        for n, row in enumerate([*first, *rest], start=1)
    )
    return Workshop(report=report, items=items)
