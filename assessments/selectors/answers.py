"""Counts of submitted answers, the figures every report is folded from.

A closed round's figures come only from its stored results (``selectors.stored_results``,
ADR 0031): one row per framework, whatever the number of respondents. A round that is not
closed (a person's own result, or an open round's response counts) is counted from answers.
The shapes are the same either way, so presenters cannot tell where figures came from.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Literal

from django.db.models import Count

from assessments.counts import CountRow
from assessments.models import Answer, Response, ResponseStatus
from assessments.selectors import live_counts, stored_results
from frameworks.models import ResponseType

GroupBy = Literal["partner", "role"]
_GROUP_FIELDS = {"partner": "response__partner_id", "role": "response__respondent_role"}


def answer_count_rows(
    *,
    round_id: int,
    framework_id: int,
    response_id: int | None = None,
    group_by: GroupBy = "partner",
) -> list[CountRow]:
    """How many submitted answers each (item, group, value) has in a round's framework.

    The group is the respondent's partner organisation, or their role. With ``response_id``,
    the answers of that one response, submitted or not (a person's own result).
    """
    if response_id is None:
        stored = stored_results.of_round(round_id=round_id, framework_id=framework_id)
        if stored is not None:
            return _fold_cells(stored.cells, group_by)
    answers = Answer.objects.filter(
        response__round_id=round_id,
        response__framework_id=framework_id,
        item__response_type=ResponseType.SCALE,
    )
    if response_id is None:
        answers = answers.filter(response__status=ResponseStatus.SUBMITTED)
    else:
        answers = answers.filter(response_id=response_id)
    group_field = _GROUP_FIELDS[group_by]
    grouped = answers.values("item_id", group_field, "value").annotate(count=Count("id")).order_by()
    return [
        CountRow(
            item_id=row["item_id"],
            group=row[group_field] or None,
            value=row["value"],
            count=row["count"],
        )
        for row in grouped
    ]


def answer_count_rows_by_round(
    *, round_ids: list[int], framework_ids: list[int]
) -> dict[int, list[CountRow]]:
    """Submitted answer counts for several rounds at once (for trends), keyed by round."""
    stored, not_closed = stored_results.of_rounds(round_ids=round_ids, framework_ids=framework_ids)
    rows: dict[int, list[CountRow]] = defaultdict(list)
    for (round_id, _framework_id), result in stored.items():
        rows[round_id].extend(_fold_cells(result.cells, None))
    if not not_closed:
        return rows
    grouped = (
        Answer.objects.filter(
            response__round_id__in=sorted(not_closed),
            response__framework_id__in=framework_ids,
            response__status=ResponseStatus.SUBMITTED,
            item__response_type=ResponseType.SCALE,
        )
        .values("response__round_id", "item_id", "value")
        .annotate(count=Count("id"))
        .order_by()
    )
    for row in grouped:
        rows[row["response__round_id"]].append(
            CountRow(item_id=row["item_id"], group=None, value=row["value"], count=row["count"])
        )
    return rows


def respondents_by_group(
    *, round_id: int, framework_id: int, group_by: GroupBy = "partner"
) -> dict[int | str | None, int]:
    """Submitted responses per partner organisation (or per role)."""
    stored = stored_results.of_round(round_id=round_id, framework_id=framework_id)
    if stored is not None:
        index = 0 if group_by == "partner" else 1
        sizes: Counter = Counter()
        for cell, count in stored.sizes.items():
            sizes[cell[index]] += count
        return dict(sizes)
    field = _GROUP_FIELDS[group_by].removeprefix("response__")
    rows = (
        Response.objects.filter(
            round_id=round_id, framework_id=framework_id, status=ResponseStatus.SUBMITTED
        )
        .values(field)
        .annotate(count=Count("id"))
        .order_by()
    )
    return {row[field] or None: row["count"] for row in rows}


def answer_count_cells(*, round_id: int, framework_id: int) -> list[CountRow]:
    """How many submitted answers each (item, partner, role, value) has: the counts from
    which the report derives its partner and role counts and the disclosure check its
    raters per cell. ``group`` is (partner id or None, role or None)."""
    stored = stored_results.of_round(round_id=round_id, framework_id=framework_id)
    if stored is not None:
        return stored.cells
    return live_counts.answer_count_cells(round_id=round_id, framework_id=framework_id)


def respondents_by_cell(
    *, round_id: int, framework_id: int
) -> dict[tuple[int | None, str | None], int]:
    """Submitted responses per (partner organisation, role): the cells the disclosure check
    (``reports.disclosure``) works on. None stands for "not given"."""
    stored = stored_results.of_round(round_id=round_id, framework_id=framework_id)
    if stored is not None:
        return dict(stored.sizes)
    return live_counts.respondents_by_cell(round_id=round_id, framework_id=framework_id)


@dataclass(frozen=True)
class RoundCounts:
    """Everything the report folds for one framework in one round, read together: ``cells``
    as ``answer_count_cells``, ``sizes`` as ``respondents_by_cell`` and
    ``open_link_responses`` as ``open_link_responses``."""

    cells: list[CountRow]
    sizes: dict[tuple[int | None, str | None], int]
    open_link_responses: int

    def by_partner(self) -> list[CountRow]:
        """``cells`` summed to (item, partner, value): ``answer_count_rows``' shape."""
        return _fold_cells(self.cells, "partner")

    @classmethod
    def of(cls, stored: stored_results.StoredResult) -> RoundCounts:
        """A closed round's counts from its stored result."""
        return cls(stored.cells, dict(stored.sizes), stored.open_link_responses)


def round_counts(*, round_id: int, framework_id: int) -> RoundCounts:
    """A framework's counts in a round: one query for a closed round (its stored result,
    whatever the number of respondents), three counted from answers otherwise. Raises
    ``ResultsNotStored`` as ``stored_results.of_round`` does."""
    stored = stored_results.of_round(round_id=round_id, framework_id=framework_id)
    if stored is not None:
        return RoundCounts.of(stored)
    return RoundCounts(
        live_counts.answer_count_cells(round_id=round_id, framework_id=framework_id),
        live_counts.respondents_by_cell(round_id=round_id, framework_id=framework_id),
        live_counts.open_link_responses(round_id=round_id, framework_id=framework_id),
    )


def open_link_responses(*, round_id: int, framework_id: int) -> int:
    """Submitted responses that came through the round's shared invitation link (guests
    without a personal link): readers should know how many answers nobody vouched for."""
    stored = stored_results.of_round(round_id=round_id, framework_id=framework_id)
    if stored is not None:
        return stored.open_link_responses
    return live_counts.open_link_responses(round_id=round_id, framework_id=framework_id)


def respondents_by_round(*, round_ids: list[int], framework_ids: list[int]) -> dict[int, int]:
    """Submitted responses per round to any of these frameworks."""
    stored, not_closed = stored_results.of_rounds(
        round_ids=round_ids, framework_ids=framework_ids, with_cells=False
    )
    counts: Counter = Counter()
    for (round_id, _framework_id), result in stored.items():
        counts[round_id] += result.respondents
    if not not_closed:
        return dict(counts)
    rows = (
        Response.objects.filter(
            round_id__in=sorted(not_closed),
            framework_id__in=framework_ids,
            status=ResponseStatus.SUBMITTED,
        )
        .values("round_id")
        .annotate(count=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["round_id"]] += row["count"]
    return dict(counts)


def _fold_cells(cells: list[CountRow], group_by: GroupBy | None) -> list[CountRow]:
    """Cell counts summed to (item, partner, value), (item, role, value) or (item, value)."""
    index = {"partner": 0, "role": 1, None: None}[group_by]
    folded: Counter = Counter()
    for item_id, cell, value, count in cells:
        folded[(item_id, None if index is None else cell[index], value)] += count
    return [
        CountRow(item_id, group, value, count) for (item_id, group, value), count in folded.items()
    ]


def comments(*, round_id: int, framework_id: int) -> list[dict]:
    """Submitted comments and written answers, with the dimension and partner they belong to.

    Sorted by text (ties by the words' case, dimension, item and partner), so comments cannot
    be linked to each other by the order people answered.
    """
    answers = (
        Answer.objects.filter(
            response__round_id=round_id,
            response__framework_id=framework_id,
            response__status=ResponseStatus.SUBMITTED,
        )
        .exclude(comment="", text="")
        # No ORDER BY: they are sorted by text below, and Answer's default ordering would
        # join six more tables to sort them by partnership, round and framework first.
        .order_by()
        .values("item__dimension_id", "item_id", "response__partner_id", "comment", "text")
    )
    rows = []
    for answer in answers:
        for text in (answer["comment"], answer["text"]):
            if text:
                rows.append(
                    {
                        "dimension_id": answer["item__dimension_id"],
                        "item_id": answer["item_id"],
                        "partner_id": answer["response__partner_id"],
                        "text": text,
                    }
                )
    # Ties broken by what the row says, never by when it was written: the query has no
    # ORDER BY, and the table's own order follows the order people answered in.
    rows.sort(
        key=lambda row: (
            row["text"].lower(),
            row["text"],
            row["dimension_id"],
            row["item_id"],
            row["partner_id"] or 0,
        )
    )
    return rows
