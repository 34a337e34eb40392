"""One framework in one round summarised for comparison across partnerships: the figures
the dashboard row and the analyst CSVs share (published groups only, never a suppressed
figure). Pure core (ADR 0020): works on ``CountRow``s already read, so the summaries stored at
close (``services.results``, ADR 0035) are folded by this same code.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessments import scoring
from assessments.counts import CountRow
from assessments.reports.comparison import (
    group_cells,
    partner_gap_and_split,
)
from assessments.reports.grouping import Grouping
from assessments.reports.published import overall_scores, published_figures
from assessments.reports.score_view import ScoreView
from assessments.reports.structure import FrameworkSpec


@dataclass(frozen=True)
class DimensionFigures:
    """One dimension of a round's framework, as the report's dimension table and partner
    heatmap show it: scores on 0–100, spread in points, ``answered`` in ratings."""

    key: str
    title: str
    local_context: bool
    score: ScoreView
    answered: int
    spread: int | None
    split: bool
    cells: tuple[ScoreView, ...]  # by partner group, in the grouping's order
    role_cells: tuple[ScoreView, ...] = ()  # by role group, in the role grouping's order
    # Its group scores leave out items some partner × role cell rated too thinly.
    partly_broken_down: bool = False


@dataclass(frozen=True)
class Summary:
    """One framework in one round, as the dashboard shows it. ``groups``, ``role_groups``
    (no groups when the role breakdown is withheld), ``dimensions`` (every scored dimension,
    local context too) and ``note`` (what disclosure control changed, as the page says it)
    feed the analyst CSVs; empty if suppressed."""

    respondents: int
    threshold: int
    suppressed: bool
    overall: ScoreView
    split: int | None
    concern: int | None
    groups: Grouping | None = None
    role_groups: Grouping | None = None
    dimensions: tuple[DimensionFigures, ...] = ()
    note: str = ""


def summarise(
    spec: FrameworkSpec,
    rows: list[CountRow],
    cells: dict[tuple, int],
    labels: dict[int | None, str],
    threshold: int,
    *,
    role_labels: dict[str | None, str],
) -> Summary:
    """Overall score, split dimensions and dimensions in the lowest band, exactly as the round
    report works them out: ``rows`` count answers per (item, (partner, role), value) and
    ``cells`` respondents per (partner, role), folded by the same ``published_figures``
    (same groups, same thin ratings left out, same split rule; local context left out)."""
    figures = published_figures(
        spec, rows, cells, partner_labels=labels, role_labels=role_labels, threshold=threshold
    )
    grouping = figures.publication.partners
    if grouping.suppressed or spec.scale is None:
        return Summary(
            respondents=grouping.total,
            threshold=threshold,
            suppressed=grouping.suppressed,
            overall=ScoreView(None, None),
            split=None,
            concern=None,
        )
    scores, by_group = figures.scores, figures.by_partner
    role_grouping = figures.publication.roles
    partly = {d.id for d in figures.partly_broken_down}
    lowest = min(spec.bands, key=lambda b: b.lower_bound).label if spec.bands else None
    split = concern = 0
    dimensions = []
    for dimension in spec.scored_dimensions:
        folded = scores.dimensions[dimension.id]
        cells = group_cells(by_group, grouping, dimension.id, spec.bands)
        is_split = partner_gap_and_split(cells, folded.spread)[1]
        band = scoring.band_for(folded.score, spec.bands)
        dimensions.append(
            DimensionFigures(
                key=dimension.key,
                title=dimension.title,
                local_context=dimension.local_context,
                score=ScoreView(folded.score, band),
                answered=folded.answered,
                spread=None if folded.spread is None else scoring.round_score(folded.spread),
                split=is_split,
                cells=cells,
                role_cells=group_cells(figures.by_role, role_grouping, dimension.id, spec.bands),
                partly_broken_down=dimension.id in partly,
            )
        )
        if dimension.local_context:
            continue
        split += is_split
        if band is not None and band.label == lowest:
            concern += 1
    return Summary(
        respondents=grouping.total,
        threshold=threshold,
        suppressed=False,
        overall=ScoreView.of(scores.overall, spec.bands),
        split=split,
        concern=concern,
        groups=grouping,
        role_groups=role_grouping,
        dimensions=tuple(dimensions),
        note=figures.publication.note,
    )


@dataclass(frozen=True)
class StoredSummary:
    """The folded figures of one framework in one closed round that the dashboard and the
    cohort benchmarks read, stored beside its counts when the round closes (ADR 0035).

    ``overall_score`` (0–100, unrounded), its ``band_label`` and the ``split`` and
    ``concern`` dimension counts are the dashboard row's, as ``summarise`` folds them
    (None or "" when suppressed or without a score). ``round_overall`` and
    ``dimension_scores`` (by dimension key, local context left out, only dimensions with a
    score) are the whole round's, as ``published.overall_scores`` folds them for trends,
    the previous-round change and benchmarks: None when fewer than ``threshold`` responded.
    """

    respondents: int
    suppressed: bool
    overall_score: float | None
    overall_shown: int | None
    band_label: str
    split: int | None
    concern: int | None
    round_overall: float | None
    round_overall_shown: int | None
    dimension_scores: dict[str, float]


def stored_summary(
    spec: FrameworkSpec,
    rows: list[CountRow],
    cells: dict[tuple, int],
    *,
    partner_labels: dict[int | None, str],
    role_labels: dict[str | None, str],
    threshold: int,
) -> StoredSummary:
    """Fold what ``StoredSummary`` holds with the report's own code (``summarise``,
    ``overall_scores``), so a stored figure is always the figure the report shows."""
    rows = list(rows)
    summary = summarise(spec, rows, cells, partner_labels, threshold, role_labels=role_labels)
    score = None if summary.suppressed or not summary.overall.has_score else summary.overall
    respondents = sum(cells.values())
    whole = None
    if respondents >= threshold and spec.scale is not None:
        whole = overall_scores(spec, rows, threshold=threshold)
    round_overall = None if whole is None else whole.overall
    return StoredSummary(
        respondents=respondents,
        suppressed=summary.suppressed,
        overall_score=None if score is None else score.value,
        overall_shown=None if score is None else score.shown,
        band_label=score.band.label if score is not None and score.band else "",
        split=None if score is None else summary.split,
        concern=None if score is None else summary.concern,
        round_overall=round_overall,
        round_overall_shown=None if round_overall is None else scoring.round_score(round_overall),
        dimension_scores={}
        if whole is None
        else {
            d.key: whole.dimensions[d.id].score
            for d in spec.scored_dimensions
            if not d.local_context and whole.dimensions[d.id].score is not None
        },
    )
