"""Presenter for a round's partnership report: what the template shows, figures already
folded, grouped for anonymity and rounded. Loading is a fixed number of queries, whatever
the number of respondents."""

from __future__ import annotations

from django.utils import timezone
from django.utils.safestring import SafeString

from assessments import scoring
from assessments.models import ROLE_LABELS, Round
from assessments.percentages import largest_remainder
from assessments.reports import charts, highlights, spiral
from assessments.reports.action_plan import report_action_rows
from assessments.reports.benchmark import positions_in_cohorts
from assessments.reports.comparison import (
    Change,
    ResponseRateRow,
    change_between,
    disagreement,
    group_cells,
    partner_gap_and_split,
)
from assessments.reports.disclosure import publication
from assessments.reports.fold import FrameworkScores
from assessments.reports.grouping import Grouping
from assessments.reports.published import (
    NO_PARTNER_LABEL,
    overall_scores,
    published_figures,
)
from assessments.reports.report_rows import (
    ActionRow,
    Bar,
    DimensionRow,
    ItemRow,
    RoundReport,
    SuggestedAction,
)
from assessments.reports.results import ScoreView
from assessments.reports.structure import DimensionSpec, FrameworkSpec, answered_spec
from assessments.selectors import actions as action_selectors
from assessments.selectors import answers as answer_selectors
from assessments.selectors import plans as plan_selectors
from assessments.selectors import rate_bases
from assessments.selectors import rounds as round_selectors
from assessments.selectors.rounds import ReportFramework
from frameworks.models import Framework

__all__ = [
    "NO_PARTNER_LABEL",
    "ActionRow",
    "Bar",
    "Change",
    "DimensionRow",
    "ItemRow",
    "ResponseRateRow",
    "RoundReport",
    "SuggestedAction",
    "build_round_report",
    "change_between",
    "partner_gap_and_split",
]


def build_round_report(
    round_: Round,
    framework: Framework,
    *,
    include_comments: bool = True,
    with_benchmarks: bool = False,
    loaded: ReportFramework | None = None,
) -> RoundReport:
    """The report. With ``include_comments=False`` (for facilitators) no comment text is read;
    ``with_benchmarks`` adds the round's position in its partnership's cohorts. ``loaded``:
    what the report's loader already read for ``framework`` (``rounds.report_frameworks``:
    its stored counts and previous round), so neither is read again."""
    # One read of the round's counts (a closed round's stored result: one query).
    counts = loaded.counts if loaded is not None else None
    if counts is None:
        counts = answer_selectors.round_counts(round_id=round_.pk, framework_id=framework.pk)
    cells = counts.sizes
    total = sum(cells.values())
    # Responses use this version if anyone answered: then it is frozen (ADR 0043).
    spec = answered_spec(framework, respondents=total)
    # By name (unique within a partnership): the model's ordering joins the partnership.
    partner_list = list(round_.partnership.partners.order_by("name"))
    partners = {p.pk: p.name for p in partner_list}
    labels = {**partners, None: NO_PARTNER_LABEL}
    roles = ROLE_LABELS
    threshold = round_.anonymity_threshold
    published = publication(cells, threshold=threshold, partner_labels=labels, role_labels=roles)
    grouping, role_grouping = published.partners, published.roles
    # Frozen at close for a closed round (ADR 0039), live for an open one; in name order,
    # an organisation removed since the close last.
    bases = rate_bases.of_round(round_).get(framework.pk)
    position = {p.pk: n for n, p in enumerate(partner_list)}
    response_rates = tuple(
        ResponseRateRow(
            partner=partners.get(base.partner_id, rate_bases.REMOVED_LABEL),
            responses=base.responses,
            invited=base.invited,
            members=base.members,
        )
        for base in sorted(
            bases.partners if bases is not None else (),
            key=lambda base: (position.get(base.partner_id, len(position)), base.partner_id),
        )
    )
    actions = _actions(round_)
    open_link = counts.open_link_responses

    previous_round, previous_framework, previous_counts = _previous(round_, framework, loaded)
    previous_scores, previous_spec = None, None
    if previous_round is not None:
        if previous_counts is None:
            previous_counts = answer_selectors.round_counts(
                round_id=previous_round.pk, framework_id=previous_framework.pk
            )
        previous_total = sum(previous_counts.sizes.values())
        previous_spec = (
            spec
            if previous_framework.pk == framework.pk
            else answered_spec(previous_framework, respondents=previous_total)
        )
        if previous_total >= previous_round.anonymity_threshold:
            previous_scores = overall_scores(
                previous_spec,
                previous_counts.by_partner(),
                threshold=previous_round.anonymity_threshold,
            )

    if grouping.suppressed:
        return RoundReport(
            round=round_,
            framework=framework,
            threshold=threshold,
            respondents=total,
            suppressed=True,
            groups=grouping,
            role_groups=role_grouping,
            overall=ScoreView(None, None),
            previous_round=previous_round,
            previous_overall=None,
            overall_change=Change(None),
            dimensions=(),
            local_dimensions=(),
            response_rates=response_rates,
            strengths=(),
            concerns=(),
            disagreements=(),
            suggested_actions=(),
            actions=actions,
            scale_labels=spec.scale_labels,
            bands=spec.bands,
            publication=published,
            open_link_responses=open_link,
        )

    # One GROUP BY by (item, partner, role, value), folded by the code every view shares
    # (reports.published): withheld items dropped, the same groups as every other view.
    figures = published_figures(
        spec,
        counts.cells,
        cells,
        partner_labels=labels,
        role_labels=roles,
        threshold=threshold,
    )
    scores, by_group, by_role = figures.scores, figures.by_partner, figures.by_role
    comment_rows = (
        answer_selectors.comments(round_id=round_.pk, framework_id=framework.pk)
        if include_comments
        else []
    )
    previous_by_key = _previous_by_key(previous_spec, previous_scores)

    all_rows = [
        _dimension_row(
            spec,
            d,
            scores,
            by_group,
            by_role,
            grouping,
            role_grouping,
            comment_rows,
            previous_by_key,
            figures.withheld_items,
        )
        for d in spec.scored_dimensions
    ]
    plans = plan_selectors.round_plans(round_.pk, previous_round.pk if previous_round else None)
    dimensions = spiral.attach(
        tuple(r for r in all_rows if not r.local_context),
        slug=framework.slug,
        targets=plans.targets,
        agreed=plans.agreed,
        previous_targets=plans.previous_targets,
        previous_actions=[
            ((row.framework_slug, row.dimension_key), row)
            for row in actions
            if previous_round and row.raised_in_id == previous_round.pk and row.dimension_key
        ],
    )
    overall = ScoreView.of(scores.overall, spec.bands)
    previous_overall = (
        ScoreView.of(previous_scores.overall, previous_spec.bands) if previous_scores else None
    )
    report = RoundReport(
        round=round_,
        framework=framework,
        threshold=threshold,
        respondents=total,
        suppressed=False,
        groups=grouping,
        role_groups=role_grouping,
        overall=overall,
        previous_round=previous_round,
        previous_overall=previous_overall,
        overall_change=change_between(overall, previous_overall),
        dimensions=dimensions,
        local_dimensions=tuple(r for r in all_rows if r.local_context),
        response_rates=response_rates,
        strengths=highlights.strengths(dimensions, spec.bands),
        concerns=highlights.concerns(dimensions, spec.bands),
        disagreements=highlights.disagreements(dimensions),
        suggested_actions=highlights.suggested_actions(dimensions, spec.bands),
        actions=actions,
        scale_labels=spec.scale_labels,
        bands=spec.bands,
    )
    report.radar = _radar(report)
    report.comments_shown = include_comments
    report.publication = published
    report.open_link_responses = open_link
    report.withheld_items = len(figures.withheld_items)
    report.dimensions_not_broken_down = tuple(d.title for d in figures.partly_broken_down)
    report.shared_not_broken_down = tuple(
        d.title for d in figures.partly_broken_down if not d.local_context
    )
    if include_comments:
        report.reflections = highlights.reflections(spec, grouping, comment_rows)
    if with_benchmarks:
        report.benchmarks = positions_in_cohorts(round_.partnership_id, spec, scores, spec.bands)
    return report


def _previous(round_: Round, framework: Framework, loaded: ReportFramework | None):
    """The previous closed round with the same framework (``previous_closed_round``), its
    version of the framework and its counts if already read: (None, None, None) if none."""
    if loaded is None:
        previous = round_selectors.previous_closed_round(round_, framework.slug)
        if previous is None:
            return None, None, None
        return (
            previous,
            next(f for f in previous.frameworks.all() if f.slug == framework.slug),
            None,
        )
    if loaded.previous is None:
        return None, None, None
    return loaded.previous.round, loaded.previous.framework, loaded.previous.counts


def _previous_by_key(spec, scores) -> dict[str, ScoreView]:
    if spec is None or scores is None:
        return {}
    return {
        d.key: ScoreView.of(scores.dimensions[d.id].score, spec.bands)
        for d in spec.scored_dimensions
    }


def _dimension_row(
    spec: FrameworkSpec,
    dimension: DimensionSpec,
    scores: FrameworkScores,
    by_group: dict,
    by_role: dict,
    grouping: Grouping,
    role_grouping: Grouping,
    comment_rows: list[dict],
    previous_by_key: dict[str, ScoreView],
    withheld: frozenset[int] = frozenset(),
) -> DimensionRow:
    folded = scores.dimensions[dimension.id]
    score = ScoreView.of(folded.score, spec.bands)
    cells = group_cells(by_group, grouping, dimension.id, spec.bands)
    role_cells = group_cells(by_role, role_grouping, dimension.id, spec.bands)
    found = disagreement(cells, folded.spread)
    label_of = {m: g.label for g in grouping.groups for m in g.members}
    comments = tuple(
        (label_of[row["partner_id"]], row["text"])
        for row in comment_rows
        if row["dimension_id"] == dimension.id and row["partner_id"] in label_of
    )
    previous = previous_by_key.get(dimension.key)
    return DimensionRow(
        id=dimension.id,
        key=dimension.key,
        title=dimension.title,
        guidance=dimension.guidance,
        local_context=dimension.local_context,
        score=score,
        answered=folded.answered,
        not_applicable=sum(i.not_applicable for i in folded.items.values()),
        spread=None if folded.spread is None else scoring.round_score(folded.spread),
        gap=found.gap,
        split=found.split,
        partners_differ=found.partners_differ,
        answers_spread=found.answers_spread,
        cells=cells,
        role_cells=role_cells,
        previous=previous,
        change=change_between(score, previous),
        items=tuple(
            _item_row(spec, item, folded.items[item.id], withheld=item.id in withheld)
            for item in dimension.scored_items
        ),
        advice=dimension.advice.get(score.band.label, "") if score.band else "",
        comments=comments,
    )


def _item_row(spec: FrameworkSpec, item, folded, *, withheld: bool = False) -> ItemRow:
    if withheld:
        # No bars of zeros: "nobody chose" would be untrue, and nothing shown is safest.
        return ItemRow(
            statement=item.statement,
            reverse_scored=item.rule.reverse_scored,
            score=ScoreView(None, None),
            answered=0,
            not_applicable=0,
            bars=(),
            withheld=True,
        )
    labels = spec.scale_labels
    values = range(spec.scale.minimum, spec.scale.maximum + 1)
    counts = [folded.distribution.get(value, 0) for value, _ in zip(values, labels, strict=False)]
    # Shares of the answers shown, adding to exactly 100 (percentages.py).
    bars = tuple(
        Bar(label=label, count=count, percent=percent)
        for label, count, percent in zip(labels, counts, largest_remainder(counts), strict=False)
    )
    return ItemRow(
        statement=item.statement,
        reverse_scored=item.rule.reverse_scored,
        score=ScoreView.of(folded.mean, spec.bands),
        answered=folded.answered,
        not_applicable=folded.not_applicable,
        bars=bars,
    )


def _actions(round_: Round) -> tuple[ActionRow, ...]:
    actions = action_selectors.report_actions(round_.partnership_id)
    return report_action_rows(actions, timezone.localdate())


def _radar(report: RoundReport) -> SafeString | None:
    dimensions = [d for d in report.dimensions if d.score.has_score]
    if len(dimensions) < 3:
        return None
    series = [charts.Series(report.round.title, [d.score.value for d in dimensions])]
    if report.previous_round and any(d.previous and d.previous.has_score for d in dimensions):
        series.append(
            charts.Series(
                report.previous_round.title,
                [d.previous.value if d.previous else None for d in dimensions],
                colour=charts.NHS_DARK_PINK,
                dashed=True,
            )
        )
    targets = [d.plan.target if d.plan else None for d in dimensions]
    if any(t is not None for t in targets):
        series.append(
            charts.Series(
                "Target for the next round", targets, colour=charts.NHS_GREEN, markers_only=True
            )
        )
    described = "; ".join(
        f"{d.title} {d.score.shown}"
        + (f" (target {d.plan.target})" if d.plan and d.plan.target is not None else "")
        for d in dimensions
    )
    return charts.radar_chart(
        [d.title for d in dimensions],
        series,
        title=f"{report.framework.title}: score per dimension, 0 to 100",
        description=f"{report.round.title}: {described}. The table below gives every figure.",
        chart_id=f"radar-{report.framework.slug}",
    )
