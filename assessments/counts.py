"""The row shape between the database and the pure fold (pure core, ADR 0020).

Selectors read answers as one GROUP BY and yield ``CountRow``s; ``reports.fold`` folds them
into scores. Defining the shape here, below both, keeps selectors from importing the
reports package (which imports selectors).
"""

from __future__ import annotations

from typing import NamedTuple


class CountRow(NamedTuple):
    """How many people gave ``value`` (a scale point, or None for not applicable) to item
    ``item_id``, within ``group`` (a partner id or respondent role, or a (partner, role)
    cell; None when not given). A named tuple: bulk reads make hundreds of thousands."""

    item_id: int
    group: int | str | None
    value: int | None
    count: int
