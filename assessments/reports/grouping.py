"""Anonymity: which groups of respondents a report may show. Pure: no database.

Every group with fewer responses than the round's threshold is hidden. Small partners are
merged into one "Other partners" group; if that group is still too small, the next smallest
partner joins it, until it reaches the threshold. So no hidden partner's figures can be
worked out by subtracting the shown groups from the overall figure: what remains is always
a group of at least the threshold.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

OTHER_KEY = "__merged__"  # never a partner id or a role value


@dataclass(frozen=True)
class Group:
    key: Hashable  # a partner id (or role), or OTHER_KEY for the merged group
    label: str
    members: frozenset  # the partner ids (or roles) whose responses it holds
    respondents: int

    @property
    def is_merged(self) -> bool:
        return self.key == OTHER_KEY


@dataclass(frozen=True)
class Grouping:
    groups: tuple[Group, ...]
    threshold: int
    total: int
    merged_labels: tuple[str, ...]  # names of the partners folded into the merged group

    @property
    def suppressed(self) -> bool:
        """True when even everyone together is fewer than the threshold."""
        return self.total < self.threshold

    def group_of(self, member) -> Group | None:
        for group in self.groups:
            if member in group.members:
                return group
        return None


def reporting_groups(
    sizes: Mapping[Hashable, int],
    labels: Mapping[Hashable, str],
    *,
    threshold: int,
    other_label: str = "Other partners",
    merge: frozenset = frozenset(),
) -> Grouping:
    """Split respondents into groups that are each at least ``threshold`` strong.

    ``merge`` names members that must go into the merged group whatever their size (the
    disclosure check in ``disclosure.py`` uses it to combine groups further).
    """
    present = {member: n for member, n in sizes.items() if n > 0}
    total = sum(present.values())
    if total < threshold:
        return Grouping(groups=(), threshold=threshold, total=total, merged_labels=())

    def order(member):
        # Smallest first; ties by the member's id, never its name: a name can be changed
        # after a round closes, and a different tie-break would change which partners are
        # merged, so the old and new figures could be subtracted (ADR 0010).
        return (present[member], member is None, type(member).__name__, str(member).zfill(20))

    shown = sorted((m for m in present if present[m] >= threshold and m not in merge), key=order)
    merged = [m for m in present if present[m] < threshold or m in merge]
    while merged and sum(present[m] for m in merged) < threshold:
        merged.append(shown.pop(0))

    groups = [
        Group(key=m, label=labels.get(m, str(m)), members=frozenset({m}), respondents=present[m])
        for m in sorted(shown, key=lambda m: labels.get(m, str(m)))
    ]
    if merged:
        groups.append(
            Group(
                key=OTHER_KEY,
                label=other_label,
                members=frozenset(merged),
                respondents=sum(present[m] for m in merged),
            )
        )
    return Grouping(
        groups=tuple(groups),
        threshold=threshold,
        total=total,
        merged_labels=tuple(sorted(labels.get(m, str(m)) for m in merged)),
    )
