"""A closed round's response rates are frozen at close (ADR 0039): raising "people asked",
adding members, archiving an organisation or adding a new one after the close changes
neither the report's table and overall rate (so the CSV, workbook and PDF built from it),
nor the round page, nor the dashboard. An open round's rates stay live.

The world, worked by hand: Alpha asked 4 people and 3 answered (75%); Bravo recorded no
number but has 4 members, 3 of whom answered (75%); Delta asked 5 and nobody answered (0%).
Whole round: 6 of 4 + 4 + 5 = 13, 46% (6/13 = 46.15).
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Partner, RoundResult, RoundStatus
from assessments.reports.dashboard import portfolio_rows
from assessments.reports.round_pack import build_round_pack
from assessments.reports.round_report import build_round_report
from assessments.services.results import rebuild_results
from partnership_site.roles import PartnershipRole
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.factories import (
    CohortFactory,
    MembershipFactory,
    PartnerFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

VALUES = {"i1": 4, "i2": 2, "i3": 4}
REPORT_TABLE = [("Alpha", 3, 4, 75), ("Bravo", 3, 4, 75), ("Delta", 0, 5, 0)]


@pytest.fixture
def world(partnership, framework):  # noqa: F811
    alpha = PartnerFactory(partnership=partnership, name="Alpha", people_invited=4)
    bravo = PartnerFactory(partnership=partnership, name="Bravo", people_invited=None)
    delta = PartnerFactory(partnership=partnership, name="Delta", people_invited=5)
    MembershipFactory.create_batch(
        4, partnership=partnership, partner=bravo, role=PartnershipRole.MEMBER
    )
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    for partner in (alpha, bravo):
        for _ in range(3):
            respond(round_, framework, partner, VALUES)
    facilitator = UserFactory()
    CohortFactory(partnerships=[partnership], facilitators=[facilitator])
    return round_, {"alpha": alpha, "bravo": bravo, "delta": delta}, facilitator


def report_figures(round_, framework):  # noqa: F811
    report = build_round_report(round_, framework, include_comments=False)
    table = [(r.partner, r.responses, r.denominator, r.rate) for r in report.response_rates]
    return table, report.response_rate


def round_page_rows(client, round_) -> list[list[str]]:
    """The round page's response table: each row's cell texts, tags stripped."""
    body = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S):
        cells = [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)
        ]
        if cells and cells[0].startswith("Organisation "):  # the visually hidden heading
            rows.append([cells[0].removeprefix("Organisation "), *cells[1:]])
    return rows


def change_everything_after_close(partnership, partners):
    """Every edit that moved a closed round's rates before ADR 0039."""
    partners["alpha"].people_invited = 30
    partners["alpha"].save()
    MembershipFactory.create_batch(
        2, partnership=partnership, partner=partners["bravo"], role=PartnershipRole.MEMBER
    )
    partners["delta"].archived_at = timezone.now()
    partners["delta"].save()
    PartnerFactory(partnership=partnership, name="Echo", people_invited=None)  # no base


def dashboard_rate(facilitator):
    (row,) = portfolio_rows(facilitator)
    return row.response_rate, row.respondents


@pytest.mark.strict_results
def test_a_closed_rounds_rates_do_not_move(client, partnership, manager, world, framework):  # noqa: F811
    round_, partners, facilitator = world
    client.force_login(manager)
    open_page = round_page_rows(client, round_)
    assert dashboard_rate(facilitator) == (46, 6)  # live, while open

    services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)
    round_.refresh_from_db()

    table, rate = report_figures(round_, framework)
    assert table == REPORT_TABLE and rate == 46
    page = round_page_rows(client, round_)
    assert page == open_page  # the close itself changes nothing
    assert page == [
        ["Alpha", "People asked 4", "Readiness 3 of 4"],
        ["Bravo", "People asked 4 members", "Readiness 3 of 4"],
        ["Delta", "People asked 5", "Readiness 0 of 5"],
        ["All organisations", "People asked 13", "Readiness 6 of 13"],
    ]
    pack = build_round_pack(round_, [framework])
    assert pack.response_rate == 46
    assert dashboard_rate(facilitator) == (46, 6)
    stored = RoundResult.objects.get(round=round_)
    assert (stored.rate_base, stored.response_rate) == (13, 46)

    change_everything_after_close(partnership, partners)

    assert report_figures(round_, framework) == (REPORT_TABLE, 46)
    assert round_page_rows(client, round_) == page
    assert build_round_pack(round_, [framework]).response_rate == 46
    assert dashboard_rate(facilitator) == (46, 6)
    # A rebuild recounts the answers but keeps the bases frozen at close.
    rebuild_results(round_ids=[round_.pk])
    assert report_figures(round_, framework) == (REPORT_TABLE, 46)
    assert round_page_rows(client, round_) == page
    assert dashboard_rate(facilitator) == (46, 6)


def test_an_open_rounds_rates_stay_live(client, partnership, manager, world, framework):  # noqa: F811
    round_, partners, facilitator = world
    client.force_login(manager)
    before = round_page_rows(client, round_)
    assert report_figures(round_, framework) == (REPORT_TABLE, 46)

    partners["alpha"].people_invited = 30
    partners["alpha"].save()
    # Alpha 3 of 30 (10%); the whole round 6 of 30 + 4 + 5 = 39, 15%.
    assert report_figures(round_, framework) == (
        [("Alpha", 3, 30, 10), ("Bravo", 3, 4, 75), ("Delta", 0, 5, 0)],
        15,
    )
    assert dashboard_rate(facilitator) == (15, 6)
    after = round_page_rows(client, round_)
    assert before[0] == ["Alpha", "People asked 4", "Readiness 3 of 4"]
    assert after[0] == ["Alpha", "People asked 30", "Readiness 3 of 30"]
    assert after[-1] == ["All organisations", "People asked 39", "Readiness 6 of 39"]

    # An archived organisation that never answered leaves an open round's page.
    partners["delta"].archived_at = timezone.now()
    partners["delta"].save()
    names = [row[0] for row in round_page_rows(client, round_)]
    assert "Delta" not in names and "Alpha" in names


@pytest.mark.strict_results
def test_dashboard_stored_and_live_rates_agree_at_close(partnership, manager, world):
    """Over several bases (people asked, members, none), the rate the dashboard counted live
    just before the close is the one it reads stored just after."""
    round_, partners, facilitator = world
    seen = []
    for invited in (4, 7, 2):
        partners["alpha"].people_invited = invited
        partners["alpha"].save()
        seen.append(dashboard_rate(facilitator))
    services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)
    assert dashboard_rate(facilitator) == seen[-1] == (55, 6)  # 6 / (2 + 4 + 5) = 54.5
    assert seen[:2] == [(46, 6), (38, 6)]  # 6 / 13, 6 / 16 = 37.5


@pytest.mark.strict_results
def test_no_base_is_frozen_as_no_rate(partnership, manager, world, framework):  # noqa: F811
    round_, partners, facilitator = world
    PartnerFactory(partnership=partnership, name="Echo", people_invited=None)
    services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)
    stored = RoundResult.objects.get(round=round_)
    assert (stored.rate_base, stored.response_rate) == (None, None)
    # Recording Echo's number after the close does not publish a rate for the round.
    Partner.objects.filter(name="Echo").update(people_invited=10)
    assert report_figures(round_, framework)[1] is None
    assert dashboard_rate(facilitator) == (None, 6)
