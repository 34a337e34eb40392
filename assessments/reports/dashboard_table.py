"""The facilitator dashboard as a table: its columns, sorting, filters, and the same rows as
CSV text. Works on ``assessments.reports.dashboard.DashboardRow``s; no queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assessments.reports.dashboard import NO_SCORE, DashboardRow


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: Callable[[DashboardRow], object]  # what the column sorts on; None sorts last
    numeric: bool = False
    hidden: str = ""  # the rest of the heading, for screen readers (keeps columns narrow)


def _casefold(text: str) -> str:
    return text.casefold()


COLUMNS = (
    Column("name", "Partnership", lambda r: _casefold(r.partnership.name)),
    Column("region", "ICB or region", lambda r: _casefold(r.partnership.region) or None),
    Column("round", "Latest round", lambda r: r.round.closes_on if r.round else None),
    Column("rate", "Response rate", lambda r: r.response_rate, numeric=True),
    Column("score", "Score", lambda r: r.score.value if r.score else None, numeric=True),
    Column("change", "Change", lambda r: r.change.points, numeric=True),
    Column("split", "Split", lambda r: r.split, numeric=True, hidden=" dimensions"),
    Column("overdue", "Overdue", lambda r: r.overdue, numeric=True, hidden=" actions"),
    Column("attention", "Needs attention", lambda r: len(r.flags), numeric=True),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)


def sort_rows(rows: list[DashboardRow], key: str, descending: bool) -> list[DashboardRow]:
    """Sorted on one column; ties by name; rows with no value last in either direction."""
    column = next(c for c in COLUMNS if c.key == key)
    by_name = sorted(rows, key=lambda r: (_casefold(r.partnership.name), r.partnership.pk))
    present = [r for r in by_name if column.value(r) is not None]
    missing = [r for r in by_name if column.value(r) is None]
    return sorted(present, key=column.value, reverse=descending) + missing


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


def filter_rows(rows: list[DashboardRow], filters: Filters) -> list[DashboardRow]:
    name = filters.name.strip().casefold()
    kept = []
    for row in rows:
        if name and name not in row.partnership.name.casefold():
            continue
        if filters.region and row.partnership.region != filters.region:
            continue
        if filters.status and row.status != filters.status:
            continue
        if filters.band == NO_SCORE and row.score is not None:
            continue
        if filters.band and filters.band != NO_SCORE and row.band_label != filters.band:
            continue
        if filters.attention and not row.flags:
            continue
        kept.append(row)
    return kept


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
