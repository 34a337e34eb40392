"""Reads for what a partnership agreed about its rounds: targets per dimension, agreed
positions from a consensus workshop, and when actions were completed. Keyed by framework
slug and dimension key, so a later framework version finds what was agreed on an earlier
one. One query each."""

from __future__ import annotations

from datetime import date

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


def completion_dates(partnership_id: int) -> list[date]:
    """The days the partnership's actions were done, oldest first."""
    return list(
        ActionItem.objects.filter(partnership_id=partnership_id, status=ActionStatus.DONE)
        .order_by("completed_on")
        .values_list("completed_on", flat=True)
    )
