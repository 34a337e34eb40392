"""Presenter for the facilitator's portfolio dashboard: one row per partnership they support.

The table is SQL (``selectors.dashboard``, ADR 0035): filtering, sorting and paging happen
in the database over each closed round's stored summary, which was folded at close by the
report's own code (``reports.summary.stored_summary``), so a row always agrees with the
report it links to. This module turns the annotated rows of one page (or one chunk of the
CSV) into ``DashboardRow``s without queries, and gathers the page's choices in a fixed
number of queries, whatever the number of partnerships.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from assessments import scoring
from assessments.models import Partnership, Round, RoundStatus
from assessments.reports.comparison import Change
from assessments.reports.score_view import ScoreView
from assessments.selectors import dashboard as table_selectors
from assessments.selectors.dashboard import CLOSING_SOON_DAYS, LOW_RESPONSE_RATE, NOT_STARTED

__all__ = ["CLOSING_SOON_DAYS", "LOW_RESPONSE_RATE", "NOT_STARTED"]
STATUS_LABELS = {
    RoundStatus.OPEN: "Open",
    RoundStatus.CLOSED: "Closed",
    NOT_STARTED: "Not started",
}
STATUS_COLOURS = {RoundStatus.OPEN: "blue", RoundStatus.CLOSED: "grey", NOT_STARTED: "white"}
NO_SCORE = "none"  # the band filter's value for rows without a score


@dataclass(frozen=True)
class Flag:
    key: str
    text: str
    colour: str


@dataclass
class DashboardRow:
    partnership: Partnership
    round: Round | None  # the latest round that has opened (built from the row, not read)
    framework_title: str  # the chosen framework's title, or "" if the round lacks it
    in_round: bool  # the latest round uses the chosen framework
    respondents: int | None  # to the round's first questionnaire
    response_rate: int | None
    suppressed: bool  # fewer responses than the threshold (closed rounds only)
    overall: ScoreView | None  # the chosen framework's overall score, if shown
    split_count: int | None
    concern_count: int | None
    change: Change
    overdue: int
    report_url: str
    previous_round: Round | None = None  # the one ``change`` compares with (only its pk)
    low_response: bool = False
    flags: tuple[Flag, ...] = ()

    @property
    def status(self) -> str:
        return self.round.status if self.round else NOT_STARTED

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def round_dates(self) -> str:
        """ "3 Mar to 31 Mar 2026", the year once when both dates share it."""
        if self.round is None:
            return ""
        opens, closes = self.round.opens_on, self.round.closes_on
        nbsp = "\u00a0"  # each date stays on one line
        first = f"{opens.day}{nbsp}{opens:%b}"
        if opens.year != closes.year:
            first += f"{nbsp}{opens.year}"
        return f"{first} to {closes.day}{nbsp}{closes:%b}{nbsp}{closes.year}"

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS[self.status]

    @property
    def score(self) -> ScoreView | None:
        return self.overall

    @property
    def band_label(self) -> str:
        return self.score.band.label if self.score and self.score.band else ""

    @property
    def split(self) -> int | None:
        return None if self.score is None else self.split_count

    @property
    def concern(self) -> int | None:
        return None if self.score is None else self.concern_count

    @property
    def score_text(self) -> str:
        """The score cell in words, as in the table and the CSV."""
        if self.round is None:
            return "No round yet"
        if not self.round.results_released:
            return "When the round closes"
        if not self.in_round:
            return "Not in this round"
        if self.suppressed:
            return f"Fewer than {self.round.anonymity_threshold} responses"
        if self.score is None:
            return "No score"
        return str(self.score.shown)

    @property
    def closes_in(self) -> int | None:
        if self.round is None or self.round.status != RoundStatus.OPEN:
            return None
        return (self.round.closes_on - timezone.localdate()).days


def flags_for(row: DashboardRow, today: date) -> tuple[Flag, ...]:
    """What a facilitator can act on. Whether the response is low is the database's
    (``selectors.dashboard``, which filters and counts flags with the same rule)."""
    flags = []
    if row.low_response:
        days = (row.round.closes_on - today).days
        when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
        flags.append(Flag("low_response", f"Low response, closes {when}", "orange"))
    if row.concern:
        flags.append(Flag("concern", f"{row.concern} in concern", "red"))
    if row.split:
        flags.append(Flag("split", f"{row.split} split", "orange"))
    if row.overdue:
        flags.append(Flag("overdue", f"{row.overdue} overdue", "red"))
    return tuple(flags)


@dataclass
class Portfolio:
    """The dashboard's framework, choices and totals for one facilitator; ``rows`` is the
    annotated queryset of every partnership (``selectors.dashboard.table``), to filter,
    order and page before ``dashboard_rows`` shapes it."""

    rows: QuerySet
    today: date
    total: int
    needing_attention: int
    framework_slug: str | None
    framework_title: str
    framework_choices: tuple[tuple[str, str], ...]  # (slug, title), most used first
    band_choices: tuple[tuple[str, str], ...]  # (label, label) of the framework's bands
    region_choices: tuple[str, ...]
    bands: dict = field(default_factory=dict)  # framework id -> its score bands
    band_colours: dict[str, str] = field(default_factory=dict)


def build_portfolio(user, *, slug: str | None = None) -> Portfolio:
    """The facilitator's dashboard before filtering: ``slug`` chooses the framework whose
    scores are shown; by default the one most of the latest rounds use. Queries: 5 (and
    the stored-results check), whatever the number of partnerships; ``rows`` is lazy."""
    today = timezone.localdate()
    partnerships = Partnership.objects.facilitated_by(user)
    table_selectors.require_stored_results(partnerships)
    used, newest = table_selectors.framework_choices(user)
    choices = tuple(
        (s, title) for s, title, _n in sorted(used, key=lambda u: (-u[2], u[1].casefold()))
    )
    titles = dict(choices)
    if slug not in titles:
        slug = choices[0][0] if choices else None
    rows = table_selectors.table(user, slug=slug, today=today)
    counts = table_selectors.totals(rows)
    bands = table_selectors.bands_by_framework(slug=slug)
    newest_bands = bands.get(newest.get(slug), [])
    return Portfolio(
        rows=rows,
        today=today,
        total=counts["partnerships"],
        needing_attention=counts["needing_attention"],
        framework_slug=slug,
        framework_title=titles.get(slug, ""),
        framework_choices=choices,
        band_choices=tuple((b.label, b.label) for b in newest_bands),
        region_choices=tuple(sorted(table_selectors.regions(user), key=str.casefold)),
        bands=bands,
        band_colours={b.label: b.colour for b in newest_bands},
    )


def dashboard_row(p: Partnership, data: Portfolio) -> DashboardRow:
    """One annotated partnership of ``data.rows`` as the table shows it. No queries."""
    round_ = None
    if p.latest_round_id is not None:
        round_ = Round(
            pk=p.latest_round_id,
            partnership=p,
            title=p.round_title,
            status=p.round_status,
            opens_on=p.round_opens_on,
            closes_on=p.round_closes_on,
            anonymity_threshold=p.round_threshold,
        )
    in_round = p.chosen_framework_id is not None
    released = round_ is not None and round_.results_released and in_round
    overall = None
    if released and p.score is not None:
        overall = ScoreView.of(p.score, _bands(data.bands.get(p.chosen_framework_id, [])))
    change = Change(p.change if overall is not None else None)
    if released:
        report_url = reverse("round_report", args=[round_.pk, data.framework_slug])
    elif round_ is not None and round_.results_released:
        report_url = reverse("round_report", args=[round_.pk])
    elif round_ is not None:
        report_url = reverse("round_detail", args=[round_.pk])
    else:
        report_url = reverse("partnership_detail", args=[p.pk])
    row = DashboardRow(
        partnership=p,
        round=round_,
        framework_title=(p.chosen_title or "") if released else "",
        in_round=released,
        respondents=p.respondents,
        response_rate=p.response_rate,
        suppressed=bool(p.suppressed) if released else False,
        overall=overall,
        split_count=p.split,
        concern_count=p.concern,
        change=change,
        overdue=p.overdue_actions,
        report_url=report_url,
        low_response=p.low_response,
        previous_round=Round(pk=p.previous_round_id)
        if overall is not None and p.previous_round_id
        else None,
    )
    row.flags = flags_for(row, data.today)
    return row


def dashboard_rows(partnerships: Iterable[Partnership], data: Portfolio) -> list[DashboardRow]:
    return [dashboard_row(p, data) for p in partnerships]


def stream_rows(
    rows: QuerySet, data: Portfolio, *, chunk_size: int = 500
) -> Iterator[DashboardRow]:
    """Every row of ``rows`` (filtered and ordered), read ``chunk_size`` at a time."""
    for p in rows.iterator(chunk_size=chunk_size):
        yield dashboard_row(p, data)


def _bands(bands) -> tuple[scoring.Band, ...]:
    return tuple(scoring.Band(b.label, b.lower_bound, b.colour, b.meaning) for b in bands)


def portfolio_rows(user, *, slug: str | None = None) -> list[DashboardRow]:
    """Every row of the facilitator's dashboard in name order, unfiltered (for commands and
    tests; the page reads one page of rows)."""
    data = build_portfolio(user, slug=slug)
    return dashboard_rows(table_selectors.ordered(data.rows, "name", descending=False), data)
