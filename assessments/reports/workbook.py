"""A closed round's Excel workbook (openpyxl): summary, dimension scores per published group,
item distributions and the action plan.

Every figure comes from the round pack (round_pack.py: the report page's own presenter), so
the workbook shows the same groups and suppression as the page. Numbers are stored as
numbers (scores 0–100 as whole numbers, percentages as fractions formatted ``0%``, dates as
dates), header rows are frozen, columns have widths, and no text is ever stored as a formula.
"""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from assessments.reports.disclosure import WITHHELD_NOTE
from assessments.reports.round_pack import RoundPack
from assessments.reports.round_report import RoundReport

HEADER_FILL = PatternFill("solid", fgColor="005EB8")  # NHS blue
HEADER_FONT = Font(bold=True, color="FFFFFF")
PERCENT = "0%"
DATE = "d mmm yyyy"
WHOLE = "0"

SUMMARY_HEADER = (
    ("Framework", 34),
    ("Responses", 11),
    ("Score (0–100)", 13),
    ("Band", 14),
    ("Change since previous round", 16),
    ("Split dimensions", 11),
    ("Top strengths", 40),
    ("Top concerns", 40),
    ("Note", 40),
)
DIMENSION_HEADER = (
    ("Framework", 30),
    ("Dimension", 40),
    ("Local context", 9),
    ("Group type", 10),
    ("Group", 30),
    ("Responses", 11),
    ("Score (0–100)", 13),
    ("Band", 14),
    ("Ratings", 9),
    ("Spread (points)", 10),
    ("Partners differ", 9),
    ("Individuals spread widely", 11),
    ("Change since previous round", 16),
)
ITEM_HEADER = (
    ("Framework", 30),
    ("Dimension", 34),
    ("Statement", 60),
    ("Reverse-scored", 9),
    ("Answer", 22),
    ("Count", 9),
    ("Share of answers", 10),
    ("Item score (0–100)", 11),
)
ACTION_HEADER = (
    ("Action", 50),
    ("Owner", 24),
    ("Due", 13),
    ("Status", 13),
    ("Overdue", 9),
    ("Dimension", 34),
    ("Agreed after", 24),
)


def build_workbook(pack: RoundPack) -> bytes:
    """The workbook as .xlsx bytes."""
    book = Workbook()
    _summary(book.active, pack)
    _dimensions(book.create_sheet("Dimension scores"), pack)
    _items(book.create_sheet("Item distributions"), pack)
    _actions(book.create_sheet("Action plan"), pack)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(sheet, header) -> None:
    """The header row (appended below what the sheet holds), styled and frozen."""
    sheet.append([title for title, _ in header])
    start_row = sheet.max_row
    for column, (_, width) in enumerate(header, start=1):
        cell = sheet.cell(row=start_row, column=column)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{start_row + 1}"  # a coordinate: making a cell would add a row


def _append(sheet, values, formats=None) -> None:
    """One row; text is always text (never run as a formula), numbers get their format."""
    sheet.append(list(values))
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"
        if formats and column in formats and value not in ("", None):
            cell.number_format = formats[column]


def _score(view):
    return None if view is None or view.shown is None else view.shown


def _band(view) -> str:
    return view.band.label if view is not None and view.band else ""


def _summary(sheet, pack: RoundPack) -> None:
    sheet.title = "Summary"
    round_ = pack.round
    facts = (
        ("Partnership", pack.partnership.name),
        ("Round", round_.title),
        ("Opened", round_.opens_on),
        # When it actually closed, not the planned date (``closes_on``).
        ("Closed", timezone.localtime(round_.closed_at).date() if round_.closed_at else None),
        ("Responses", pack.respondents),
        ("Response rate", None if pack.response_rate is None else pack.response_rate / 100),
        ("Anonymity threshold", round_.anonymity_threshold),
        ("Made on", pack.generated_on),
    )
    for label, value in facts:
        _append(sheet, [label, value])
        cell = sheet.cell(row=sheet.max_row, column=2)
        cell.alignment = Alignment(horizontal="left")
        if label in ("Opened", "Closed", "Made on"):
            cell.number_format = DATE
        elif label == "Response rate":
            cell.number_format = PERCENT
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append([])
    _sheet(sheet, SUMMARY_HEADER)
    for report in pack.reports:
        _append(sheet, _summary_row(report), {3: WHOLE, 5: WHOLE})


def _summary_row(report: RoundReport) -> list:
    title = report.framework.title
    if report.suppressed:
        note = f"Fewer than {report.threshold} responses: figures are not shown"
        return [title, report.respondents, None, "", None, None, "", "", note]
    return [
        title,
        report.respondents,
        _score(report.overall),
        _band(report.overall),
        report.overall_change.points,
        sum(d.split for d in report.dimensions),
        _listed(report.strengths, report.top_band),
        _listed(report.concerns, report.lowest_band),
        "",
    ]


def _listed(dimensions, band) -> str:
    """Top strengths or concerns, or, when there are none, which band is empty (as the page
    says it)."""
    if not dimensions:
        return f"No dimension is in the {band.label.lower()} band" if band else ""
    return "; ".join(f"{d.title} ({d.score.shown})" for d in dimensions)


def _dimensions(sheet, pack: RoundPack) -> None:
    _sheet(sheet, DIMENSION_HEADER)
    for report in pack.reports:
        if report.suppressed:
            continue
        for d in (*report.dimensions, *report.local_dimensions):
            base = [report.framework.title, d.title, "yes" if d.local_context else "no"]
            _append(
                sheet,
                [
                    *base,
                    "all",
                    "All responses",
                    report.respondents,
                    _score(d.score),
                    _band(d.score),
                    d.answered,
                    d.spread,
                    "yes" if d.partners_differ else "no",
                    "yes" if d.answers_spread else "no",
                    d.change.points,
                ],
            )
            for group_type, grouping, cells in (
                ("partner", report.groups, d.cells),
                ("role", report.role_groups, d.role_cells),
            ):
                for group, cell in zip(grouping.groups, cells, strict=True):
                    _append(
                        sheet,
                        [*base, group_type, group.label, group.respondents, _score(cell)]
                        + [_band(cell), None, None, "", "", None],
                    )


def _items(sheet, pack: RoundPack) -> None:
    _sheet(sheet, ITEM_HEADER)
    for report in pack.reports:
        if report.suppressed:
            continue
        for d in (*report.dimensions, *report.local_dimensions):
            for item in d.items:
                if item.withheld:
                    reverse = "yes" if item.reverse_scored else "no"
                    row = [report.framework.title, d.title, item.statement, reverse]
                    _append(sheet, [*row, WITHHELD_NOTE, None, None, None])
                for bar in item.bars:
                    _append(
                        sheet,
                        [
                            report.framework.title,
                            d.title,
                            item.statement,
                            "yes" if item.reverse_scored else "no",
                            bar.label,
                            bar.count,
                            bar.percent / 100 if item.answered else None,
                            _score(item.score),
                        ],
                        {7: PERCENT},
                    )


def _actions(sheet, pack: RoundPack) -> None:
    _sheet(sheet, ACTION_HEADER)
    for a in pack.actions:
        _append(
            sheet,
            [
                a.title,
                a.owner,
                a.due_on,
                a.status_label,
                "yes" if a.overdue else "no",
                a.dimension,
                a.raised_in,
            ],
            {3: DATE},
        )
