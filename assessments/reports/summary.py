"""One framework in one round summarised for comparison across partnerships: the figures
the dashboard row and the analyst CSVs share (published groups only, never a suppressed
figure). Pure core (ADR 0020): works on ``CountRow``s already read, so the summaries stored at
close (``services.results``, ADR 0035) are folded by this same code.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessments import scoring
from assessments.counts import CountRow
from assessments.reports.comparison import ResponseRateRow, group_cells, partner_gap_and_split
from assessments.reports.grouping import Grouping
from assessments.reports.published import published_figures
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


def overall_response_rate(rates: list[ResponseRateRow], respondents: int) -> int | None:
    """As RoundReport.response_rate: only when every partner has a base."""
    bases = [row.denominator for row in rates]
    if not bases or None in bases:
        return None
    return scoring.round_score(100 * respondents / sum(bases))
