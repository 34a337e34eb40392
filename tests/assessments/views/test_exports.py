# ruff: noqa: F811  (the framework fixture is imported from the round report tests)
"""Downloads: PDF pack, Excel workbook and CSVs show exactly what the report page shows.

Every comparison is against the page's own presenter (build_round_report), so these tests
stay valid whatever rules decide which groups are published.
"""

import codecs
import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from assessments.models import RespondentRole, RoundStatus
from assessments.reports.csv_export import csv_safe
from assessments.reports.round_report import build_round_report
from tests.analyst_expectations import page_rows
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.downloads import BOM, csv_dicts, csv_text, pdf_pages, workbook
from tests.factories import PartnerFactory, RoundFactory

pytestmark = pytest.mark.django_db

WELSH = "Ysbyty Gwynedd – Meddygfa’r Bont"


@pytest.fixture
def rounds(partnership, framework):  # noqa: F811
    """A closed round with a merged small partner, a later one below the threshold, and an
    open round."""
    # Bravo first: equal-sized partners are merged lowest id first (ADR 0010), so the
    # Welsh-named partner stands alone.
    bravo = PartnerFactory(partnership=partnership, name="Bravo Trust")
    alpha = PartnerFactory(partnership=partnership, name=WELSH)
    small = PartnerFactory(partnership=partnership, name="Charlie Practice")
    today = timezone.localdate()
    first = RoundFactory(
        partnership=partnership,
        frameworks=[framework],
        status=RoundStatus.CLOSED,
        title="=Baseline",
        opens_on=today - timedelta(days=90),
        closes_on=today - timedelta(days=60),
        results_visible_to_members=False,
    )
    for partner, values, role in (
        (alpha, {"i1": 5, "i2": 1, "i3": 4}, RespondentRole.CLINICAL),
        (alpha, {"i1": 4, "i2": 2, "i3": None}, RespondentRole.CLINICAL),
        (alpha, {"i1": 3, "i2": 2, "i3": 2}, RespondentRole.CLINICAL),
        (bravo, {"i1": 2, "i2": 4, "i3": 3}, RespondentRole.LEADERSHIP),
        (bravo, {"i1": 1, "i2": 5, "i3": 1}, RespondentRole.LEADERSHIP),
        (bravo, {"i1": 2, "i2": 4, "i3": 5}, RespondentRole.LEADERSHIP),
        (small, {"i1": 1, "i2": 1, "i3": 1}, RespondentRole.CLINICAL),
    ):
        respond(first, framework, partner, values, role=role, comment="Private words")
    second = RoundFactory(
        partnership=partnership,
        frameworks=[framework],
        status=RoundStatus.CLOSED,
        title="Spring review",
        opens_on=today - timedelta(days=30),
        closes_on=today - timedelta(days=2),
    )
    respond(second, framework, alpha, {"i1": 5, "i2": 1, "i3": 5})
    respond(second, framework, bravo, {"i1": 1, "i2": 5, "i3": 1})
    still_open = RoundFactory(partnership=partnership, frameworks=[framework])
    return first, second, still_open


def _page_rows(round_, framework):  # noqa: F811
    """What the analyst CSVs must say, read off the page's presenter, as the CSV writes it."""
    return [[str(csv_safe(value)) for value in row] for row in page_rows(round_, framework)]


def _csv_rows(response):
    return [list(row.values()) for row in csv_dicts(response)]


def test_trend_and_portfolio_csvs_publish_exactly_the_page_groups(
    client,
    manager,
    facilitator,
    partnership,
    framework,
    rounds,  # noqa: F811
):
    first, second, _ = rounds
    expected = _page_rows(first, framework) + _page_rows(second, framework)
    # The small partner is not shown on its own on the page, so not in the CSV either.
    assert "Charlie Practice" not in {row[11] for row in expected}
    assert "partner" in {row[10] for row in expected}

    client.force_login(manager)
    assert _csv_rows(client.get(reverse("trends_csv", args=[partnership.pk]))) == expected
    client.force_login(facilitator)
    assert _csv_rows(client.get(reverse("portfolio_csv"))) == expected


def test_analyst_csv_leaves_out_rounds_a_member_may_not_see(
    client,
    member,
    partnership,
    framework,
    rounds,  # noqa: F811
):
    first, second, _ = rounds
    second.results_visible_to_members = True
    second.save()
    client.force_login(member)
    rows = _csv_rows(client.get(reverse("trends_csv", args=[partnership.pk])))
    assert {row[2] for row in rows} == {second.title}


def test_round_csv_keeps_its_figures_and_the_formula_guard(client, manager, framework, rounds):  # noqa: F811
    first, _, _ = rounds
    client.force_login(manager)
    rows = csv_dicts(client.get(reverse("round_report_csv", args=[first.pk, framework.slug])))
    assert {row["round"] for row in rows} == {"'=Baseline"}
    report = build_round_report(first, framework, include_comments=False)
    partner_rows = [r for r in rows if r["level"] == "dimension" and r["group_type"] == "partner"]
    assert [(r["group"], r["score"]) for r in partner_rows] == [
        (g.label, "" if c.shown is None else str(c.shown))  # hidden cells stay empty
        for d in report.dimensions
        for g, c in zip(report.groups.groups, d.cells, strict=True)
    ]


def test_a_non_ascii_partner_name_survives_excel_reading_the_csv(
    client, manager, partnership, rounds
):
    client.force_login(manager)
    response = client.get(reverse("trends_csv", args=[partnership.pk]))
    raw = b"".join(response.streaming_content)
    assert raw.startswith(codecs.BOM_UTF8)

    def as_excel_reads(data: bytes) -> str:  # a BOM means UTF-8; otherwise the ANSI code page
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        return data.decode("cp1252", errors="replace")

    groups = {row["group"] for row in csv.DictReader(io.StringIO(as_excel_reads(raw)))}
    assert WELSH in groups
    # Without the mark Excel would show the "Ysbyty Gwynedd â€“ Meddygfaâ€™r Bont".
    assert WELSH not in as_excel_reads(raw[len(codecs.BOM_UTF8) :])


def test_file_names_carry_partnership_round_and_date(
    client, manager, partnership, framework, rounds
):  # noqa: F811
    first, _, _ = rounds
    client.force_login(manager)
    today = timezone.localdate().isoformat()
    for name, args, extension in (
        ("round_report_pdf", [first.pk], "pdf"),
        ("round_report_xlsx", [first.pk], "xlsx"),
        ("round_report_csv", [first.pk, framework.slug], "csv"),
    ):
        disposition = client.get(reverse(name, args=args))["Content-Disposition"]
        assert disposition.startswith("attachment; filename=")
        assert slugify(partnership.name) in disposition
        assert "baseline" in disposition
        assert disposition.endswith(f'{today}.{extension}"')


def test_workbook_opens_with_the_page_figures_as_numbers(client, manager, framework, rounds):  # noqa: F811
    first, _, _ = rounds
    client.force_login(manager)
    book = workbook(client.get(reverse("round_report_xlsx", args=[first.pk])))
    assert book.sheetnames == ["Summary", "Dimension scores", "Item distributions", "Action plan"]
    report = build_round_report(first, framework, include_comments=False)

    summary = book["Summary"]
    assert summary["B2"].value == "=Baseline" and summary["B2"].data_type == "s"
    header_row = next(r for r in summary.iter_rows() if r[0].value == "Framework")[0].row
    assert summary.freeze_panes == f"A{header_row + 1}"
    first_framework = [c.value for c in summary[header_row + 1]]
    overall = report.overall
    assert first_framework[:4] == [framework.title, 7, overall.shown, overall.band.label]
    assert isinstance(first_framework[2], int)

    dimensions = book["Dimension scores"]
    assert dimensions.freeze_panes == "A2"
    assert dimensions.column_dimensions["B"].width == 40
    rows = [[c.value for c in row] for row in dimensions.iter_rows(min_row=2)]
    expected = []
    for d in report.dimensions:
        expected.append((d.title, "all", "All responses", 7, d.score.shown))
        for kind, grouping, cells in (
            ("partner", report.groups, d.cells),
            ("role", report.role_groups, d.role_cells),
        ):
            for g, c in zip(grouping.groups, cells, strict=True):
                expected.append((d.title, kind, g.label, g.respondents, c.shown))
    assert [(r[1], r[3], r[4], r[5], r[6]) for r in rows] == expected

    items = book["Item distributions"]
    shares: dict[str, float] = {}
    for row in items.iter_rows(min_row=2):
        assert row[6].number_format == "0%"
        shares[row[2].value] = shares.get(row[2].value, 0) + row[6].value
    assert shares and all(total == pytest.approx(1.0) for total in shares.values())


def test_pdf_pack_has_cover_summary_charts_tables_and_page_numbers(
    client,
    manager,
    partnership,
    framework,
    rounds,  # noqa: F811
):
    first, second, _ = rounds
    client.force_login(manager)
    response = client.get(reverse("round_report_pdf", args=[first.pk]))
    pages = pdf_pages(response)
    assert len(pages) >= 4
    assert partnership.name in pages[0] and "=Baseline" in pages[0]
    assert "Summary" in pages[1]
    assert all(f"Page {n} of {len(pages)}" in text for n, text in enumerate(pages[1:], 2))
    text = "\n".join(pages)
    report = build_round_report(first, framework, include_comments=False)
    for group in report.groups.groups:
        assert group.label in text
    assert "Private words" not in text
    # Below the threshold the pack says so and shows no figures.
    second_text = "\n".join(pdf_pages(client.get(reverse("round_report_pdf", args=[second.pk]))))
    assert "Results are shown once at least 3 people have answered" in second_text


@pytest.mark.parametrize(
    ("role_user", "status"),
    [("manager", 200), ("facilitator", 200), ("member", 403), ("outsider", 404)],
    indirect=["role_user"],
)
def test_pack_and_workbook_check_the_report_permissions(client, role_user, status, rounds):
    first, _, still_open = rounds
    client.force_login(role_user)
    for name in ("round_report_pdf", "round_report_xlsx"):
        assert client.get(reverse(name, args=[first.pk])).status_code == status


def test_only_closed_rounds_get_a_pack(client, manager, rounds):
    _, _, still_open = rounds
    client.force_login(manager)
    # Results are released at close (docs/adr/0010): an open round's pack is refused.
    for name in ("round_report_pdf", "round_report_xlsx"):
        assert client.get(reverse(name, args=[still_open.pk])).status_code == 403


def test_portfolio_csv_is_for_facilitators(client, manager, rounds):
    client.force_login(manager)
    assert client.get(reverse("portfolio_csv")).status_code == 403


def test_report_links_every_download(client, manager, framework, rounds):  # noqa: F811
    first, _, still_open = rounds
    client.force_login(manager)
    html = client.get(reverse("round_report", args=[first.pk])).content.decode()
    for url in (
        reverse("round_report_pdf", args=[first.pk]),
        reverse("round_report_xlsx", args=[first.pk]),
        reverse("round_report_csv", args=[first.pk, framework.slug]),
        reverse("trends_csv", args=[first.partnership_id]),
    ):
        assert f'href="{url}"' in html
    html = client.get(reverse("round_report", args=[still_open.pk])).content.decode()
    assert reverse("round_report_pdf", args=[still_open.pk]) not in html


def test_csv_text_helper_requires_the_mark(client, manager, partnership, rounds):
    client.force_login(manager)
    assert not csv_text(client.get(reverse("trends_csv", args=[partnership.pk]))).startswith(BOM)
