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


# All but one (ADR 0036, amendment of 30 November 2026) ---------------------------------------
# A tester's round of six: m1 chose "Strongly disagree" on every item and the other five
# "Agree". The report said "Strongly disagree: 1 · Agree: 5": m1, subtracting their own
# answer, read what all five others said (and so does anyone who knows m1's answer).


def test_a_round_in_which_all_but_one_gave_one_answer_does_not_say_so(
    client, partnership, manager, framework, practices
):
    a, b = practices["Practice A"], practices["Practice B"]
    answers = [(a, 1), (a, 4), (a, 4), (b, 4), (b, 4), (b, 4)]
    round_ = closed_round(partnership, framework, manager, answers)
    labels = framework_spec(framework).scale_labels
    lowest, agree = labels[0], labels[3]
    client.force_login(manager)

    page = client.get(reverse("round_report", args=[round_.pk])).content.decode()
    assert WITHHELD_NOTE in page
    assert f"{lowest}: 1" not in page and f"{agree}: 5" not in page
    assert page.count("Not shown, to keep answers anonymous") == len(scored_items(framework))

    rows = csv_rows(client, round_, framework)
    items = [r for r in rows if r["level"] == "item"]
    assert items and all(r["note"] == WITHHELD_NOTE and r["score"] == "" for r in items)
    assert not [r for r in rows if r["level"] == "answer"]  # no distribution at all
    assert all(r["score"] == "" and r["spread"] == "" for r in rows if r["level"] == "dimension")
    assert all(r["score"] == "" for r in rows if r["level"] == "framework")

    book = workbook(client.get(reverse("round_report_xlsx", args=[round_.pk])))
    distributions = list(book["Item distributions"].iter_rows(min_row=2, values_only=True))
    assert distributions and all(row[4] == WITHHELD_NOTE for row in distributions)
    assert all(row[5] is None and row[7] is None for row in distributions)
    numbers = {
        c.value for sheet in book for row in sheet.iter_rows() for c in row
        if isinstance(c.value, int | float)
    }  # fmt: skip
    assert not numbers & {62.5, 63, 75, 5 / 6}  # no score, mean or share of the five

    pdf = "\n".join(pdf_pages(client.get(reverse("round_report_pdf", args=[round_.pk]))))
    assert "Some figures are not shown" in pdf
    assert "Overall score: No score" in pdf  # not (0 + 5 × 75) / 6 = 63
    assert "Section 1 title No score" in pdf and "Section 2 title No score" in pdf


def test_one_practice_in_which_all_but_one_gave_one_answer_cannot_be_read_or_subtracted(
    client, partnership, manager, framework, practices
):
    # Practice A: one person chose the lowest answer, two chose "Agree". Practice B: three
    # different answers. Everyone's figures are a mix (two or more outside "Agree"), so they
    # are shown; no group figure may be, or A's "1 · 2" would follow from A's own figures or
    # from everyone's less B's.
    a, b = practices["Practice A"], practices["Practice B"]
    round_ = closed_round(
        partnership, framework, manager, [(a, 1), (a, 4), (a, 4), (b, 2), (b, 4), (b, 5)]
    )
    lowest = framework_spec(framework).scale_labels[0]
    client.force_login(manager)

    rows = csv_rows(client, round_, framework)
    partner_rows = [r for r in rows if r["group_type"] == "partner" and r["level"] != "answer"]
    assert {r["group"] for r in partner_rows} == {"Practice A", "Practice B"}
    assert all(r["score"] == "" for r in partner_rows), partner_rows
    assert not [r for r in rows if r["level"] == "answer" and r["group_type"] == "partner"]
    answers = [r for r in rows if r["level"] == "answer" and r["answer"] == lowest]
    assert answers and all(r["count"] == "1" and r["group_type"] == "all" for r in answers)

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
    partners = pdf.split("How each partner sees it", 1)[1]
    assert "Section 1 title – –" in partners and "Section 2 title – –" in partners  # no scores
