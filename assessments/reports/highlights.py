"""The report's highlights, worked out from its dimension rows: top strengths and top
concerns (band-aware and disjoint), suggested actions, and reflection dimensions. Pure:
reads rows and a framework's structure already loaded."""

from __future__ import annotations

from assessments.reports.comparison import points
from assessments.reports.grouping import Grouping
from assessments.reports.report_rows import DimensionRow, ReflectionRow, SuggestedAction
from assessments.reports.structure import FrameworkSpec

HIGHLIGHTS = 3  # dimensions in each of the top strengths, top concerns and disagreements


def strengths(dimensions, bands) -> tuple[DimensionRow, ...]:
    """The highest-scoring dimensions in the top band: a mid-band score is neither a
    strength nor a concern, so the two lists never share a dimension."""
    if not bands:
        return ()
    top = max(bands, key=lambda b: b.lower_bound).label
    scored = [d for d in dimensions if d.score.has_score and d.score.band.label == top]
    return tuple(sorted(scored, key=lambda d: (-d.score.value, d.title))[:HIGHLIGHTS])


def disagreements(dimensions) -> tuple[DimensionRow, ...]:
    """The dimensions whose partner groups' scores are furthest apart."""
    gapped = (d for d in dimensions if d.gap)
    return tuple(sorted(gapped, key=lambda d: (-d.gap, d.title))[:HIGHLIGHTS])


def concerns(dimensions, bands) -> tuple[DimensionRow, ...]:
    """The lowest-scoring dimensions in the lowest band (none if there is only one band, so
    a dimension is never both a strength and a concern)."""
    if len(bands) < 2:
        return ()
    lowest = min(bands, key=lambda b: b.lower_bound).label
    scored = [d for d in dimensions if d.score.has_score and d.score.band.label == lowest]
    return tuple(sorted(scored, key=lambda d: (d.score.value, d.title))[:HIGHLIGHTS])


def reflections(spec: FrameworkSpec, grouping: Grouping, comment_rows) -> tuple:
    """Dimensions with written prompts and nothing to score: guidance, the framework's
    advice and the answers, each labelled with its published group only."""
    label_of = {m: g.label for g in grouping.groups for m in g.members}
    rows = []
    for dimension in spec.dimensions:
        if dimension.scored_items or not dimension.items:
            continue
        rows.append(
            ReflectionRow(
                key=dimension.key,
                title=dimension.title,
                description=dimension.description,
                guidance=dimension.guidance,
                advice=tuple(dict.fromkeys(t for t in dimension.advice.values() if t)),
                prompts=tuple(item.statement for item in dimension.items),
                answers=tuple(
                    (label_of[row["partner_id"]], row["text"])
                    for row in comment_rows
                    if row["dimension_id"] == dimension.id and row["partner_id"] in label_of
                ),
            )
        )
    return tuple(rows)


def suggested_actions(dimensions, bands) -> tuple[SuggestedAction, ...]:
    lowest = min(bands, key=lambda b: b.lower_bound).label if bands else None
    suggestions = []
    for d in sorted(dimensions, key=lambda d: (d.score.value is None, d.score.value or 0)):
        in_concern = d.score.band is not None and d.score.band.label == lowest
        if not (in_concern or d.split):
            continue
        reasons = []
        if in_concern:
            reasons.append(f"scored {d.score.shown}, in the {lowest.lower()} band")
        if d.partners_differ:
            reasons.append(f"partners see it differently ({points(d.gap)} apart)")
        if d.answers_spread:
            reasons.append(f"individual answers vary widely (spread {points(d.spread)})")
        suggestions.append(
            SuggestedAction(d.title, "; ".join(reasons).capitalize(), d.advice, d.id)
        )
    return tuple(suggestions)
