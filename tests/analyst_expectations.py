"""What the analyst CSVs must say, read off the report page's own presenter.

``page_rows`` builds the rows of one framework in one closed round from
``build_round_report`` (what the page shows: its groups, scores, bands, counts, spread and
notes). It is the naive computation: one report per round, fifteen queries each. The
analyst CSVs fold many partnerships at once from bulk queries; tests hold every row of
theirs equal to this one.
"""

from assessments.reports.analyst_csv import LOCAL_NOTE, THIN_NOTE
from assessments.reports.round_report import build_round_report


def _shown(score):
    return "" if score is None or score.shown is None else score.shown


def _band(score):
    return score.band.label if score is not None and score.band else ""


def page_rows(round_, framework) -> list[list[str]]:
    """Rows under ANALYST_HEADER, as text, for one framework in one closed round."""
    report = build_round_report(round_, framework, include_comments=False)
    partnership = round_.partnership
    common = [
        partnership.name,
        partnership.region,
        round_.title,
        round_.opens_on.isoformat(),
        round_.closes_on.isoformat(),
        framework.title,
        framework.version,
    ]
    everyone = ["all", "All responses", report.respondents]
    if report.suppressed:
        note = f"Fewer than {report.threshold} responses: figures are not shown"
        return [_text([*common, "framework", "", "", *everyone, "", "", "", "", "", note])]
    rows = [
        [
            *common,
            "framework",
            "",
            "",
            *everyone,
            _shown(report.overall),
            _band(report.overall),
            "",
            "",
            "",
            report.publication.note,
        ]
    ]
    for d in (*report.dimensions, *report.local_dimensions):
        dimension = [*common, "dimension", d.title, "yes" if d.local_context else "no"]
        rows.append(
            [
                *dimension,
                *everyone,
                _shown(d.score),
                _band(d.score),
                d.answered,
                "" if d.spread is None else d.spread,
                "yes" if d.split else "no",
                LOCAL_NOTE if d.local_context else "",
            ]
        )
        thin = d.title in report.dimensions_not_broken_down
        note = THIN_NOTE.format(threshold=report.threshold) if thin else ""
        for group_type, grouping, cells in (
            ("partner", report.groups, d.cells),
            ("role", report.role_groups, d.role_cells),
        ):
            for group, cell in zip(grouping.groups, cells, strict=True):
                rows.append(
                    [
                        *dimension,
                        group_type,
                        group.label,
                        group.respondents,
                        _shown(cell),
                        _band(cell),
                        "",
                        "",
                        "",
                        note,
                    ]
                )
    return [_text(row) for row in rows]


def _text(row) -> list[str]:
    return [str(value) for value in row]
