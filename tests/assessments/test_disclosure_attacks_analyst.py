# ruff: noqa: F811  (the framework fixture is imported from the round report tests)
"""Differencing attacks on the analyst CSVs, which publish partner and role groups side by
side with the whole partnership, across every closed round.

Every published figure is a sum over a set of respondents. A reader holding the trend CSV,
the portfolio CSV and the round CSV can add and subtract figures; whatever they get is a
sum over (set A + set B − set C …). The attack succeeds if some such combination of
published sets is exactly 1 to threshold − 1 people: their figures would follow. Here the
test knows who is in which organisation and role, maps each published group back to its
people, and tries every combination (coefficients −1, 0, 1) of the groups published for the
same round, framework and dimension, across all three downloads.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from itertools import product

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import ROLE_LABELS, RespondentRole, RoundStatus
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.downloads import csv_dicts
from tests.factories import PartnerFactory, RoundFactory

pytestmark = pytest.mark.django_db

THRESHOLD = 3
VALUES = {"i1": 4, "i2": 2, "i3": 5}


def closed_round(partnership, framework, title, days_ago):  # noqa: F811
    today = timezone.localdate()
    return RoundFactory(
        partnership=partnership,
        frameworks=[framework],
        status=RoundStatus.CLOSED,
        title=title,
        opens_on=today - timedelta(days=days_ago + 30),
        closes_on=today - timedelta(days=days_ago),
    )


@pytest.fixture
def people(partnership, framework):  # noqa: F811
    """Two closed rounds. "Intersection": Alder has 3 clinical people and 1 leader, Birch 3
    leaders, Cedar 1 community member (too few: merged). Shown naively, Alder − Clinical is
    the one leader, and the total − Alder − Birch is Cedar's one person. "Combined": roles
    have to be combined before they can be shown. Returns {round title: [(partner, role)]},
    one entry per respondent, in the order they answered."""
    alder, birch, cedar = (
        PartnerFactory(partnership=partnership, name=name) for name in ("Alder", "Birch", "Cedar")
    )
    clinical, leadership = RespondentRole.CLINICAL, RespondentRole.LEADERSHIP
    operational, community = RespondentRole.OPERATIONAL, RespondentRole.COMMUNITY
    plan = {
        "Intersection": [(alder, clinical)] * 3
        + [(alder, leadership), *[(birch, leadership)] * 3, (cedar, community)],
        "Combined": [(alder, clinical)] * 3
        + [(alder, leadership), *[(alder, operational)] * 3]
        + [(birch, leadership)] * 3
        + [(birch, operational)] * 3,
    }
    who = {}
    for days_ago, (title, respondents) in zip((200, 100), plan.items(), strict=True):
        round_ = closed_round(partnership, framework, title, days_ago)
        for n, (partner, role) in enumerate(respondents):
            shifted = {k: 1 + (v + 2 * n) % 5 for k, v in VALUES.items()}
            respond(round_, framework, partner, shifted, role=role)
        who[title] = (round_, [(partner.name, role) for partner, role in respondents])
    return who


def published_sets(rows, who) -> dict[tuple, set[frozenset]]:
    """The respondents behind each published group, by (round, framework, dimension)."""
    by_figure: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        if row.get("level") in ("dimension", None) and row["dimension"]:
            round_title = row["round"].lstrip("'")
            by_figure[(round_title, row["framework"], row["dimension"])].append(row)
    sets: dict[tuple, set[frozenset]] = {}
    for key, figure_rows in by_figure.items():
        respondents = who[key[0]][1]
        everyone = frozenset(range(len(respondents)))
        found = {frozenset(everyone)}
        for group_type, position, labels in (
            ("partner", 0, {}),
            ("role", 1, ROLE_LABELS),
        ):
            named: set[int] = set()
            groups = [r for r in figure_rows if r["group_type"] == group_type]
            for row in groups:
                if row["group"].startswith("Other "):
                    continue
                members = frozenset(
                    i
                    for i, person in enumerate(respondents)
                    if labels.get(person[position], person[position]) == row["group"]
                )
                assert len(members) == int(row["responses"]), row
                named |= members
                found.add(members)
            for row in groups:
                if row["group"].startswith("Other "):
                    rest = everyone - named
                    assert len(rest) == int(row["responses"]), row
                    found.add(frozenset(rest))
            if groups:  # the published groups cover everyone: nothing is left to subtract
                assert sum(int(r["responses"]) for r in groups) == len(everyone)
        sets[key] = found
    return sets


def isolated_people(sets: set[frozenset], threshold: int) -> list[frozenset]:
    """Every combination of published sets with coefficients −1, 0 or 1 that is exactly a
    set of 1 to threshold − 1 people."""
    sets = sorted(sets, key=sorted)
    found = []
    for coefficients in product((-1, 0, 1), repeat=len(sets)):
        counts: dict[int, int] = defaultdict(int)
        for c, members in zip(coefficients, sets, strict=True):
            for person in members:
                counts[person] += c
        if all(n in (0, 1) for n in counts.values()):
            people = frozenset(p for p, n in counts.items() if n == 1)
            if 0 < len(people) < threshold:
                found.append(people)
    return found


def test_the_checker_finds_the_naive_intersection_attack():
    """The attack the checker looks for, on the groups a naive report would publish."""
    alder, clinical, everyone = frozenset({0, 1, 2, 3}), frozenset({0, 1, 2}), frozenset(range(8))
    birch = frozenset({4, 5, 6})
    assert frozenset({3}) in isolated_people({everyone, alder, clinical, birch}, THRESHOLD)
    assert frozenset({7}) in isolated_people({everyone, alder, birch}, THRESHOLD)


def test_no_combination_of_the_analyst_and_round_csvs_isolates_anyone(
    client, manager, facilitator, partnership, framework, people
):  # noqa: F811
    client.force_login(manager)
    trend = csv_dicts(client.get(reverse("trends_csv", args=[partnership.pk])))
    round_csvs = [
        row
        for round_, _ in people.values()
        for row in csv_dicts(
            client.get(reverse("round_report_csv", args=[round_.pk, framework.slug]))
        )
        if row["level"] == "dimension"
    ]
    client.force_login(facilitator)
    portfolio = csv_dicts(client.get(reverse("portfolio_csv")))

    # The downloads publish the same groups; the CSVs' role breakdowns are as on the page.
    assert portfolio == trend
    groups = {(r["round"], r["group_type"], r["group"], r["responses"]) for r in trend}
    assert ("Intersection", "partner", "Other partners", "4") in groups  # Birch and Cedar
    assert not any(g[1] == "role" and g[0] == "Intersection" for g in groups)  # withheld
    assert ("Combined", "role", "Other roles", "7") in groups
    assert "Cedar" not in {g[2] for g in groups}

    combined: dict[tuple, set[frozenset]] = defaultdict(set)
    for rows in (trend, portfolio, round_csvs):
        for key, sets in published_sets(rows, people).items():
            combined[key] |= sets
    assert len(combined) == 4  # two rounds × two dimensions
    for key, sets in combined.items():
        assert isolated_people(sets, THRESHOLD) == [], key
