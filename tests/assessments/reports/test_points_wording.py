"""Gaps and spreads are counted in points: "1 point", never "1 points", wherever they are
written (the workshop agenda, suggested actions, the report and the PDF pack)."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

from assessments.reports.comparison import points
from assessments.reports.highlights import suggested_actions
from assessments.reports.workshop import _why

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


@pytest.mark.parametrize(
    ("n", "text"), [(0, "0 points"), (1, "1 point"), (2, "2 points"), (26, "26 points")]
)
def test_points(n, text):
    assert points(n) == text


def _row(**fields):
    row = {
        "key": "d1",
        "title": "Shared purpose",
        "partners_differ": False,
        "answers_spread": False,
        "gap": 1,
        "spread": 1,
        "split": True,
        "advice": "",
        "id": 1,
        "score": SimpleNamespace(band=None, value=50, shown="50"),
    }
    row.update(fields)
    return SimpleNamespace(**row)


def test_the_workshop_agenda_says_one_point():
    assert _why(_row(), {"d1"}) == "One of the biggest gaps between partners (1 point)"
    assert _why(_row(partners_differ=True, answers_spread=True), set()) == (
        "Partners differ by 1 point; individual answers spread widely (1 point)"
    )


def test_suggested_actions_say_one_point():
    (action,) = suggested_actions([_row(partners_differ=True, answers_spread=True)], ())
    assert "(1 point apart)" in action.reason
    assert "(spread 1 point)" in action.reason


def test_the_workshop_figures_say_one_point():
    item = SimpleNamespace(row=_row(plan=None, guidance="", advice=""), groups=(), actions=())
    html = render_to_string("assessments/plans/_item_figures.html", {"item": item})
    assert "1 point between partners" in html
    assert "spread 1 point<" in html
    assert "1 points" not in html


def test_no_template_writes_a_count_then_points_without_pluralising():
    unpluralised = re.compile(r"\}\}\s+points\b")
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if unpluralised.search(path.read_text())
    ]
    assert offenders == []
