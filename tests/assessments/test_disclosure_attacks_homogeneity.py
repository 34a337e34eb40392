"""Group disclosure (ADR 0036), tried through the pages and downloads (Django's test client,
nothing mocked): a small group in which everyone gave the same answer.

A fresh tester found that when all three people of a practice chose the lowest option, the
report said so ("Strongly disagree: 3 (100%)", a score of 0, a spread of 0): each person's
answer, for anyone who knows who works there. Both ways in are tried: the whole round
unanimous, and one practice unanimous inside a round that is not (where the practice's
figures, or everyone's less the other practice's, would say the same). Each page and
download must now recover nothing.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import RoundStatus
from assessments.reports.disclosure import WITHHELD_NOTE
from assessments.reports.structure import framework_spec
from tests.assessments.test_disclosure_attacks import (
    answer_as_guest,
    csv_download,
    framework,  # noqa: F401
    practices,  # noqa: F401
    scored_items,
)
from tests.downloads import pdf_pages, workbook
from tests.factories import RoundFactory

pytestmark = pytest.mark.django_db


def closed_round(partnership, framework, manager, answers):  # noqa: F811
    """A round answered by guests, (partner, value for every item) each, then closed."""
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    for partner, value in answers:
        answer_as_guest(round_, framework, partner, "clinical", value)
    services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)
    return round_


def csv_rows(client, round_, framework):  # noqa: F811
    body = csv_download(client, round_, framework).content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def test_a_round_in_which_all_three_chose_the_lowest_answer_does_not_say_so(
    client, partnership, manager, framework, practices
):
    a = practices["Practice A"]
    round_ = closed_round(partnership, framework, manager, [(a, 1), (a, 1), (a, 1)])
    lowest = framework_spec(framework).scale_labels[0]
    client.force_login(manager)

    page = client.get(reverse("round_report", args=[round_.pk])).content.decode()
    assert WITHHELD_NOTE in page
    assert f"{lowest}: 3" not in page and "(100%)" not in page
    assert page.count("Not shown, to keep answers anonymous") == len(scored_items(framework))

    rows = csv_rows(client, round_, framework)
    items = [r for r in rows if r["level"] == "item"]
    assert items and all(r["note"] == WITHHELD_NOTE and r["score"] == "" for r in items)
    assert all(r["count"] in ("", "0") for r in items)
    assert not [r for r in rows if r["level"] == "answer"]  # no distribution at all
    dimensions = [r for r in rows if r["level"] == "dimension"]
    assert dimensions and all(r["score"] == "" and r["spread"] == "" for r in dimensions)
    assert all(r["score"] == "" for r in rows if r["level"] == "framework")

    book = workbook(client.get(reverse("round_report_xlsx", args=[round_.pk])))
    distributions = list(book["Item distributions"].iter_rows(min_row=2, values_only=True))
    assert distributions and all(row[4] == WITHHELD_NOTE for row in distributions)
    assert all(row[5] is None and row[7] is None for row in distributions)

    pdf = "\n".join(pdf_pages(client.get(reverse("round_report_pdf", args=[round_.pk]))))
    assert "Some figures are not shown" in pdf
    assert "Overall score: 0" not in pdf


def test_one_practice_all_choosing_the_lowest_answer_cannot_be_read_or_subtracted(
    client, partnership, manager, framework, practices
):
    # Practice A: three people, all the lowest answer. Practice B: three, a mix. Everyone's
    # figures are a mix too, so they are shown; no group figure may be, or A's would follow
    # from it directly (A's scores of 0) or by subtraction (everyone − B).
    a, b = practices["Practice A"], practices["Practice B"]
    round_ = closed_round(
        partnership, framework, manager, [(a, 1), (a, 1), (a, 1), (b, 2), (b, 4), (b, 5)]
    )
    lowest = framework_spec(framework).scale_labels[0]
    client.force_login(manager)

    rows = csv_rows(client, round_, framework)
    partner_rows = [r for r in rows if r["level"] == "dimension" and r["group_type"] == "partner"]
    assert {r["group"] for r in partner_rows} == {"Practice A", "Practice B"}
    assert all(r["score"] == "" for r in partner_rows), partner_rows
    # Everyone's distribution is shown: 3 of 6 chose the lowest answer, which says nothing
    # about any one person.
    answers = [r for r in rows if r["level"] == "answer" and r["answer"] == lowest]
    assert answers and all(r["count"] == "3" for r in answers)

    page = client.get(reverse("round_report", args=[round_.pk])).content.decode()
    assert WITHHELD_NOTE in page
    heatmap = page.split('id="partners"', 1)[1].split("</table>", 1)[0]
    assert "Practice A" in heatmap and "out of 100" not in heatmap  # no group score at all

    book = workbook(client.get(reverse("round_report_xlsx", args=[round_.pk])))
    sheet = next(s for s in book.worksheets if s.cell(1, 4).value == "Group type")
    group_rows = [
        row for row in sheet.iter_rows(min_row=2, values_only=True) if row[3] == "partner"
    ]
    assert {row[4] for row in group_rows} == {"Practice A", "Practice B"}
    assert all(row[6] is None for row in group_rows)  # Score (0–100): none for any group

    pdf = "\n".join(pdf_pages(client.get(reverse("round_report_pdf", args=[round_.pk]))))
    assert "Some figures are not shown" in pdf
