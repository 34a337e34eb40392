"""The shapes of a round report (frozen dataclasses): what the page, the CSV, the workbook
and the PDF pack read. Built by ``assessments.reports.round_report.build_round_report``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from assessments import scoring
from assessments.models import Round
from assessments.reports.benchmark import CohortPosition
from assessments.reports.comparison import Change, ResponseRateRow, overall_rate
from assessments.reports.disclosure import WITHHELD_NOTE, Publication
from assessments.reports.grouping import Grouping
from assessments.reports.results import ScoreView
from frameworks.models import Framework

if TYPE_CHECKING:  # annotations only: spiral builds on these rows
    from assessments.reports.spiral import DimensionPlan


def score_tag(score: ScoreView) -> SafeString:
    """``score`` as ``templates/assessments/reports/_score.html`` shows it, character for
    character but without that file's final newline: a band-coloured tag with the whole
    score and, for screen readers, " out of 100, <band>"; "No score" without a score. The
    report page shows one per statement and per heatmap cell, so it is built here once
    rather than by an include per cell (ADR 0042)."""
    if not score.has_score:
        return mark_safe('<span class="nhsuk-body-s">No score</span>')  # noqa: S308 - constant
    band = score.band
    return format_html(
        '<strong class="nhsuk-tag nhsuk-tag--{}">{}<span class="nhsuk-u-visually-hidden">'
        " out of 100, {}</span></strong>",
        band.colour if band else "",
        str(score.shown),
        band.label.lower() if band else "",
    )


# The report page's words for a reverse-scored statement and for a withheld one.
REVERSE_SCORED = (
    '<br><span class="nhsuk-body-s">Reverse-scored: a higher answer lowers the score.</span>'
)
WITHHELD_ITEM = '<span class="nhsuk-body-s">Not shown, to keep answers anonymous</span>'


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class ItemRow:
    statement: str
    reverse_scored: bool
    score: ScoreView
    answered: int
    not_applicable: int
    bars: tuple[Bar, ...]
    # No figure shown: it would reveal how individuals answered (reports.disclosure).
    withheld: bool = False

    # What the report page shows for the item, worked out once in Python rather than by
    # template loops over the bars (ADR 0042): the page renders 60 or more items.
    @cached_property
    def score_tag(self) -> SafeString:
        """``score_tag(self.score)``."""
        return score_tag(self.score)

    @cached_property  # works on a frozen dataclass: it writes the instance's __dict__
    def bar_segments(self) -> SafeString:
        """The stacked bar's segments: one ``<span>`` per answer value that has a share,
        numbered from 1 for the value's colour, ``app-width-N`` its whole percentage. Only
        whole numbers go into the markup, so nothing needs escaping."""
        return mark_safe(  # noqa: S308 - numbers only
            "".join(
                f'<span class="app-bar__segment app-bar__segment--{n} '
                f'app-width-{bar.percent:d}"></span>'
                for n, bar in enumerate(self.bars, start=1)
                if bar.percent
            )
        )

    @cached_property
    def answers_text(self) -> str:
        """The bars as words, "Agree: 12 (40%) · …", with " · Not applicable: N" if any;
        plain text (the template escapes it). Percentages only when someone rated it."""
        text = " · ".join(
            f"{bar.label}: {bar.count:d}" + (f" ({bar.percent:d}%)" if self.answered else "")
            for bar in self.bars
        )
        if self.not_applicable:
            text += f" · Not applicable: {self.not_applicable:d}"
        return text

    @cached_property
    def table_row(self) -> SafeString:
        """The statement's row in its dimension's table on the report page, as the loop body
        of ``_dimension_detail.html`` rendered it before ADR 0043, whitespace included: the
        statement (escaped; "Reverse-scored: …" under it if so), the score tag, and the bar
        with its words or, for a withheld item, why nothing is shown."""
        if self.withheld:
            answers = mark_safe(WITHHELD_ITEM)  # noqa: S308 - constant
        else:
            answers = format_html(
                '\n          <div class="app-bar" aria-hidden="true">{}</div>'
                '\n          <span class="nhsuk-body-s">{}</span>',
                self.bar_segments,
                self.answers_text,
            )
        return format_html(
            '\n      <tr class="nhsuk-table__row">'
            '\n        <td class="nhsuk-table__cell">{}{}</td>'
            '\n        <td class="nhsuk-table__cell">{}\n</td>'
            '\n        <td class="nhsuk-table__cell">{}\n        </td>'
            "\n      </tr>\n    ",
            self.statement,
            mark_safe(REVERSE_SCORED if self.reverse_scored else ""),  # noqa: S308 - constant
            self.score_tag,
            answers,
        )


@dataclass(frozen=True)
class DimensionRow:
    id: int
    key: str
    title: str
    guidance: str
    local_context: bool
    score: ScoreView
    answered: int
    not_applicable: int
    spread: int | None
    gap: int | None
    split: bool  # for either reason below (CSV, workbook and dashboard count these)
    partners_differ: bool  # partner groups' scores more than 25 points apart
    answers_spread: bool  # individual answers vary widely (spread above 30 points)
    cells: tuple[ScoreView, ...]  # by reporting group, in the grouping's order
    role_cells: tuple[ScoreView, ...]
    previous: ScoreView | None
    change: Change
    items: tuple[ItemRow, ...]
    advice: str
    comments: tuple[tuple[str, str], ...]  # (group label, text)
    plan: DimensionPlan | None = None  # attached by reports.spiral

    # The report page's score tags (``score_tag``), built once (ADR 0042).
    @cached_property  # works on a frozen dataclass: it writes the instance's __dict__
    def score_tag(self) -> SafeString:
        return score_tag(self.score)

    @cached_property
    def cell_tags(self) -> tuple[SafeString, ...]:
        """The tags of ``cells``, in the same order."""
        return tuple(score_tag(cell) for cell in self.cells)

    @cached_property
    def role_cell_tags(self) -> tuple[SafeString, ...]:
        """The tags of ``role_cells``, in the same order."""
        return tuple(score_tag(cell) for cell in self.role_cells)


@dataclass(frozen=True)
class ReflectionRow:
    """A reflection dimension (free-text prompts, never scored): its guidance and any advice
    from the framework, and the written answers by published group (never by person)."""

    key: str
    title: str
    description: str
    guidance: str
    advice: tuple[str, ...]
    prompts: tuple[str, ...]
    answers: tuple[tuple[str, str], ...]  # (group label, text)


@dataclass(frozen=True)
class SuggestedAction:
    dimension: str
    reason: str
    advice: str
    dimension_id: int | None = None


@dataclass(frozen=True)
class ActionRow:
    title: str
    owner: str
    due_on: date | None
    status: str
    status_label: str
    dimension: str
    raised_in: str
    overdue: bool
    # Which dimension and round, to match actions with rows (spiral, workshop).
    dimension_key: str = ""
    framework_slug: str = ""
    raised_in_id: int | None = None


@dataclass
class RoundReport:
    round: Round
    framework: Framework
    threshold: int
    respondents: int
    suppressed: bool
    groups: Grouping
    role_groups: Grouping
    overall: ScoreView
    previous_round: Round | None
    previous_overall: ScoreView | None
    overall_change: Change
    dimensions: tuple[DimensionRow, ...]
    local_dimensions: tuple[DimensionRow, ...]
    response_rates: tuple[ResponseRateRow, ...]
    strengths: tuple[DimensionRow, ...]
    concerns: tuple[DimensionRow, ...]
    disagreements: tuple[DimensionRow, ...]
    suggested_actions: tuple[SuggestedAction, ...]
    actions: tuple[ActionRow, ...]
    scale_labels: tuple[str, ...]
    radar: SafeString | None = None
    bands: tuple[scoring.Band, ...] = field(default_factory=tuple)
    # Where this round stands in each cohort the partnership belongs to (benchmark.py).
    benchmarks: tuple[CohortPosition, ...] = ()
    comments_shown: bool = True  # False for facilitators: figures only, never comment text
    # What disclosure control decided (reports.disclosure), and answers via the shared link.
    publication: Publication | None = None
    open_link_responses: int = 0
    # Questions with no figure anywhere: rated by too few people, or the same by all (or all
    # but one) of too few (reports.disclosure); pages name neither rule.
    withheld_items: int = 0
    # Dimensions whose group scores leave out questions some group rated too thinly or
    # near-unanimously (the analyst CSV notes each); ``shared_not_broken_down``: those of them
    # whose group scores the page's heatmaps show (not local context dimensions).
    dimensions_not_broken_down: tuple[str, ...] = ()
    shared_not_broken_down: tuple[str, ...] = ()
    # Free-text reflection dimensions; empty unless comments may be read.
    reflections: tuple[ReflectionRow, ...] = ()

    @property
    def withheld_note(self) -> str:
        """The one sentence every view gives when a rule on ratings left figures out, or ""."""
        return WITHHELD_NOTE if self.withheld_items or self.dimensions_not_broken_down else ""

    @property
    def has_spiral(self) -> bool:
        """Whether any dimension has a target from last round or actions raised for it."""
        return any(
            d.plan and (d.plan.previous_target is not None or d.plan.actions)
            for d in self.dimensions
        )

    @property
    def has_targets(self) -> bool:
        return any(d.plan and d.plan.target is not None for d in self.dimensions)

    @property
    def has_agreed(self) -> bool:
        return any(d.plan and d.plan.agreed for d in self.dimensions)

    @property
    def top_band(self) -> scoring.Band | None:
        return max(self.bands, key=lambda b: b.lower_bound) if self.bands else None

    @property
    def lowest_band(self) -> scoring.Band | None:
        return min(self.bands, key=lambda b: b.lower_bound) if self.bands else None

    @property
    def band_ranges(self) -> list[tuple[scoring.Band, int]]:
        """Each band with the highest whole score it covers."""
        bands = sorted(self.bands, key=lambda b: b.lower_bound)
        tops = [int(b.lower_bound) - 1 for b in bands[1:]] + [100]
        return list(zip(bands, tops, strict=True))

    @property
    def response_rate(self) -> int | None:
        """Overall rate, when every partner has a base to measure against."""
        return overall_rate(self.response_rates, self.respondents)[1]
