"""The report's CSV export: the same figures as the page, one per row, hidden groups hidden."""

import pytest
from django.urls import reverse

from assessments.models import RoundStatus
from assessments.reports.csv_export import REPORT_HEADER
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.downloads import csv_dicts
from tests.factories import PartnerFactory, RoundFactory

pytestmark = pytest.mark.django_db


def _rows(client, round_, framework):  # noqa: F811
    response = client.get(reverse("round_report_csv", args=[round_.pk, framework.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return csv_dicts(response)


def test_export_matches_the_hand_worked_report(client, manager, partnership, framework):  # noqa: F811
    alpha = PartnerFactory(partnership=partnership, name="Alpha Surgery")
    bravo = PartnerFactory(partnership=partnership, name="Bravo Trust")
    small = PartnerFactory(partnership=partnership, name="Charlie")
    round_ = RoundFactory(
        partnership=partnership,
        frameworks=[framework],
        status=RoundStatus.CLOSED,
        title="=HYPERLINK(evil)",
    )
    # Bravo's three give three different answers to i1 and i2, and so does Alpha with
    # Charlie, bar two 1s on i2 (a group of fewer than 11 in which all but one answered
    # alike shows no figures, ADR 0036).
    respond(round_, framework, alpha, {"i1": 5, "i2": 1, "i3": 4}, comment="Private words")
    respond(round_, framework, alpha, {"i1": 4, "i2": 3, "i3": None})
    respond(round_, framework, alpha, {"i1": 2, "i2": 4, "i3": 2})
    respond(round_, framework, bravo, {"i1": 2, "i2": 4, "i3": 3})
    respond(round_, framework, bravo, {"i1": 1, "i2": 5, "i3": 1})
    respond(round_, framework, bravo, {"i1": 3, "i2": 3, "i3": None})
    respond(round_, framework, small, {"i1": 1, "i2": 1, "i3": 1})
    client.force_login(manager)

    rows = _rows(client, round_, framework)

    assert list(rows[0]) == REPORT_HEADER
    overall = rows[0]
    assert (overall["level"], overall["responses"]) == ("framework", "7")
    assert overall["round"] == "'=HYPERLINK(evil)"  # a spreadsheet will not run it
    trust = [r for r in rows if r["level"] == "dimension" and r["dimension"] == "Trust"]
    by_group = {(r["group_type"], r["group"]): (r["responses"], r["score"]) for r in trust}
    # Charlie (1 response) is merged with the smallest shown partner (Alpha and Bravo tie
    # at 3; Alpha comes first by name), never shown alone.
    assert ("partner", "Charlie") not in by_group and ("partner", "Alpha Surgery") not in by_group
    # Bravo: i1 (25 + 0 + 50) / 3 = 25, i2 reversed (25 + 0 + 50) / 3 = 25 -> Trust 25.
    assert by_group[("partner", "Bravo Trust")] == ("3", "25")
    assert by_group[("partner", "Other partners")][0] == "4"
    answers = [
        r for r in rows if r["level"] == "answer" and r["statement"] == "We trust each other"
    ]
    assert [(r["answer"], r["count"]) for r in answers] == [
        ("Strongly disagree", "2"),
        ("Disagree", "2"),
        ("Neither agree nor disagree", "1"),
        ("Agree", "1"),
        ("Strongly agree", "1"),
    ]
    assert "Private words" not in str(rows)


def test_export_of_a_small_round_shows_no_figures(client, manager, partnership, framework):  # noqa: F811
    round_ = RoundFactory(
        partnership=partnership, frameworks=[framework], status=RoundStatus.CLOSED
    )
    respond(round_, framework, PartnerFactory(partnership=partnership), {"i1": 5})
    client.force_login(manager)
    (row,) = _rows(client, round_, framework)
    assert row["score"] == "" and row["note"].startswith("Fewer than 3 responses")


@pytest.mark.parametrize(
    ("role_user", "expected"),
    [("manager", 403), ("facilitator", 403), ("member", 403), ("outsider", 404)],
    indirect=["role_user"],
)
def test_export_follows_report_permissions(client, role_user, expected, partnership, framework):  # noqa: F811
    # An open round: results (and so the export) are released only at close.
    round_ = RoundFactory(
        partnership=partnership,
        frameworks=[framework],
        status=RoundStatus.OPEN,
        results_visible_to_members=True,
    )
    client.force_login(role_user)
    url = reverse("round_report_csv", args=[round_.pk, framework.slug])
    assert client.get(url).status_code == expected
