"""The facilitator dashboard, continued from test_dashboard.py."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import (
    Partnership,
    PartnershipKind,
    RoundStatus,
)
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.assessments.views.test_dashboard import (  # noqa: F401
    DASHBOARD_QUERIES,
    TableParser,
    _bulk_portfolio,
    _get,
    cohort,
    csv_rows,
    facilitator_user,
    names,
    portfolio,
    pytestmark,
    readiness,
    table_rows,
)
from tests.factories import (
    PartnershipFactory,
)


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


def read_to_the_end(response) -> None:
    """A streamed download runs its queries as it is read: read it inside the count."""
    if response.streaming:
        response.streaming_content = [b"".join(response.streaming_content)]


def test_query_count_is_the_same_for_5_and_500_partnerships(
    client,
    readiness,
    facilitator_user,
    cohort,
    settings,
):
    # The middleware's check for due rounds runs again after 300 s, which a slow machine
    # can take to seed 500 partnerships: its queries are not the dashboard's.
    settings.CLOSE_DUE_ROUNDS_ON_REQUESTS = False
    client.force_login(facilitator_user)

    def queries(url, **params):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, params)
            read_to_the_end(response)
        assert response.status_code == 200
        return len(captured), response

    _bulk_portfolio(readiness, cohort, 0, 5)
    few, response = queries(reverse("dashboard"), sort="score")
    few_csv, _ = queries(reverse("dashboard_csv"))
    assert len(table_rows(response)) == 5

    _bulk_portfolio(readiness, cohort, 5, 495)
    many, response = queries(reverse("dashboard"), sort="score")
    many_csv, csv_response = queries(reverse("dashboard_csv"))

    # Session and user; closed rounds without stored results; the frameworks in use; the
    # totals; the chosen framework's bands; regions; cohorts; then the page (its count and
    # its rows) or the CSV (every row, streamed from one query). ADR 0035.
    assert few == many == DASHBOARD_QUERIES
    assert few_csv == many_csv == DASHBOARD_QUERIES - 1  # no page count
    assert len(table_rows(response)) == 25
    rows = csv_rows(csv_response)
    assert len(rows) == 500
    # Each latest round is open, so no figure is released yet: the score waits for the close
    # (disclosure control), while response rates, which are counts, are shown.
    assert all(row["Score"] == "When the round closes" for row in rows)
    # 6 responses of 14 people asked = 43%, and the round closes in 3 days.
    assert all(row["Response rate (%)"] == "43" for row in rows)
    assert all("Low response, closes in 3 days" in row["Needs attention"] for row in rows)


@pytest.mark.strict_results
def test_query_count_is_the_same_for_10_and_200_partnerships_with_closed_rounds(
    client, readiness, facilitator_user, cohort, settings
):
    """Every latest round closed, so every row folds stored results (ADR 0031) and shows a
    score and a change: the page, sorted by score, and the CSV still cost a fixed number of
    queries, read from stored results only (strict: nothing is counted from answers)."""
    settings.CLOSE_DUE_ROUNDS_ON_REQUESTS = False  # as above
    client.force_login(facilitator_user)

    def queries(url, **params):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, params)
            read_to_the_end(response)
        assert response.status_code == 200
        assert not any("assessments_answer" in q["sql"] for q in captured.captured_queries)
        return len(captured), response

    _bulk_portfolio(readiness, cohort, 0, 10, latest=RoundStatus.CLOSED)
    few, _ = queries(reverse("dashboard"), sort="score", dir="desc")
    few_csv, _ = queries(reverse("dashboard_csv"))
    _bulk_portfolio(readiness, cohort, 10, 190, latest=RoundStatus.CLOSED)
    many, response = queries(reverse("dashboard"), sort="score", dir="desc")
    many_csv, csv_response = queries(reverse("dashboard_csv"))

    assert few == many == DASHBOARD_QUERIES
    assert few_csv == many_csv == DASHBOARD_QUERIES - 1
    assert len(table_rows(response)) == 25
    rows = csv_rows(csv_response)
    assert len(rows) == 200
    assert all(row["Score"].isdigit() and row["Change"] != "" for row in rows)
