"""CSV exports in long format: one figure per row, the same figures the pages show."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from assessments.reports.disclosure import WITHHELD_NOTE

if TYPE_CHECKING:  # annotations only: the analyst CSVs stream without the report presenter
    from assessments.reports.round_report import DimensionRow, RoundReport

REPORT_HEADER = [
    "round",
    "round_closes_on",
    "framework",
    "framework_version",
    "level",
    "dimension",
    "statement",
    "answer",
    "group_type",
    "group",
    "responses",
    "score",
    "band",
    "count",
    "not_applicable",
    "spread",
    "split",
    "change_since_previous_round",
    "note",
]


BOM = "\ufeff"


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence]) -> Iterable[str]:
    """The header (after a UTF-8 byte-order mark so Excel reads the file as UTF-8), then each
    row with the formula guard: what every CSV download streams."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(header)
    for row in rows:
        # csv_safe, inlined: a million-row stream calls it for every cell.
        yield writer.writerow(
            [
                "'" + value if isinstance(value, str) and value[:1] in FORMULA_STARTS else value
                for value in row
            ]
        )


FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def csv_safe(value):
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def report_rows(report: RoundReport) -> Iterator[list]:
    """The round report as rows under REPORT_HEADER. Hidden groups stay hidden."""
    round_, framework = report.round, report.framework

    def row(level, **values):
        record = dict.fromkeys(REPORT_HEADER, "")
        record.update(
            round=round_.title,
            round_closes_on=round_.closes_on.isoformat(),
            framework=framework.title,
            framework_version=framework.version,
            level=level,
        )
        record.update(values)
        return [csv_safe(record[column]) for column in REPORT_HEADER]

    if report.suppressed:
        yield row(
            "framework",
            group_type="all",
            group="All responses",
            responses=report.respondents,
            note=f"Fewer than {report.threshold} responses: figures are not shown",
        )
        return
    yield row(
        "framework",
        group_type="all",
        group="All responses",
        responses=report.respondents,
        score=_shown(report.overall),
        band=_band(report.overall),
        change_since_previous_round=_change(report.overall_change),
    )
    for dimension in (*report.dimensions, *report.local_dimensions):
        yield from _dimension_rows(report, dimension, row)


def _dimension_rows(report: RoundReport, d: DimensionRow, row) -> Iterator[list]:
    note = "Local context: not part of the overall score" if d.local_context else ""
    yield row(
        "dimension",
        dimension=d.title,
        group_type="all",
        group="All responses",
        responses=report.respondents,
        score=_shown(d.score),
        band=_band(d.score),
        count=d.answered,
        not_applicable=d.not_applicable,
        spread="" if d.spread is None else d.spread,
        split="yes" if d.split else "no",
        change_since_previous_round=_change(d.change),
        note=note,
    )
    for group_type, grouping, cells in (
        ("partner", report.groups, d.cells),
        ("role", report.role_groups, d.role_cells),
    ):
        for group, cell in zip(grouping.groups, cells, strict=True):
            yield row(
                "dimension",
                dimension=d.title,
                group_type=group_type,
                group=group.label,
                responses=group.respondents,
                score=_shown(cell),
                band=_band(cell),
            )
    for item in d.items:
        yield row(
            "item",
            dimension=d.title,
            statement=item.statement,
            group_type="all",
            group="All responses",
            score=_shown(item.score),
            band=_band(item.score),
            count=item.answered,
            not_applicable=item.not_applicable,
            note=_item_note(item),
        )
        for bar in item.bars:
            yield row(
                "answer",
                dimension=d.title,
                statement=item.statement,
                answer=bar.label,
                group_type="all",
                group="All responses",
                count=bar.count,
            )


def _item_note(item) -> str:
    if item.withheld:
        return WITHHELD_NOTE
    return "Reverse-scored" if item.reverse_scored else ""


def _shown(score) -> int | str:
    return "" if score is None or score.shown is None else score.shown


def _band(score) -> str:
    return score.band.label if score is not None and score.band else ""


def _change(change) -> int | str:
    return "" if change.points is None else change.points
