"""Counts of submitted answers: the one GROUP BY every report is folded from."""

from __future__ import annotations

from django.db.models import Count

from assessments.models import Answer, Response, ResponseStatus
from assessments.reports.fold import CountRow
from frameworks.models import ResponseType


def answer_count_rows(
    *, round_id: int, framework_id: int, response_id: int | None = None
) -> list[CountRow]:
    """How many submitted answers each (item, partner, value) has in a round's framework.

    With ``response_id``, the answers of that one response, submitted or not (a person's own
    result, or a preview while answering).
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
    grouped = (
        answers.values("item_id", "response__partner_id", "value")
        .annotate(count=Count("id"))
        .order_by()
    )
    return [
        CountRow(
            item_id=row["item_id"],
            partner_id=row["response__partner_id"],
            value=row["value"],
            count=row["count"],
        )
        for row in grouped
    ]


def respondents_by_partner(*, round_id: int, framework_id: int) -> dict[int | None, int]:
    """Submitted responses per partner organisation."""
    rows = (
        Response.objects.filter(
            round_id=round_id, framework_id=framework_id, status=ResponseStatus.SUBMITTED
        )
        .values("partner_id")
        .annotate(count=Count("id"))
        .order_by()
    )
    return {row["partner_id"]: row["count"] for row in rows}
