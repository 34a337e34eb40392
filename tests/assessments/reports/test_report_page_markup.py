"""The report page's per-statement and per-cell markup, built in Python (ADR 0042, 0043), is
the markup the templates it replaced rendered, character for character: ``_score.html``
(still used by other pages), the loops over an item's bars that ``_dimension_detail.html``
had, and that file's loop body for a statement's row, kept here as the reference."""

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


# The loop body of _dimension_detail.html's statement rows before ADR 0043.
OLD_ROW = Template(
    "\n"
    '      <tr class="nhsuk-table__row">\n'
    '        <td class="nhsuk-table__cell">{{ item.statement }}{% if item.reverse_scored %}'
    '<br><span class="nhsuk-body-s">Reverse-scored: a higher answer lowers the score.</span>'
    "{% endif %}</td>\n"
    '        <td class="nhsuk-table__cell">{{ item.score_tag }}\n'
    "</td>\n"
    '        <td class="nhsuk-table__cell">{% if item.withheld %}'
    '<span class="nhsuk-body-s">Not shown, to keep answers anonymous</span>{% else %}\n'
    '          <div class="app-bar" aria-hidden="true">{{ item.bar_segments }}</div>\n'
    '          <span class="nhsuk-body-s">{{ item.answers_text }}</span>{% endif %}\n'
    "        </td>\n"
    "      </tr>\n"
    "    "
)


@pytest.mark.parametrize(
    "row",
    [
        item([("Disagree", 3, 30), ("Agree & <more>", 7, 70)], answered=10),
        item([("No", 0, 0), ("Yes", 0, 0)], answered=0, not_applicable=4),
        ItemRow(
            statement='We "share" <data> & plans',
            reverse_scored=True,
            score=ScoreView(72.5, GOOD),
            answered=12,
            not_applicable=1,
            bars=(Bar("Disagree", 2, 17), Bar("Agree", 10, 83)),
        ),
        ItemRow(
            statement="Withheld",
            reverse_scored=True,
            score=ScoreView(None, None),
            answered=0,
            not_applicable=0,
            bars=(),
            withheld=True,
        ),
        ItemRow(
            statement="It's <b>bold</b>",
            reverse_scored=False,
            score=ScoreView(0.0, ODD),
            answered=5,
            not_applicable=0,
            bars=(Bar("No", 5, 100),),
            withheld=False,
        ),
    ],
)
def test_a_statements_row_is_what_the_loop_body_rendered(row):
    assert row.table_row == OLD_ROW.render(Context({"item": row}))
