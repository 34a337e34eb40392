"""The SVG charts keep every label inside the chart, wrapping or abbreviating it, with the
full text kept as the label's <title>."""

import re

import pytest

from assessments.reports import charts
from assessments.reports.charts import Series, _wrap

LONG = "Cutting across the organisational structure"


def test_wrap_breaks_at_spaces_within_the_width():
    assert _wrap("Too difficult to work with others", 18) == [
        "Too difficult to",
        "work with others",
    ]


def test_wrap_splits_a_word_longer_than_a_line():
    assert _wrap("X" * 25, 10, 3) == ["X" * 10, "X" * 10, "X" * 5]


def test_wrap_ends_in_an_ellipsis_when_the_text_does_not_fit():
    lines = _wrap(LONG, 12, 2)
    assert lines == ["Cutting", "across the…"]
    assert all(len(line) <= 12 for line in lines)


def viewbox_width(svg: str) -> float:
    return float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))


def text_extents(svg: str):
    """(left, right) of every <text>, estimated as the chart module estimates widths."""
    for match in re.finditer(r'<text font-size="(\d+)"[^>]*text-anchor="(\w+)">(.*?)</text>', svg):
        size, anchor, body = int(match[1]), match[2], match[3]
        for x, line in re.findall(r'<tspan x="([\d.]+)"[^>]*>(.*?)</tspan>', body):
            width = len(line) * size * charts.CHARACTER_WIDTH
            x = float(x)
            yield {
                "start": (x, x + width),
                "end": (x - width, x),
                "middle": (x - width / 2, x + width / 2),
            }[anchor]


@pytest.mark.parametrize("rounds", [1, 2, 3, 6])
def test_line_chart_labels_fit_inside_the_chart(rounds):
    labels = [f"Spring review {2020 + n} after the merger" for n in range(rounds)]
    series = [Series(name=LONG, values=[50] * rounds), Series(name="Overall", values=[60] * rounds)]
    svg = charts.line_chart(labels, series, title="t", description="d", chart_id="c")
    width = viewbox_width(svg)
    extents = list(text_extents(svg))
    assert extents, "the labels are written as <text> with <tspan> lines"
    assert all(left >= 0 and right <= width for left, right in extents), extents
    # Abbreviated labels keep their full text as a tooltip.
    assert f"<title>{labels[0]}</title>" in svg or labels[0] in svg


def test_line_chart_legend_shows_the_whole_name_when_it_fits():
    svg = charts.line_chart(
        ["Baseline", "Spring review"],
        [Series(name=LONG, values=[40, 50])],
        title="t",
        description="d",
        chart_id="c",
    )
    assert ">Spring review</tspan>" in svg
    assert f">{LONG}</tspan>" in svg


def test_radar_chart_labels_fit_inside_the_chart():
    labels = [LONG, "Too difficult to work with others", "Accountability issues", "X" * 60, "B"]
    svg = charts.radar_chart(
        labels,
        [Series(name="Spring review", values=[50] * 5)],
        title="t",
        description="d",
        chart_id="r",
    )
    width = viewbox_width(svg)
    assert all(left >= 0 and right <= width for left, right in text_extents(svg))
    assert f"<title>{'X' * 60}</title>" in svg
