"""Presenter for a person's own result: their score per dimension, band and guidance."""

from __future__ import annotations

from dataclasses import dataclass

from assessments.models import Response
from assessments.reports.fold import fold
from assessments.reports.score_view import ScoreView
from assessments.reports.structure import framework_spec
from assessments.selectors.answers import answer_count_rows

__all__ = ["DimensionResult", "PersonalResult", "ScoreView", "personal_result"]


@dataclass(frozen=True)
class DimensionResult:
    id: int
    title: str
    description: str
    guidance: str
    local_context: bool
    score: ScoreView
    advice: str
    answered: int
    not_applicable: int


@dataclass(frozen=True)
class PersonalResult:
    framework_title: str
    overall: ScoreView
    dimensions: tuple[DimensionResult, ...]

    @property
    def shared_dimensions(self) -> tuple[DimensionResult, ...]:
        return tuple(d for d in self.dimensions if not d.local_context)

    @property
    def local_dimensions(self) -> tuple[DimensionResult, ...]:
        return tuple(d for d in self.dimensions if d.local_context)


def personal_result(response: Response) -> PersonalResult:
    """One response's scores, folded by the same code as the partnership report."""
    spec = framework_spec(response.framework)
    scores = fold(
        spec,
        answer_count_rows(
            round_id=response.round_id,
            framework_id=response.framework_id,
            response_id=response.pk,
        ),
    )
    dimensions = []
    for dimension in spec.scored_dimensions:
        folded = scores.dimensions[dimension.id]
        score = ScoreView.of(folded.score, spec.bands)
        dimensions.append(
            DimensionResult(
                id=dimension.id,
                title=dimension.title,
                description=dimension.description,
                guidance=dimension.guidance,
                local_context=dimension.local_context,
                score=score,
                advice=dimension.advice.get(score.band.label, "") if score.band else "",
                answered=folded.answered,
                not_applicable=sum(i.not_applicable for i in folded.items.values()),
            )
        )
    return PersonalResult(
        framework_title=spec.title,
        overall=ScoreView.of(scores.overall, spec.bands),
        dimensions=tuple(dimensions),
    )
