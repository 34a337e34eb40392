"""Presenter for trends: each dimension of a framework across a partnership's closed rounds,
and how many of the partnership's actions were completed before each round closed (since the
one before it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.safestring import SafeString

from assessments.models import Partnership, Round
from assessments.reports import charts
from assessments.reports.published import overall_scores
from assessments.reports.results import ScoreView
from assessments.reports.structure import framework_spec
from assessments.selectors.answers import answer_count_rows_by_round, respondents_by_round
from assessments.selectors.plans import completion_dates
from assessments.selectors.rounds import closed_round_frameworks
from partnership_site.permissions import can_view_round_report


@dataclass(frozen=True)
class TrendRound:
    round: Round
    respondents: int
    suppressed: bool
    overall: ScoreView
    # Actions done after the previous round closed, up to the day this one closed.
    actions_completed: int = 0


@dataclass(frozen=True)
class TrendLine:
    key: str
    title: str
    scores: tuple[ScoreView | None, ...]  # one per round; None where the round lacks it


@dataclass(frozen=True)
class Trends:
    partnership: Partnership
    framework_title: str
    slug: str
    framework_choices: tuple[tuple[str, str], ...]  # (slug, title)
    rounds: tuple[TrendRound, ...]
    lines: tuple[TrendLine, ...]
    chart: SafeString | None


def build_trends(partnership: Partnership, slug: str | None, *, user) -> Trends | None:
    links = closed_round_frameworks(partnership.pk)
    links = [link for link in links if can_view_round_report(user, link.round)]
    choices = {}
    for link in links:
        choices.setdefault(link.framework.slug, link.framework.title)
    if not choices:
        return None
    slug = slug if slug in choices else next(iter(choices))
    links = [link for link in links if link.framework.slug == slug]

    specs = {}
    for link in links:
        if link.framework_id not in specs:
            specs[link.framework_id] = framework_spec(link.framework)
    round_ids = [link.round_id for link in links]
    framework_ids = list(specs)
    rows = answer_count_rows_by_round(round_ids=round_ids, framework_ids=framework_ids)
    respondents = respondents_by_round(round_ids=round_ids, framework_ids=framework_ids)

    latest = specs[links[-1].framework_id]
    titles = {d.key: d.title for spec in specs.values() for d in spec.scored_dimensions}
    titles.update({d.key: d.title for d in latest.scored_dimensions})
    keys = [d.key for d in latest.scored_dimensions if not d.local_context]
    keys += [
        k
        for spec in specs.values()
        for k in (d.key for d in spec.scored_dimensions if not d.local_context)
        if k not in keys
    ]

    done_on = completion_dates(partnership.pk)
    trend_rounds, per_round = [], []
    since = None
    for link in links:
        closed_on = timezone.localtime(link.round.closed_at).date()
        completed = sum(1 for d in done_on if (since is None or d > since) and d <= closed_on)
        since = closed_on
        spec = specs[link.framework_id]
        count = respondents.get(link.round_id, 0)
        suppressed = count < link.round.anonymity_threshold
        scores = (
            None
            if suppressed
            else overall_scores(
                spec, rows.get(link.round_id, []), threshold=link.round.anonymity_threshold
            )
        )
        trend_rounds.append(
            TrendRound(
                round=link.round,
                respondents=count,
                suppressed=suppressed,
                overall=ScoreView.of(scores.overall if scores else None, spec.bands),
                actions_completed=completed,
            )
        )
        per_round.append(
            {}
            if scores is None
            else {
                d.key: ScoreView.of(scores.dimensions[d.id].score, spec.bands)
                for d in spec.scored_dimensions
            }
        )
    lines = tuple(
        TrendLine(key=k, title=titles[k], scores=tuple(r.get(k) for r in per_round)) for k in keys
    )
    return Trends(
        partnership=partnership,
        framework_title=latest.title,
        slug=slug,
        framework_choices=tuple(choices.items()),
        rounds=tuple(trend_rounds),
        lines=lines,
        chart=_chart(latest.title, trend_rounds, lines, slug),
    )


def _chart(title, rounds, lines, slug) -> SafeString | None:
    if sum(not r.suppressed for r in rounds) < 2:
        return None  # a line needs two points
    series = [
        charts.Series(
            line.title,
            [s.value if s else None for s in line.scores],
            colour=charts.SERIES_COLOURS[index % len(charts.SERIES_COLOURS)],
            dashed=index >= len(charts.SERIES_COLOURS),
        )
        for index, line in enumerate(lines)
    ]
    return charts.line_chart(
        [r.round.title for r in rounds],
        series,
        title=f"{title}: dimension scores across rounds, 0 to 100",
        description="One line per dimension; the table below gives every figure.",
        chart_id=f"trend-{slug}",
    )
