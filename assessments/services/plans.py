"""Writes for what a partnership agrees about a closed round: the target score for each
dimension by the next round, and the position agreed at a consensus workshop.

Keyword-only, an explicit ``actor`` (None only for trusted callers such as the demo seed),
one transaction with the round's row locked. Refusals: ``PermissionDenied`` without
SET_TARGETS or RECORD_CONSENSUS (``partnership_site.roles``); ``NotAllowedNow`` unless the
round is closed (targets and agreed positions answer its published report);
``InvalidInput`` for a score outside 0–100 (the report's scale) or a missing rationale.
"""

from __future__ import annotations

from django.db import transaction

from assessments.errors import InvalidInput, NotAllowedNow
from assessments.models import ConsensusRecord, DimensionTarget, Round, RoundStatus
from assessments.models.targets import SCORE_MAX
from assessments.services._checks import require
from frameworks.models import Dimension
from partnership_site.roles import Permission

RATIONALE_MAX = 500


def _locked_closed(round_: Round) -> Round:
    locked = Round.objects.select_for_update().select_related("partnership").get(pk=round_.pk)
    if locked.status != RoundStatus.CLOSED:
        raise NotAllowedNow("Targets and agreed positions are set once a round has closed.")
    return locked


def _check_dimension(round_: Round, dimension: Dimension) -> None:
    if not round_.round_frameworks.filter(framework_id=dimension.framework_id).exists():
        raise InvalidInput("That dimension is not part of this round.")


def _score_error(score) -> str:
    if not isinstance(score, int) or not 0 <= score <= SCORE_MAX:
        return f"Enter a whole number from 0 to {SCORE_MAX}"
    return ""


@transaction.atomic
def set_targets(
    *, actor, round_: Round, targets: dict[Dimension, int | None]
) -> list[DimensionTarget]:
    """Set (or, with None, clear) the target score of each given dimension, all or none:
    one bad score refuses the lot, naming its field ``target_<dimension id>``."""
    require(actor, Permission.SET_TARGETS, round_.partnership)
    locked = _locked_closed(round_)
    errors = {
        f"target_{d.pk}": _score_error(score)
        for d, score in targets.items()
        if score is not None and _score_error(score)
    }
    if errors:
        raise InvalidInput(errors)
    saved = []
    for dimension, score in targets.items():
        _check_dimension(locked, dimension)
        if score is None:
            DimensionTarget.objects.filter(round=locked, dimension=dimension).delete()
            continue
        target, _ = DimensionTarget.objects.update_or_create(
            round=locked, dimension=dimension, defaults={"score": score, "set_by": actor}
        )
        saved.append(target)
    return saved


@transaction.atomic
def record_consensus(
    *, actor, round_: Round, dimension: Dimension, score: int, rationale: str
) -> ConsensusRecord:
    """Record (or change) the position partners agreed for one dimension of a closed round."""
    require(actor, Permission.RECORD_CONSENSUS, round_.partnership)
    locked = _locked_closed(round_)
    _check_dimension(locked, dimension)
    rationale = rationale.strip()
    errors = {}
    if _score_error(score):
        errors["score"] = _score_error(score)
    if not rationale:
        errors["rationale"] = "Enter why partners agreed this position"
    elif len(rationale) > RATIONALE_MAX:
        errors["rationale"] = f"The rationale must be {RATIONALE_MAX} characters or fewer"
    if errors:
        raise InvalidInput(errors)
    record, _ = ConsensusRecord.objects.update_or_create(
        round=locked,
        dimension=dimension,
        defaults={"score": score, "rationale": rationale, "recorded_by": actor},
    )
    return record
