"""The spiral, dimension by dimension: the target set on this round for the next, the
position agreed at this round's consensus workshop, and, from the previous round, the
target and whether this round met it and the actions raised for the dimension with their
status. Pure: works on what ``assessments.selectors.plans`` and ``.actions`` read.

Matched by framework slug and dimension key, so a new framework version keeps what was
agreed on an earlier one. A target is met when the score shown reaches it (both are whole
numbers on 0–100); with no published score there is no verdict (None).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assessments.reports.report_rows import ActionRow, DimensionRow


@dataclass(frozen=True)
class Agreed:
    score: int
    rationale: str


@dataclass(frozen=True)
class DimensionPlan:
    target: int | None = None  # set on this round, for the next
    agreed: Agreed | None = None  # this round's consensus workshop
    previous_target: int | None = None  # set on the previous round, for this one
    target_met: bool | None = None
    actions: tuple[ActionRow, ...] = ()  # raised for it after the previous round

    @property
    def empty(self) -> bool:
        return self == DimensionPlan()


def target_met(shown: int | None, target: int | None) -> bool | None:
    if shown is None or target is None:
        return None
    return shown >= target


def attach(
    dimensions: tuple[DimensionRow, ...],
    *,
    slug: str,
    targets: dict[tuple[str, str], int],
    agreed: dict[tuple[str, str], tuple[int, str]],
    previous_targets: dict[tuple[str, str], int],
    previous_actions: list[tuple[tuple[str, str], ActionRow]],
) -> tuple[DimensionRow, ...]:
    """Each row with its ``plan``. ``previous_actions`` are (slug, key) and the action's row,
    for the actions raised after the previous round."""
    rows = []
    for d in dimensions:
        key = (slug, d.key)
        previous_target = previous_targets.get(key)
        position = agreed.get(key)
        plan = DimensionPlan(
            target=targets.get(key),
            agreed=Agreed(*position) if position else None,
            previous_target=previous_target,
            target_met=target_met(d.score.shown, previous_target),
            actions=tuple(row for k, row in previous_actions if k == key),
        )
        rows.append(replace(d, plan=plan))
    return tuple(rows)
