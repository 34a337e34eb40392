"""The facilitator dashboard as a table: its columns, filters, and the same rows as CSV text.
Works on ``assessments.reports.dashboard.DashboardRow``s; no queries. Sorting, filtering and
paging are SQL (``selectors.dashboard``, ADR 0035): a column names the annotation it sorts
on there, and ``Filters`` are passed to ``selectors.dashboard.filtered``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from assessments.reports.dashboard import NO_SCORE, DashboardRow
from assessments.selectors import dashboard as table_selectors


@dataclass(frozen=True)
class Column:
    key: str  # also the key of ``selectors.dashboard.SORT_FIELDS``: what it sorts on
    label: str
    numeric: bool = False
    hidden: str = ""  # the rest of the heading, for screen readers (keeps columns narrow)


COLUMNS = (
    Column("name", "Partnership"),
    Column("region", "ICB or region"),
    Column("round", "Latest round"),
    Column("rate", "Response rate", numeric=True),
    Column("score", "Score", numeric=True),
    Column("change", "Change", numeric=True),
    Column("split", "Split", numeric=True, hidden=" dimensions"),
    Column("overdue", "Overdue", numeric=True, hidden=" actions"),
    Column("attention", "Needs attention", numeric=True),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
assert set(COLUMN_KEYS) == set(table_selectors.SORT_FIELDS)


def sort_rows(rows: QuerySet, key: str, descending: bool) -> QuerySet:
    """Sorted on one column; ties by name; rows with no value last in either direction."""
    return table_selectors.ordered(rows, key, descending=descending)


@dataclass(frozen=True)
class Filters:
    name: str = ""
    region: str = ""
    band: str = ""  # a band label, NO_SCORE, or "" for any
    status: str = ""  # open, closed, not_started, or "" for any
    attention: bool = False

    @property
    def active(self) -> bool:
        return bool(self.name or self.region or self.band or self.status or self.attention)


def filter_rows(rows: QuerySet, filters: Filters) -> QuerySet:
    return table_selectors.filtered(
        rows,
        name=filters.name,
        region=filters.region,
        status=filters.status,
        band="" if filters.band == NO_SCORE else filters.band,
        no_score=filters.band == NO_SCORE,
        attention=filters.attention,
    )


# -- The table as text: shared by the page and the CSV download ------------------------

CSV_HEADER = (
    "Partnership",
    "ICB or region",
    "Latest round",
    "Opens",
    "Closes",
    "Status",
    "Responses",
    "Response rate (%)",
    "Framework",
    "Score",
    "Band",
    "Change",
    "Split dimensions",
    "Overdue actions",
    "Needs attention",
)


def csv_row(row: DashboardRow) -> tuple:
    return (
        row.partnership.name,
        row.partnership.region,
        row.round.title if row.round else "",
        row.round.opens_on.isoformat() if row.round else "",
        row.round.closes_on.isoformat() if row.round else "",
        row.status_label,
        "" if row.respondents is None else row.respondents,
        "" if row.response_rate is None else row.response_rate,
        row.framework_title,
        row.score_text,
        row.band_label,
        "" if row.change.points is None else row.change.points,
        "" if row.split is None else row.split,
        row.overdue,
        "; ".join(flag.text for flag in row.flags),
    )
