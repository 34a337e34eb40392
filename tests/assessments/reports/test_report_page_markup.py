"""The report page's per-statement and per-cell markup, built in Python (ADR 0042), is the
markup the templates it replaced rendered, character for character: ``_score.html`` (still
used by other pages) and the loops over an item's bars that ``_dimension_detail.html`` had,
kept here as the reference."""

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string

from assessments.reports.report_rows import Bar, ItemRow, score_tag
from assessments.reports.results import ScoreView
from assessments.scoring import Band

# The loops _dimension_detail.html had before ADR 0042.
OLD_BARS = Template(
    '{% for bar in item.bars %}{% if bar.percent %}<span class="app-bar__segment '
    'app-bar__segment--{{ forloop.counter }} app-width-{{ bar.percent }}"></span>{% endif %}'
    "{% endfor %}"
)
OLD_WORDS = Template(
    "{% for bar in item.bars %}{{ bar.label }}: {{ bar.count }}{% if item.answered %} "
    "({{ bar.percent }}%){% endif %}{% if not forloop.last %} · {% endif %}{% endfor %}"
    "{% if item.not_applicable %} · Not applicable: {{ item.not_applicable }}{% endif %}"
)
NEW_WORDS = Template("{{ item.answers_text }}")

GOOD = Band("Good", 60, "green")
ODD = Band('Fair & "<mixed>"', 40, "orange")


@pytest.mark.parametrize(
    "score",
    [
        ScoreView(None, None),
        ScoreView(None, GOOD),
        ScoreView(72.5, GOOD),
        ScoreView(0.0, ODD),
        ScoreView(100.0, Band("ALL CAPS", 90, "blue")),
        ScoreView(55.0, None),  # a score with no band: the old template printed blanks
    ],
)
def test_a_score_tag_is_what_the_score_include_rendered(score):
    old = render_to_string("assessments/reports/_score.html", {"score": score})
    assert old.endswith("\n")
    assert score_tag(score) == old[:-1]


def item(bars, *, answered, not_applicable=0):
    return ItemRow(
        statement="S",
        reverse_scored=False,
        score=ScoreView(None, None),
        answered=answered,
        not_applicable=not_applicable,
        bars=tuple(Bar(label, count, percent) for label, count, percent in bars),
    )


@pytest.mark.parametrize(
    "row",
    [
        item([("Disagree", 3, 30), ("Agree & <more>", 7, 70)], answered=10),
        item([("No", 0, 0), ("Yes", 12, 100), ("Maybe", 0, 0)], answered=12, not_applicable=2),
        item([("No", 0, 0), ("Yes", 0, 0)], answered=0, not_applicable=4),
        item([], answered=0, not_applicable=1),
        item([("Only", 1234, 100)], answered=1234),
    ],
)
def test_an_items_bar_and_words_are_what_the_loops_rendered(row):
    context = Context({"item": row})
    assert row.bar_segments == OLD_BARS.render(context)
    assert NEW_WORDS.render(context) == OLD_WORDS.render(context)
