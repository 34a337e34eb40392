"""Reads for what a partnership agreed about its rounds: targets per dimension, agreed
positions from a consensus workshop, and when actions were completed. Keyed by framework
slug and dimension key, so a later framework version finds what was agreed on an earlier
one. One query each (``round_plans``: the report's three reads in one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import CharField, Value

from assessments.models import ActionItem, ActionStatus, ConsensusRecord, DimensionTarget


def targets_of(round_id: int) -> dict[tuple[str, str], int]:
    """Targets set on a round (for the next one): (framework slug, dimension key) -> score."""
    rows = DimensionTarget.objects.filter(round_id=round_id).values_list(
        "dimension__framework__slug", "dimension__key", "score"
    )
    return {(slug, key): score for slug, key, score in rows}


def agreed_positions(round_id: int) -> dict[tuple[str, str], tuple[int, str]]:
    """A round's consensus workshop: (framework slug, dimension key) -> (score, rationale)."""
    rows = ConsensusRecord.objects.filter(round_id=round_id).values_list(
        "dimension__framework__slug", "dimension__key", "score", "rationale"
    )
    return {(slug, key): (score, rationale) for slug, key, score, rationale in rows}


@dataclass(frozen=True)
class RoundPlans:
    """What the report shows of plans for a round, keyed as ``targets_of`` and
    ``agreed_positions``: the targets set on it and on the round before it, and its
    consensus workshop's agreed positions."""

    targets: dict[tuple[str, str], int]
    agreed: dict[tuple[str, str], tuple[int, str]]
    previous_targets: dict[tuple[str, str], int]


_FIELDS = ("kind", "round_id", "dimension__framework__slug", "dimension__key", "score", "rationale")


def round_plans(round_id: int, previous_round_id: int | None = None) -> RoundPlans:
    """``targets_of`` both rounds and ``agreed_positions`` of ``round_id`` in one query (a
    UNION of the two tables)."""
    round_ids = [round_id] if previous_round_id is None else [round_id, previous_round_id]
    targets = (
        DimensionTarget.objects.filter(round_id__in=round_ids)
        .annotate(
            kind=Value("target", output_field=CharField()),
            rationale=Value("", output_field=CharField()),
        )
        .order_by()
        .values_list(*_FIELDS)
    )
    agreed = (
        ConsensusRecord.objects.filter(round_id=round_id)
        .annotate(kind=Value("agreed", output_field=CharField()))
        .order_by()
        .values_list(*_FIELDS)
    )
    found = RoundPlans({}, {}, {})
    for kind, found_round, slug, key, score, rationale in targets.union(agreed, all=True):
        if kind == "agreed":
            found.agreed[(slug, key)] = (score, rationale)
        elif found_round == round_id:
            found.targets[(slug, key)] = score
        else:
            found.previous_targets[(slug, key)] = score
    return found


def completion_dates(partnership_id: int) -> list[date]:
    """The days the partnership's actions were done, oldest first."""
    return list(
        ActionItem.objects.filter(partnership_id=partnership_id, status=ActionStatus.DONE)
        .order_by("completed_on")
        .values_list("completed_on", flat=True)
    )
