"""Reading a closed round's stored results (ADR 0031).

A closed round's figures are read only from ``RoundResult``, never counted again from
answers: one row per framework, whatever the number of respondents. Rounds that are not
closed have no stored results; their readers count answers (``selectors.live_counts``).

Production is strict: a closed round without stored results (which only a failed rebuild or
a hand-made row could produce, since closing and migration 0012 store them) raises
``ResultsNotStored`` rather than silently counting live answers, which could differ from
what was published. ``manage.py rebuild_results`` repairs it. The test suite swaps
``missing_results_handler`` (tests/conftest.py) so factories can build closed rounds and add
answers afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Exists, FilteredRelation, OuterRef, Q

from assessments.counts import CountRow
from assessments.models import Round, RoundResult, RoundStatus

Cell = tuple[int | None, str | None]  # (partner id, role); None stands for "not given"
_FIELDS = ("round_id", "framework_id", "respondents", "open_link_responses", "cells", "sizes")


class ResultsNotStored(RuntimeError):
    """A closed round has no stored results; run ``manage.py rebuild_results``."""


@dataclass(frozen=True)
class StoredResult:
    """One framework's stored counts in one closed round (shapes as ``live_counts``)."""

    round_id: int
    framework_id: int
    respondents: int
    open_link_responses: int
    cells: list[CountRow]  # group = (partner id or None, role or None)
    sizes: dict[Cell, int]  # submitted responses per (partner, role) cell


def refuse(*, round_ids: list[int]) -> None:
    raise ResultsNotStored(
        f"Closed round(s) {', '.join(map(str, round_ids))} have no stored results: "
        "run `manage.py rebuild_results`."
    )


# Called with the ids of closed rounds whose results are missing; may store them (tests).
missing_results_handler: Callable[..., None] = refuse


def _decode(row: tuple) -> StoredResult:
    round_id, framework_id, respondents, open_link, cells, sizes = row
    return StoredResult(
        round_id=round_id,
        framework_id=framework_id,
        respondents=respondents,
        open_link_responses=open_link,
        cells=[
            CountRow(item, (partner, role), value, count)
            for item, partner, role, value, count in cells
        ],
        sizes={(partner, role): count for partner, role, count in sizes},
    )


def decode(
    round_id: int, framework_id: int, respondents: int, open_link: int, cells: list, sizes: list
) -> StoredResult:
    """A ``StoredResult`` from a ``RoundResult`` row's columns, read by another query."""
    return _decode((round_id, framework_id, respondents, open_link, cells, sizes))


def _empty(round_id: int, framework_id: int) -> StoredResult:
    return StoredResult(round_id, framework_id, 0, 0, [], {})


def of_round(*, round_id: int, framework_id: int) -> StoredResult | None:
    """The stored result of a framework in a closed round; None if the round is not closed
    (its figures are not released). One query for a closed round with results.

    Raises ``ResultsNotStored`` (through ``missing_results_handler``) for a closed round
    without them. A framework the closed round did not use has no answers: empty figures.
    """
    found = RoundResult.objects.filter(round_id=round_id, framework_id=framework_id)
    row = found.values_list(*_FIELDS).first()
    if row is not None:
        return _decode(row)
    round_ = Round.objects.filter(pk=round_id).values_list("status", flat=True).first()
    if round_ != RoundStatus.CLOSED:
        return None
    if not RoundResult.objects.filter(round_id=round_id).exists():
        missing_results_handler(round_ids=[round_id])
        row = found.values_list(*_FIELDS).first()
    return _empty(round_id, framework_id) if row is None else _decode(row)


def of_rounds(
    *,
    round_ids: Iterable[int],
    framework_ids: Iterable[int] | None = None,
    with_cells: bool = True,
) -> tuple[dict[tuple[int, int], StoredResult], set[int]]:
    """The stored results of many rounds at once, keyed by (round, framework), and the ids of
    the given rounds that are not closed (which have none). One query (the rounds, each
    joined to its stored results). ``with_cells=False`` leaves ``cells`` empty (sizes only).

    Raises ``ResultsNotStored`` (through ``missing_results_handler``) if a closed round has
    no stored results.
    """
    round_ids = list(round_ids)
    framework_ids = None if framework_ids is None else list(framework_ids)
    results, not_closed, missing = _read(round_ids, framework_ids, with_cells)
    if missing:
        missing_results_handler(round_ids=sorted(missing))
        again, _, still = _read(sorted(missing), framework_ids, with_cells)
        if still:
            refuse(round_ids=sorted(still))
        results.update(again)
    return results, not_closed


def _read(
    round_ids: list[int], framework_ids: list[int] | None, with_cells: bool
) -> tuple[dict[tuple[int, int], StoredResult], set[int], set[int]]:
    """(results, rounds not closed, closed rounds without any stored result): one query, the
    rounds LEFT JOINed to their stored results for these frameworks."""
    condition = Q(results__isnull=False)
    if framework_ids is not None:
        condition &= Q(results__framework_id__in=framework_ids)
    fields = ["respondents", "open_link_responses", *(["cells"] if with_cells else []), "sizes"]
    rows = (
        Round.objects.filter(pk__in=round_ids)
        .annotate(
            stored=FilteredRelation("results", condition=condition),
            any_stored=Exists(RoundResult.objects.filter(round_id=OuterRef("pk"))),
        )
        .values_list(
            "pk", "status", "any_stored", "stored__framework_id", *(f"stored__{f}" for f in fields)
        )
        .order_by()
    )
    results: dict[tuple[int, int], StoredResult] = {}
    not_closed: set[int] = set()
    missing: set[int] = set()
    for pk, status, any_stored, framework_id, *values in rows:
        if status != RoundStatus.CLOSED:
            not_closed.add(pk)
        elif not any_stored:
            missing.add(pk)
        elif framework_id is not None:
            if not with_cells:
                values.insert(2, [])
            results[(pk, framework_id)] = _decode((pk, framework_id, *values))
    return results, not_closed, missing
