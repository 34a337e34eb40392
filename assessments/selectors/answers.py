"""Counts of submitted answers: the one GROUP BY every report is folded from."""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from django.db.models import Count

from assessments.counts import CountRow
from assessments.models import Answer, Response, ResponseStatus
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
    grouped = (
        Answer.objects.filter(
            response__round_id__in=round_ids,
            response__framework_id__in=framework_ids,
            response__status=ResponseStatus.SUBMITTED,
            item__response_type=ResponseType.SCALE,
        )
        .values("response__round_id", "item_id", "value")
        .annotate(count=Count("id"))
        .order_by()
    )
    rows: dict[int, list[CountRow]] = defaultdict(list)
    for row in grouped:
        rows[row["response__round_id"]].append(
            CountRow(item_id=row["item_id"], group=None, value=row["value"], count=row["count"])
        )
    return rows


def respondents_by_group(
    *, round_id: int, framework_id: int, group_by: GroupBy = "partner"
) -> dict[int | str | None, int]:
    """Submitted responses per partner organisation (or per role)."""
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
    """How many submitted answers each (item, partner, role, value) has: one GROUP BY from
    which the report derives its partner and role counts and the disclosure check its
    raters per cell. ``group`` is (partner id or None, role or None)."""
    grouped = (
        Answer.objects.filter(
            response__round_id=round_id,
            response__framework_id=framework_id,
            response__status=ResponseStatus.SUBMITTED,
            item__response_type=ResponseType.SCALE,
        )
        .values("item_id", "response__partner_id", "response__respondent_role", "value")
        .annotate(count=Count("id"))
        .order_by()
    )
    return [
        CountRow(
            item_id=row["item_id"],
            group=(row["response__partner_id"], row["response__respondent_role"] or None),
            value=row["value"],
            count=row["count"],
        )
        for row in grouped
    ]


def respondents_by_cell(
    *, round_id: int, framework_id: int
) -> dict[tuple[int | None, str | None], int]:
    """Submitted responses per (partner organisation, role): the cells the disclosure check
    (``reports.disclosure``) works on. None stands for "not given"."""
    rows = (
        Response.objects.filter(
            round_id=round_id, framework_id=framework_id, status=ResponseStatus.SUBMITTED
        )
        .values("partner_id", "respondent_role")
        .annotate(count=Count("id"))
        .order_by()
    )
    cells: dict[tuple[int | None, str | None], int] = defaultdict(int)
    for row in rows:
        cells[(row["partner_id"], row["respondent_role"] or None)] += row["count"]
    return dict(cells)


def open_link_responses(*, round_id: int, framework_id: int) -> int:
    """Submitted responses that came through the round's shared invitation link (guests
    without a personal link): readers should know how many answers nobody vouched for."""
    return Response.objects.filter(
        round_id=round_id,
        framework_id=framework_id,
        status=ResponseStatus.SUBMITTED,
        respondent__isnull=True,
        invitation__isnull=True,
    ).count()


def respondents_by_round(*, round_ids: list[int], framework_ids: list[int]) -> dict[int, int]:
    rows = (
        Response.objects.filter(
            round_id__in=round_ids,
            framework_id__in=framework_ids,
            status=ResponseStatus.SUBMITTED,
        )
        .values("round_id")
        .annotate(count=Count("id"))
        .order_by()
    )
    return {row["round_id"]: row["count"] for row in rows}


def comments(*, round_id: int, framework_id: int) -> list[dict]:
    """Submitted comments and written answers, with the dimension and partner they belong to.

    Sorted by text, so comments cannot be linked to each other by the order people answered.
    """
    answers = (
        Answer.objects.filter(
            response__round_id=round_id,
            response__framework_id=framework_id,
            response__status=ResponseStatus.SUBMITTED,
        )
        .exclude(comment="", text="")
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
    rows.sort(key=lambda row: row["text"].lower())
    return rows
