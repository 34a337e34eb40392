"""Counts read from submitted answers: the GROUP BYs stored results are computed from.

Only two kinds of caller read these directly: ``services.results`` (computing a round's
results when it closes, or rebuilding them) and the readers of rounds that are not closed
(a person's own result, the dashboard's response counts of an open round). Every reader of
a closed round's figures goes through ``selectors.stored_results`` instead (ADR 0031).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count

from assessments.counts import CountRow
from assessments.models import Answer, Response, ResponseStatus
from frameworks.models import ResponseType

Cell = tuple[int | None, str | None]  # (partner id, role); None stands for "not given"


def answer_count_cells(*, round_id: int, framework_id: int) -> list[CountRow]:
    """How many submitted answers each (item, partner, role, value) has, scale items only.
    ``group`` is (partner id or None, role or None)."""
    grouped = (
        Answer.objects.filter(
            response__round_id=round_id,
            response__framework_id=framework_id,
            response__status=ResponseStatus.SUBMITTED,
            item__response_type=ResponseType.SCALE,
        )
        .values_list("item_id", "response__partner_id", "response__respondent_role", "value")
        .annotate(count=Count("id"))
        .order_by("item_id", "response__partner_id", "response__respondent_role", "value")
    )
    return [
        CountRow(item_id, (partner_id, role or None), value, count)
        for item_id, partner_id, role, value, count in grouped
    ]


def respondents_by_cell(*, round_id: int, framework_id: int) -> dict[Cell, int]:
    """Submitted responses per (partner organisation, role) cell."""
    return respondents_by_cell_of_rounds(round_ids=[round_id], framework_ids=[framework_id]).get(
        (round_id, framework_id), {}
    )


def respondents_by_cell_of_rounds(
    *, round_ids: Iterable[int], framework_ids: Iterable[int] | None = None
) -> dict[tuple[int, int], dict[Cell, int]]:
    """Submitted responses per (partner, role) cell, keyed by (round, framework). One query."""
    responses = Response.objects.filter(
        round_id__in=list(round_ids), status=ResponseStatus.SUBMITTED
    )
    if framework_ids is not None:
        responses = responses.filter(framework_id__in=list(framework_ids))
    rows = (
        responses.values_list("round_id", "framework_id", "partner_id", "respondent_role")
        .annotate(count=Count("id"))
        .order_by()
    )
    sizes: dict[tuple[int, int], dict[Cell, int]] = defaultdict(lambda: defaultdict(int))
    for round_id, framework_id, partner_id, role, count in rows:
        sizes[(round_id, framework_id)][(partner_id, role or None)] += count
    return {key: dict(cells) for key, cells in sizes.items()}


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
