# ruff: noqa: F811  (the framework fixture is imported from the round report tests)
"""Report truthfulness (issue 12): what the report says matches what happened.

Each test here failed on the report as it was before issue 12: a split labelled "Split"
where partners agreed exactly, the same dimension among both strengths and concerns, the
planned closing date shown as the day a round closed, band meanings and reflection advice
never shown.
"""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from assessments.models import Round, RoundStatus
from assessments.reports.pdf_pack import pack_html
from assessments.reports.round_pack import build_round_pack
from assessments.reports.round_report import build_round_report
from frameworks.models import ResponseType
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.downloads import workbook
from tests.factories import DimensionFactory, ItemFactory, PartnerFactory, RoundFactory

pytestmark = pytest.mark.django_db

# Each respondent's answers, all items alike: 1 -> 0, 3 -> 50, 5 -> 100 (i2 is reversed).
LOW, MIDDLE, HIGH = (
    {"i1": 1, "i2": 5, "i3": 1},
    {"i1": 3, "i2": 3, "i3": 3},
    {"i1": 5, "i2": 1, "i3": 5},
)


def _closed_round(partnership, framework, **fields):
    return RoundFactory(
        partnership=partnership, frameworks=[framework], status=RoundStatus.CLOSED, **fields
    )


def test_partners_in_exact_agreement_are_not_called_split(client, manager, partnership, framework):
    # Both partners score exactly 50 (0, 50 and 100 each): partners agree, but individuals
    # are spread widely (standard deviation 45 points). Only the second is true.
    round_ = _closed_round(partnership, framework)
    for name in ("Alpha", "Bravo"):
        partner = PartnerFactory(partnership=partnership, name=name)
        for values in (LOW, MIDDLE, HIGH):
            respond(round_, framework, partner, values)

    trust = build_round_report(round_, framework).dimensions[0]
    assert [c.shown for c in trust.cells] == [50, 50]
    assert (trust.gap, trust.partners_differ, trust.answers_spread) == (0, False, True)
    assert trust.split  # either reason still counts as split in downloads and the dashboard

    client.force_login(manager)
    page = client.get(reverse("round_report", args=[round_.pk])).content.decode()
    table = page[page.index('id="dimensions"') : page.index("</table>")]
    assert "Partners differ" not in table and ">Split<" not in table
    assert "Individuals spread widely" in table
    suggestion = build_round_report(round_, framework).suggested_actions[0]
    assert "partners see it differently" not in suggestion.reason.lower()
    assert "individual answers vary widely" in suggestion.reason.lower()


def test_partners_far_apart_are_named_as_differing(partnership, framework):
    round_ = _closed_round(partnership, framework)
    alpha = PartnerFactory(partnership=partnership, name="Alpha")
    bravo = PartnerFactory(partnership=partnership, name="Bravo")
    # Each partner's three people give three different answers (a small group in which all
    # but one answered alike is withheld, ADR 0036 and its amendment).
    for values in (HIGH, {"i1": 4, "i2": 2, "i3": 4}, MIDDLE):
        respond(round_, framework, alpha, values)
    for values in (LOW, {"i1": 2, "i2": 4, "i3": 2}, MIDDLE):
        respond(round_, framework, bravo, values)
    trust = build_round_report(round_, framework).dimensions[0]
    # Alpha: (100 + 75 + 50) / 3 = 75 on both items; Bravo: (0 + 25 + 50) / 3 = 25.
    assert [c.shown for c in trust.cells] == [75, 25]
    assert (trust.gap, trust.partners_differ) == (50, True)


def test_mid_band_scores_are_neither_strengths_nor_concerns(
    client, manager, partnership, framework
):
    # Every dimension scores (25 + 75 + 100) / 3 = 66.67 -> 67, in the middle band
    # (Developing, 50 to 74), from three different answers to each item (ADR 0036).
    round_ = _closed_round(partnership, framework)
    alpha = PartnerFactory(partnership=partnership)
    for values in ({"i1": 2, "i2": 4, "i3": 2}, {"i1": 4, "i2": 2, "i3": 4}, HIGH):
        respond(round_, framework, alpha, values)
    report = build_round_report(round_, framework)
    assert [d.score.shown for d in report.dimensions] == [67, 67]
    assert {d.score.band.label for d in report.dimensions} == {"Developing"}
    assert (report.strengths, report.concerns) == ((), ())
    # The PDF pack says so in the bands' own words (it once said "All in the top band").
    html = pack_html(build_round_pack(Round.objects.get(pk=round_.pk), [framework]))
    assert "No dimension is in the strength band" in html
    assert "No dimension is in the concern band" in html
    assert "All in the top band" not in html and "None above the lowest band" not in html
    client.force_login(manager)
    book = workbook(client.get(reverse("round_report_xlsx", args=[round_.pk])))
    cells = {c.value for sheet in book for row in sheet.iter_rows() for c in row}
    assert "No dimension is in the strength band" in cells
    assert "No dimension is in the concern band" in cells


def test_strengths_and_concerns_are_disjoint_and_band_aware(partnership, framework):
    round_ = _closed_round(partnership, framework)
    alpha = PartnerFactory(partnership=partnership)
    # Trust (100 + 100 + 75 + 50) / 4 = 81.25 (top band), Vision (0 + 0 + 25 + 50) / 4 =
    # 18.75 (lowest): four people, two of them outside the most common answer (ADR 0036).
    for values in (
        {"i1": 5, "i2": 1, "i3": 1},
        {"i1": 4, "i2": 2, "i3": 2},
        {"i1": 5, "i2": 1, "i3": 1},
        {"i1": 3, "i2": 3, "i3": 3},
    ):
        respond(round_, framework, alpha, values)
    report = build_round_report(round_, framework)
    assert [d.score.shown for d in report.dimensions] == [81, 19]
    assert [d.title for d in report.strengths] == ["Trust"]
    assert [d.title for d in report.concerns] == ["Vision"]


@pytest.fixture
def closed_early(partnership, framework):
    """Planned to close on 31 December 2026; the manager closed it on 30 November."""
    round_ = _closed_round(
        partnership,
        framework,
        opens_on=date(2026, 11, 1),
        closes_on=date(2026, 12, 31),
        closed_at=datetime(2026, 11, 30, 15, 0, tzinfo=UTC),
    )
    alpha = PartnerFactory(partnership=partnership)
    for values in (LOW, MIDDLE, HIGH):
        respond(round_, framework, alpha, values)
    return round_


def test_trends_and_report_show_the_actual_closing_date(client, manager, closed_early):
    client.force_login(manager)
    trends = client.get(reverse("trends", args=[closed_early.partnership_id])).content.decode()
    assert "closed 30 Nov 2026" in trends and "31 Dec 2026" not in trends
    page = client.get(reverse("round_report", args=[closed_early.pk])).content.decode()
    assert "This round closed on 30 November 2026." in page


def test_workbook_and_pack_show_the_actual_closing_date(client, manager, closed_early, framework):
    client.force_login(manager)
    book = workbook(client.get(reverse("round_report_xlsx", args=[closed_early.pk])))
    facts = {row[0].value: row[1].value for row in book["Summary"].iter_rows() if row[0].value}
    assert facts["Closed"].date() == date(2026, 11, 30)
    html = pack_html(build_round_pack(Round.objects.get(pk=closed_early.pk), [framework]))
    assert "30 November 2026" in html and "31 December 2026" not in html


def test_each_band_meaning_is_shown(client, manager, partnership, framework):
    framework.bands.filter(label="Developing").update(meaning="Working together sometimes.")
    framework.bands.filter(label="Concern").update(meaning="Rarely working together.")
    round_ = _closed_round(partnership, framework)
    alpha = PartnerFactory(partnership=partnership)
    # Trust (0 + 25 + 50) / 3 = 25, in the concern band, from three different answers.
    for values in (LOW, {"i1": 2, "i2": 4, "i3": 2}, MIDDLE):
        respond(round_, framework, alpha, values)
    report = build_round_report(round_, framework)
    assert report.dimensions[0].score.shown == 25
    assert report.dimensions[0].score.band.meaning == "Rarely working together."
    client.force_login(manager)
    page = client.get(reverse("round_report", args=[round_.pk])).content.decode()
    assert "Working together sometimes." in page  # the key to every band
    detail = page[page.index('id="dimension-trust"') :]
    assert "Rarely working together." in detail  # beside the dimension's own score


@pytest.fixture
def with_reflection(partnership, framework):
    reflection = DimensionFactory(
        framework=framework,
        key="reflection",
        title="Reflection: the collaborative workplace",
        position=3,
        guidance="Read them together and agree one change.",
    )
    prompt = ItemFactory(
        dimension=reflection,
        key="r1",
        position=1,
        statement="Is the partnership a good place to work together?",
        response_type=ResponseType.TEXT,
        allows_not_applicable=False,
    )
    round_ = _closed_round(partnership, framework)
    alpha = PartnerFactory(partnership=partnership, name="Alpha")
    for values in (LOW, MIDDLE, HIGH):
        response = respond(round_, framework, alpha, values)
    response.answers.create(item=prompt, text="Mostly, when we meet in person.")
    return round_


def test_reflection_guidance_and_answers_are_shown_after_close(
    client, manager, framework, with_reflection
):
    report = build_round_report(with_reflection, framework)
    (reflection,) = report.reflections
    assert reflection.guidance == "Read them together and agree one change."
    assert reflection.answers == (("Alpha", "Mostly, when we meet in person."),)
    client.force_login(manager)
    page = client.get(reverse("round_report", args=[with_reflection.pk])).content.decode()
    assert "Read them together and agree one change." in page
    assert "Mostly, when we meet in person." in page


def test_facilitators_see_no_reflection_text(client, facilitator, framework, with_reflection):
    assert build_round_report(with_reflection, framework, include_comments=False).reflections == ()
    client.force_login(facilitator)
    page = client.get(reverse("round_report", args=[with_reflection.pk])).content.decode()
    assert "Mostly, when we meet in person." not in page
