"""Presenter for the facilitator's portfolio dashboard: one row per partnership they support.

Everything is read in bulk (assessments.selectors.portfolio): the latest rounds by subquery,
one GROUP BY of answer counts by partner across all of them and their previous rounds, one
count of respondents, partners once, and each framework version's structure once. The
figures are folded by the same code as the round report (fold, anonymity grouping, split
rule), so a row always agrees with the report it links to. The query count depends on the
number of framework versions shown, never on the number of partnerships.

Filtering, sorting and paging happen here on the folded rows: scores, bands and flags are
not columns in the database.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils import timezone

from assessments.models import Partnership, Round, RoundFramework, RoundStatus
from assessments.reports.comparison import (
    Change,
    ResponseRateRow,
    change_between,
)
from assessments.reports.published import (
    NO_PARTNER_LABEL,
    overall_scores,
    partner_sizes,
)
from assessments.reports.results import ScoreView
from assessments.reports.structure import FrameworkSpec, framework_spec
from assessments.reports.summary import Summary, overall_response_rate, summarise
from assessments.selectors import portfolio

LOW_RESPONSE_RATE = 50  # per cent
CLOSING_SOON_DAYS = 7
NOT_STARTED = "not_started"
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
    round: Round | None  # the latest round that has opened
    framework_title: str  # the chosen framework's title, or "" if the round lacks it
    in_round: bool  # the latest round uses the chosen framework
    respondents: int | None  # to the round's first questionnaire
    response_rate: int | None
    summary: Summary | None  # the chosen framework's figures
    previous_round: Round | None
    change: Change
    overdue: int
    report_url: str
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
        if self.summary is None or self.summary.suppressed:
            return None
        return self.summary.overall if self.summary.overall.has_score else None

    @property
    def band_label(self) -> str:
        return self.score.band.label if self.score and self.score.band else ""

    @property
    def split(self) -> int | None:
        return None if self.score is None else self.summary.split

    @property
    def concern(self) -> int | None:
        return None if self.score is None else self.summary.concern

    @property
    def score_text(self) -> str:
        """The score cell in words, as in the table and the CSV."""
        if self.round is None:
            return "No round yet"
        if not self.round.results_released:
            return "When the round closes"
        if not self.in_round:
            return "Not in this round"
        if self.summary.suppressed:
            return f"Fewer than {self.summary.threshold} responses"
        if self.score is None:
            return "No score"
        return str(self.score.shown)

    @property
    def closes_in(self) -> int | None:
        if self.round is None or self.round.status != RoundStatus.OPEN:
            return None
        return (self.round.closes_on - timezone.localdate()).days


def flags_for(row: DashboardRow, today: date) -> tuple[Flag, ...]:
    """What a facilitator can act on."""
    flags = []
    if (
        row.round is not None
        and row.round.status == RoundStatus.OPEN
        and row.response_rate is not None
        and row.response_rate < LOW_RESPONSE_RATE
        and 0 <= (row.round.closes_on - today).days <= CLOSING_SOON_DAYS
    ):
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
    """Every partnership the user facilitates, for one framework."""

    rows: list[DashboardRow]
    framework_slug: str | None
    framework_title: str
    framework_choices: tuple[tuple[str, str], ...]  # (slug, title), most used first
    band_choices: tuple[tuple[str, str], ...]  # (label, label) of the framework's bands
    region_choices: tuple[str, ...]
    band_colours: dict[str, str] = field(default_factory=dict)


def build_portfolio(user, *, slug: str | None = None) -> Portfolio:
    """All rows, unfiltered and unsorted. ``slug`` chooses the framework whose scores are
    shown; by default the one most of the latest rounds use."""
    today = timezone.localdate()
    partnerships = portfolio.facilitated_partnerships(user)
    latest_ids = [p.latest_round_id for p in partnerships if p.latest_round_id]
    links = portfolio.round_links(latest_ids) if latest_ids else []
    links_by_round: dict[int, list[RoundFramework]] = {}
    for link in links:
        links_by_round.setdefault(link.round_id, []).append(link)

    used = Counter(link.framework.slug for link in links)
    titles = {}
    for link in sorted(links, key=lambda link: link.framework.version):
        titles[link.framework.slug] = link.framework.title
    choices = tuple(
        (s, titles[s]) for s in sorted(used, key=lambda s: (-used[s], titles[s].casefold()))
    )
    if slug not in titles:
        slug = choices[0][0] if choices else None

    chosen = {link.round_id: link for link in links if link.framework.slug == slug}
    previous = portfolio.links_by_pk(
        link.previous_link_id for link in chosen.values() if link.previous_link_id
    )
    specs: dict[int, FrameworkSpec] = {}
    for link in [*chosen.values(), *previous.values()]:
        if link.framework_id not in specs:
            specs[link.framework_id] = framework_spec(link.framework)
    round_ids = sorted({*latest_ids, *(link.round_id for link in previous.values())})
    sizes = portfolio.respondents_by_cell(round_ids=round_ids) if round_ids else {}
    counts = (
        portfolio.cell_count_rows(round_ids=round_ids, framework_ids=sorted(specs)) if specs else {}
    )
    partners = portfolio.partners_by_partnership([p.pk for p in partnerships])

    rows = []
    for partnership in partnerships:
        round_links = links_by_round.get(partnership.latest_round_id, [])
        round_ = round_links[0].round if round_links else None
        labels = {
            **{partner.pk: partner.name for partner in partners.get(partnership.pk, [])},
            None: NO_PARTNER_LABEL,
        }
        respondents = rate = None
        if round_links:
            first = round_links[0]
            first_sizes = partner_sizes(sizes.get((first.round_id, first.framework_id), {}))
            respondents = sum(first_sizes.values())
            rate = overall_response_rate(
                [
                    ResponseRateRow(
                        partner=partner.name,
                        responses=first_sizes.get(partner.pk, 0),
                        invited=partner.people_invited,
                        members=partner.members,
                    )
                    for partner in partners.get(partnership.pk, [])
                ],
                respondents,
            )
        link = chosen.get(partnership.latest_round_id)
        if link is not None and not link.round.results_released:
            link = None  # results are released at close: an open round shows counts only
        summary = previous_round = None
        change = Change(None)
        if link is not None:
            key = (link.round_id, link.framework_id)
            summary = summarise(
                specs[link.framework_id],
                counts.get(key, []),
                sizes.get(key, {}),
                labels,
                link.round.anonymity_threshold,
            )
            before = previous.get(link.previous_link_id)
            if before is not None:
                previous_round = before.round
                before_key = (before.round_id, before.framework_id)
                before_spec = specs[before.framework_id]
                if (
                    sum(sizes.get(before_key, {}).values()) >= before.round.anonymity_threshold
                    and before_spec.scale is not None
                ):
                    before_overall = overall_scores(
                        before_spec,
                        counts.get(before_key, []),
                        threshold=before.round.anonymity_threshold,
                    ).overall
                    if not summary.suppressed:
                        change = change_between(
                            summary.overall, ScoreView.of(before_overall, before_spec.bands)
                        )
        if link is not None:
            report_url = reverse("round_report", args=[link.round_id, link.framework.slug])
        elif round_ is not None and round_.results_released:
            report_url = reverse("round_report", args=[round_.pk])
        elif round_ is not None:
            report_url = reverse("round_detail", args=[round_.pk])
        else:
            report_url = reverse("partnership_detail", args=[partnership.pk])
        row = DashboardRow(
            partnership=partnership,
            round=round_,
            framework_title=link.framework.title if link else "",
            in_round=link is not None,
            respondents=respondents,
            response_rate=rate,
            summary=summary,
            previous_round=previous_round,
            change=change,
            overdue=partnership.overdue_actions,
            report_url=report_url,
        )
        row.flags = flags_for(row, today)
        rows.append(row)

    bands = {}
    for spec in sorted(specs.values(), key=lambda s: s.version):
        if spec.slug == slug:
            bands = {b.label: b for b in sorted(spec.bands, key=lambda b: b.lower_bound)}
    return Portfolio(
        rows=rows,
        framework_slug=slug,
        framework_title=titles.get(slug, ""),
        framework_choices=choices,
        band_choices=tuple((label, label) for label in bands),
        region_choices=tuple(
            sorted({p.region for p in partnerships if p.region}, key=str.casefold)
        ),
        band_colours={label: band.colour for label, band in bands.items()},
    )
