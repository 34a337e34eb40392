"""The facilitator dashboard: who may open it, what each row shows, sorting, filtering,
paging, the CSV download, and a query count that does not grow with the portfolio."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
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
from assessments.services.results import rebuild_results
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


# One more than before stored results (ADR 0031): open rounds' respondents are counted
# live, closed rounds' read with their stored results.
DASHBOARD_QUERIES = 14


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
            people=3,
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


def _bulk_portfolio(readiness, cohort, start, count, *, latest=RoundStatus.OPEN):
    """``count`` partnerships, each with two partners, a closed round and a later round,
    open unless ``latest`` says otherwise (three submitted responses per partner in each),
    and an overdue action. Closed rounds have their results stored, as closing stores them."""
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
            ("Now", latest, -3 if latest == RoundStatus.OPEN else 10),
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
            status=ActionStatus.PLANNED,
        )
        for p in partnerships
    )
    rebuild_results(round_ids=[r.pk for r in rounds if r.status == RoundStatus.CLOSED])
