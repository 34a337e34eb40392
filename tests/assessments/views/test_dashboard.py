"""The facilitator dashboard: who may open it, what each row shows, sorting, filtering,
paging, the CSV download, and a query count that does not grow with the portfolio."""

from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import (
    ActionItem,
    ActionStatus,
    Answer,
    Partner,
    Partnership,
    PartnershipKind,
    Response,
    ResponseStatus,
    Round,
    RoundFramework,
    RoundStatus,
)
from assessments.reports.dashboard import build_portfolio
from assessments.reports.round_report import build_round_report
from frameworks.models import Item
from partnership_site.roles import PartnershipRole
from tests.assessments.reports.test_benchmark import scored_round
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.downloads import csv_dicts
from tests.factories import (
    ActionItemFactory,
    CohortFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def readiness(framework):  # noqa: F811
    """The report tests' framework: Trust (i1, i2 reverse-scored) and Vision (i3)."""
    return framework


DASHBOARD_QUERIES = 13


@pytest.fixture
def facilitator_user(db):
    return UserFactory(username="cohort-facilitator")


@pytest.fixture
def cohort(facilitator_user):
    return CohortFactory(name="Programme", facilitators=[facilitator_user])


class TableParser(HTMLParser):
    """Text of each cell of the dashboard table's body rows, visually hidden text left out."""

    def __init__(self):
        super().__init__()
        self.rows, self._row, self._cell, self._hidden = [], None, None, 0
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self._row = []
        elif self._row is not None and tag in ("td", "th"):
            self._cell = []
        elif self._cell is not None and tag == "br":
            self._cell.append(" ")
        if self._cell is not None and tag == "span":
            self._hidden += 1 if (self._hidden or "nhsuk-u-visually-hidden" in classes) else 0

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "span" and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if self._cell is not None and not self._hidden:
            self._cell.append(data)


def table_rows(response) -> list[list[str]]:
    parser = TableParser()
    parser.feed(response.content.decode())
    return parser.rows


def names(response) -> list[str]:
    return [row[0] for row in table_rows(response)]


def csv_rows(response) -> list[dict]:
    return csv_dicts(response)


# -- Who may open it -------------------------------------------------------------------


def test_outsiders_and_managers_get_403(client, outsider, manager):
    for user in (outsider, manager):
        client.force_login(user)
        assert client.get(reverse("dashboard")).status_code == 403
        assert client.get(reverse("dashboard_csv")).status_code == 403


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_a_direct_facilitator_may_open_it(client, facilitator, partnership):
    client.force_login(facilitator)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert names(response) == [partnership.name]


def test_a_facilitator_sees_exactly_their_cohorts_and_assignments(client, facilitator_user, cohort):
    in_cohort = PartnershipFactory(name="In the cohort")
    cohort.partnerships.add(in_cohort)
    assigned = PartnershipFactory(name="Assigned directly")
    MembershipFactory(user=facilitator_user, partnership=assigned, role=PartnershipRole.FACILITATOR)
    managed = PartnershipFactory(name="Managed, not facilitated")
    MembershipFactory(user=facilitator_user, partnership=managed, role=PartnershipRole.MANAGER)
    PartnershipFactory(name="Someone else's")
    other_cohort = CohortFactory(partnerships=[PartnershipFactory(name="Another cohort's")])
    other_cohort.partnerships.add(in_cohort)  # in two cohorts: still one row

    client.force_login(facilitator_user)
    response = client.get(reverse("dashboard"))

    assert names(response) == ["Assigned directly", "In the cohort"]
    assert set(Partnership.objects.visible_to(facilitator_user).values_list("name", flat=True)) == {
        "Assigned directly",
        "In the cohort",
        "Managed, not facilitated",
    }


def test_an_empty_cohort_still_opens_the_dashboard(client, facilitator_user, cohort):
    client.force_login(facilitator_user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert "There are no partnerships in your cohorts yet" in response.content.decode()


# -- What a row shows ------------------------------------------------------------------


def test_a_row_agrees_with_the_round_report(client, readiness, facilitator_user, cohort):
    partnership = PartnershipFactory(name="Riverside", region="NHS Devon ICB")
    cohort.partnerships.add(partnership)
    alpha = PartnerFactory(partnership=partnership, name="Alpha", people_invited=4)
    bravo = PartnerFactory(partnership=partnership, name="Bravo", people_invited=4)
    before = scored_round(readiness, partnership, 50, 50, days_ago=200, title="Spring")
    now = scored_round(readiness, partnership, 0, 0, days_ago=1, people=0, title="Autumn")
    for values in ({"i1": 5, "i2": 1, "i3": 4}, {"i1": 4, "i2": 2, "i3": 4}, {"i1": 5, "i2": 1}):
        respond(now, readiness, alpha, values, comment="Alpha's private remark")
    for values in ({"i1": 1, "i2": 5, "i3": 2}, {"i1": 2, "i2": 4, "i3": 1}, {"i1": 1, "i2": 4}):
        respond(now, readiness, bravo, values)
    ActionItemFactory(partnership=partnership, due_on=timezone.localdate() - timedelta(days=1))

    (row,) = build_portfolio(facilitator_user).rows
    report = build_round_report(now, readiness)

    assert row.round == now and row.previous_round == before
    assert row.score.shown == report.overall.shown
    assert row.band_label == report.overall.band.label
    assert row.change.points == report.overall_change.points
    assert row.split == sum(d.split for d in report.dimensions) == 2
    assert row.response_rate == report.response_rate == 75
    assert row.overdue == 1
    # Vision: (75 + 75 + 25 + 0) / 4 = 43.75, in the Concern band.
    concern = [d.title for d in report.dimensions if d.score.band.label == "Concern"]
    assert row.concern == len(concern) == 1
    assert [flag.key for flag in row.flags] == ["concern", "split", "overdue"]

    client.force_login(facilitator_user)
    response = client.get(reverse("dashboard"))
    html = response.content.decode()
    assert "Alpha's private remark" not in html and "Alpha" not in html
    (cells,) = table_rows(response)
    assert cells[0] == "Riverside"
    assert f'href="{reverse("round_report", args=[now.pk, readiness.slug])}"' in html


def test_rounds_below_the_threshold_show_no_score(client, readiness, facilitator_user, cohort):
    partnership = PartnershipFactory(name="Small")
    cohort.partnerships.add(partnership)
    scored_round(readiness, partnership, 100, 100, people=2)

    client.force_login(facilitator_user)
    (cells,) = table_rows(client.get(reverse("dashboard")))
    (row,) = csv_rows(client.get(reverse("dashboard_csv")))

    assert cells[4] == "Fewer than 3 responses"
    assert (row["Score"], row["Band"], row["Split dimensions"]) == (
        "Fewer than 3 responses",
        "",
        "",
    )


def test_low_response_flag_only_when_closing_soon(readiness, facilitator_user, cohort):
    today = timezone.localdate()
    for name, closes_in in (("Closing soon", 3), ("Closing later", 20)):
        partnership = PartnershipFactory(name=name)
        cohort.partnerships.add(partnership)
        PartnerFactory(partnership=partnership, people_invited=10)
        scored_round(
            readiness,
            partnership,
            50,
            50,
            status=RoundStatus.OPEN,
            opens_on=today - timedelta(days=10),
            closes_on=today + timedelta(days=closes_in),
        )

    rows = {row.partnership.name: row for row in build_portfolio(facilitator_user).rows}

    assert rows["Closing soon"].response_rate == 30
    assert [f.text for f in rows["Closing soon"].flags] == ["Low response, closes in 3 days"]
    assert rows["Closing later"].flags == ()


def test_concern_flag(readiness, facilitator_user, cohort):
    partnership = PartnershipFactory(name="Struggling")
    cohort.partnerships.add(partnership)
    scored_round(readiness, partnership, 25, 75)
    (row,) = build_portfolio(facilitator_user).rows
    assert row.concern == 1 and [f.text for f in row.flags] == ["1 in concern"]


def test_partnerships_without_an_opened_round_are_not_started(facilitator_user, cohort):
    partnership = PartnershipFactory(name="New")
    cohort.partnerships.add(partnership)
    (row,) = build_portfolio(facilitator_user).rows
    assert (row.status_label, row.score_text, row.flags) == ("Not started", "No round yet", ())
    assert row.report_url == reverse("partnership_detail", args=[partnership.pk])


# -- Sorting, filtering, paging and the CSV --------------------------------------------


@pytest.fixture
def portfolio(readiness, facilitator_user, cohort):
    """Five partnerships with known overall scores, regions and statuses."""
    today = timezone.localdate()
    specs = [
        ("Alder PCN", "NHS Devon ICB", 100, 100, {}),  # 100, Strength
        ("Birch PCN", "NHS Cornwall ICB", 50, 50, {}),  # 50, Developing
        ("Cedar PCN", "NHS Devon ICB", 25, 25, {}),  # 25, Concern
        (
            "Damson PCN",
            "NHS Cornwall ICB",
            75,
            100,  # 87.5 -> 88, Strength, open round
            {
                "status": RoundStatus.OPEN,
                "opens_on": today - timedelta(days=5),
                "closes_on": today + timedelta(days=20),
            },
        ),
    ]
    for name, region, trust, vision, fields in specs:
        partnership = PartnershipFactory(name=name, region=region)
        cohort.partnerships.add(partnership)
        scored_round(readiness, partnership, trust, vision, **fields)
    cohort.partnerships.add(PartnershipFactory(name="Elm PCN", region="NHS Devon ICB"))
    ActionItemFactory(
        partnership=Partnership.objects.get(name="Birch PCN"),
        due_on=today - timedelta(days=3),
    )
    return cohort


def _get(client, user, **params):
    client.force_login(user)
    return client.get(reverse("dashboard"), params)


@pytest.mark.parametrize(
    ("sort", "direction", "expected"),
    [
        ("name", "asc", ["Alder", "Birch", "Cedar", "Damson", "Elm"]),
        ("name", "desc", ["Elm", "Damson", "Cedar", "Birch", "Alder"]),
        # No score last: Damson's round is open, so its results are not released yet.
        ("score", "asc", ["Cedar", "Birch", "Alder", "Damson", "Elm"]),
        ("score", "desc", ["Alder", "Birch", "Cedar", "Damson", "Elm"]),
        ("region", "asc", ["Birch", "Damson", "Alder", "Cedar", "Elm"]),
        ("round", "desc", ["Damson", "Alder", "Birch", "Cedar", "Elm"]),  # by closing date
        ("overdue", "desc", ["Birch", "Alder", "Cedar", "Damson", "Elm"]),
        ("attention", "desc", ["Birch", "Cedar", "Alder", "Damson", "Elm"]),
        ("nonsense", "sideways", ["Alder", "Birch", "Cedar", "Damson", "Elm"]),
    ],
)
def test_sorting(client, facilitator_user, portfolio, sort, direction, expected):
    response = _get(client, facilitator_user, sort=sort, dir=direction)
    assert [name.split()[0] for name in names(response)] == expected


def test_sorted_column_is_announced(client, facilitator_user, portfolio):
    html = _get(client, facilitator_user, sort="score", dir="desc").content.decode()
    assert html.count("aria-sort=") == 1
    assert 'aria-sort="descending"' in html
    # The heading link sorts the other way next, keeping the filters.
    assert "sort=score&amp;dir=asc" in html


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"name": "pcn"}, ["Alder", "Birch", "Cedar", "Damson", "Elm"]),
        ({"name": "  ced "}, ["Cedar"]),
        ({"region": "NHS Cornwall ICB"}, ["Birch", "Damson"]),
        ({"band": "Strength"}, ["Alder"]),  # Damson's open round shows no figures yet
        ({"band": "none"}, ["Damson", "Elm"]),
        ({"status": "open"}, ["Damson"]),
        ({"status": "not_started"}, ["Elm"]),
        ({"attention": "on"}, ["Birch", "Cedar"]),
        ({"region": "NHS Devon ICB", "band": "Concern"}, ["Cedar"]),
        ({"band": "Not a band", "region": "Nowhere"}, ["Alder", "Birch", "Cedar", "Damson", "Elm"]),
    ],
)
def test_filtering(client, facilitator_user, portfolio, filters, expected):
    response = _get(client, facilitator_user, **filters)
    assert [name.split()[0] for name in names(response)] == expected


def test_paging_keeps_filters_and_sorting(client, facilitator_user, cohort):
    Partnership.objects.bulk_create(
        Partnership(name=f"Partnership {n:02}", kind=PartnershipKind.PCN, region="R")
        for n in range(30)
    )
    cohort.partnerships.add(*Partnership.objects.all())

    first = _get(client, facilitator_user, sort="name", dir="desc", region="R")
    second = _get(client, facilitator_user, sort="name", dir="desc", region="R", page=2)
    beyond = _get(client, facilitator_user, sort="name", dir="desc", region="R", page=99)

    assert names(first) == [f"Partnership {n:02}" for n in range(29, 4, -1)]
    assert names(second) == names(beyond) == [f"Partnership {n:02}" for n in range(4, -1, -1)]
    html = first.content.decode()
    assert "Showing 1 to 25 of 30 partnerships" in html
    assert 'href="?region=R&amp;sort=name&amp;dir=desc&amp;page=2"' in html
    assert 'aria-current="page"' in html


@pytest.mark.parametrize(
    "params",
    [{}, {"sort": "score", "dir": "desc"}, {"region": "NHS Devon ICB", "sort": "attention"}],
)
def test_csv_matches_the_table(client, facilitator_user, portfolio, params):
    table = table_rows(_get(client, facilitator_user, **params))
    response = client.get(reverse("dashboard_csv"), params)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert [row["Partnership"] for row in rows] == [cells[0] for cells in table]
    for row, cells in zip(rows, table, strict=True):
        region, latest, rate, score, change, split, overdue, attention = cells[1:]
        assert row["ICB or region"] == region.replace("–", "")
        assert latest.startswith(f"{row['Status']} {row['Latest round']}".strip())
        if row["Closes"]:
            closes = date.fromisoformat(row["Closes"])
            assert latest.endswith(f"{closes.day} {closes:%b %Y}")
        assert rate.startswith(f"{row['Response rate (%)']}%" if row["Response rate (%)"] else "–")
        assert score == (f"{row['Score']} {row['Band']}" if row["Band"] else row["Score"])
        shown = change.replace("Up ", "").replace("Down ", "-").replace("No change", "0")
        assert shown.replace("–", "") == row["Change"]
        assert row["Split dimensions"] == split.replace("–", "")
        assert row["Overdue actions"] == overdue
        assert row["Needs attention"].replace("; ", " ") == attention.replace("None", "")


def test_csv_contains_every_page(client, facilitator_user, cohort):
    Partnership.objects.bulk_create(
        Partnership(name=f"Partnership {n:02}", kind=PartnershipKind.PCN) for n in range(30)
    )
    cohort.partnerships.add(*Partnership.objects.all())
    client.force_login(facilitator_user)
    rows = csv_rows(client.get(reverse("dashboard_csv")))
    assert len(rows) == 30


def test_csv_neutralises_formulas(client, facilitator_user, cohort):
    cohort.partnerships.add(PartnershipFactory(name="=HYPERLINK(1)", region="@evil"))
    client.force_login(facilitator_user)
    (row,) = csv_rows(client.get(reverse("dashboard_csv")))
    assert (row["Partnership"], row["ICB or region"]) == ("'=HYPERLINK(1)", "'@evil")


# -- Query count -----------------------------------------------------------------------


def _bulk_portfolio(readiness, cohort, start, count):
    """``count`` partnerships, each with two partners, a closed round and a later open round
    (three submitted responses per partner in each), and an overdue action."""
    today = timezone.localdate()
    items = list(Item.objects.filter(dimension__framework=readiness).order_by("key"))
    partnerships = Partnership.objects.bulk_create(
        Partnership(name=f"Bulk {n:04}", kind=PartnershipKind.PCN, region=f"ICB {n % 7}")
        for n in range(start, start + count)
    )
    cohort.partnerships.add(*partnerships)
    partners = Partner.objects.bulk_create(
        Partner(
            partnership=p, name=f"Partner {k}", organisation_type="gp_practice", people_invited=7
        )
        for p in partnerships
        for k in range(2)
    )
    rounds = Round.objects.bulk_create(
        Round(
            partnership=p,
            title=title,
            status=status,
            opens_on=today - timedelta(days=days + 30),
            closes_on=today - timedelta(days=days),
            closed_at=timezone.now() if status == RoundStatus.CLOSED else None,
        )
        for p in partnerships
        for title, status, days in (
            ("Before", RoundStatus.CLOSED, 100),
            ("Now", RoundStatus.OPEN, -3),
        )
    )
    RoundFramework.objects.bulk_create(
        RoundFramework(round=r, framework=readiness, position=1) for r in rounds
    )
    by_partnership = {}
    for partner in partners:
        by_partnership.setdefault(partner.partnership_id, []).append(partner)
    responses = Response.objects.bulk_create(
        Response(
            round=r,
            framework=readiness,
            partner=partner,
            status=ResponseStatus.SUBMITTED,
            submitted_at=timezone.now(),
        )
        for r in rounds
        for partner in by_partnership[r.partnership_id]
        for _ in range(3)
    )
    Answer.objects.bulk_create(
        Answer(response=response, item=item, value=1 + (response.pk + item.pk) % 5)
        for response in responses
        for item in items
    )
    ActionItem.objects.bulk_create(
        ActionItem(
            partnership=p,
            title="Overdue",
            owner="Someone",
            due_on=today - timedelta(days=1),
            status=ActionStatus.OPEN,
        )
        for p in partnerships
    )


def test_query_count_is_the_same_for_5_and_500_partnerships(
    client,
    readiness,
    facilitator_user,
    cohort,
):
    client.force_login(facilitator_user)

    def queries(url, **params):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, params)
        assert response.status_code == 200
        return len(captured), response

    _bulk_portfolio(readiness, cohort, 0, 5)
    few, response = queries(reverse("dashboard"), sort="score")
    few_csv, _ = queries(reverse("dashboard_csv"))
    assert len(table_rows(response)) == 5

    _bulk_portfolio(readiness, cohort, 5, 495)
    many, response = queries(reverse("dashboard"), sort="score")
    many_csv, csv_response = queries(reverse("dashboard_csv"))

    # Session and user; partnerships with latest round and overdue actions; the latest
    # rounds' frameworks with their previous rounds; those previous rounds; the readiness's
    # structure (4); respondents; one GROUP BY of answer counts; partners; cohorts.
    assert few == many == few_csv == many_csv == DASHBOARD_QUERIES
    assert len(table_rows(response)) == 25
    rows = csv_rows(csv_response)
    assert len(rows) == 500
    # Each latest round is open, so no figure is released yet: the score waits for the close
    # (disclosure control), while response rates, which are counts, are shown.
    assert all(row["Score"] == "When the round closes" for row in rows)
    # 6 responses of 14 people asked = 43%, and the round closes in 3 days.
    assert all(row["Response rate (%)"] == "43" for row in rows)
    assert all("Low response, closes in 3 days" in row["Needs attention"] for row in rows)
