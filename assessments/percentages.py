"""Whole-number percentages that add up to exactly 100. Pure: no Django, no database.

Rounding each share on its own can show 12, 4 and 1 of 17 as 71%, 24% and 6% (101%).
Every page, PDF, workbook and CSV shows a distribution's percentages through
``largest_remainder`` instead (the Hare–Niemeyer method): each share is rounded down,
then the points still missing go, one each, to the shares with the largest remainders.
Ties go to the earlier category, so the result is stable for the same counts.
"""

from __future__ import annotations

from collections.abc import Sequence


def largest_remainder(counts: Sequence[int], total: int = 100) -> list[int]:
    """Split ``total`` (default 100 per cent) in proportion to ``counts``.

    Returns one whole number per count, in the same order, adding up to exactly ``total``;
    all zeros when every count is zero (nothing to share). A zero count always gets 0, and
    no share is ever more than one point away from its exact value.

    Raises ValueError for a negative count or total.
    """
    if total < 0 or any(count < 0 for count in counts):
        raise ValueError("counts and total must not be negative")
    whole = sum(counts)
    if whole == 0:
        return [0] * len(counts)
    # Integer arithmetic throughout: floor and remainder of count * total / whole.
    floors = [count * total // whole for count in counts]
    remainders = [count * total % whole for count in counts]
    missing = total - sum(floors)
    by_remainder = sorted(range(len(counts)), key=lambda i: (-remainders[i], i))
    for index in by_remainder[:missing]:
        floors[index] += 1
    return floors
