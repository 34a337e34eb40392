# ruff: noqa: F811  (the framework fixture is imported from the round report tests)
"""The analyst CSVs (assessments/reports/analyst_csv.py): every row equals the figure the
report page shows for the same round, framework, dimension and published group, whatever
disclosure control decided (partners merged, roles shown, combined or withheld, thin
ratings left out, rounds suppressed), and however the partnerships fall into chunks.

The expected rows come from the page's presenter, one round at a time (the naive
computation, tests/analyst_expectations.py); the CSV folds many partnerships at once.
"""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.models import RespondentRole, RoundStatus
from assessments.reports import analyst_csv
from assessments.reports.analyst_csv import ANALYST_HEADER, analyst_rows
from assessments.reports.disclosure import RoleBreakdown
from assessments.reports.round_report import build_round_report
from assessments.services.results import rebuild_results
from tests.analyst_expectations import page_rows
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.factories import (
    DimensionFactory,
    ItemFactory,
    PartnerFactory,
    PartnershipFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db

CLINICAL, LEADERSHIP = RespondentRole.CLINICAL, RespondentRole.LEADERSHIP
OPERATIONAL, COMMUNITY = RespondentRole.OPERATIONAL, RespondentRole.COMMUNITY
FULL = {"i1": 4, "i2": 2, "i3": 5, "i4": 3}


@pytest.fixture
def local_framework(framework):  # noqa: F811
    """The report tests' framework with a local-context dimension added."""
    local = DimensionFactory(
        framework=framework, key="local", title="Local priorities", position=3, local_context=True
    )
    ItemFactory(dimension=local, key="i4", position=1, statement="Our local aim is clear")
    return framework


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


def answer(round_, framework, partner, people, role, values=FULL, shift=0):  # noqa: F811
    """``people`` responses from ``partner`` in ``role``, each a little different."""
    for n in range(people):
        varied = {k: v if v is None else 1 + (v + n + shift) % 5 for k, v in values.items()}
        respond(round_, framework, partner, varied, role=role)


def rows_of(partnership_ids):
    return [[str(value) for value in row] for row in analyst_rows(partnership_ids)]


def breakdown(round_, framework):  # noqa: F811
    return build_round_report(round_, framework, include_comments=False).publication


@pytest.fixture
def partnership_with_every_case(local_framework):
    """Rounds in which roles are shown, combined and withheld, a small partner is merged,
    ratings are too thin in one cell, and one round is below the threshold."""
    partnership = PartnershipFactory(name="Riverside PCN")
    a, b = (PartnerFactory(partnership=partnership, name=n) for n in ("Alder", "Birch"))
    c = PartnerFactory(partnership=partnership, name="Cedar")
    fw = local_framework
    shown = closed_round(partnership, fw, "Shown", 500)
    answer(shown, fw, a, 3, CLINICAL)
    answer(shown, fw, b, 3, LEADERSHIP, shift=2)
    answer(shown, fw, c, 3, CLINICAL, shift=4)
    combined = closed_round(partnership, fw, "Combined", 400)
    answer(combined, fw, a, 3, CLINICAL)
    answer(combined, fw, a, 1, LEADERSHIP, shift=1)
    answer(combined, fw, a, 3, OPERATIONAL, shift=2)
    answer(combined, fw, b, 3, LEADERSHIP, shift=3)
    answer(combined, fw, b, 3, OPERATIONAL, shift=4)
    withheld = closed_round(partnership, fw, "Withheld", 300)
    answer(withheld, fw, a, 3, CLINICAL)
    answer(withheld, fw, a, 1, LEADERSHIP, shift=3)
    answer(withheld, fw, b, 3, LEADERSHIP, shift=1)
    answer(withheld, fw, c, 1, COMMUNITY, shift=2)  # merged into "Other partners"
    thin = closed_round(partnership, fw, "Thin", 200)
    answer(thin, fw, a, 1, CLINICAL)
    # shift=1: Alder's three give three different answers (5, 1, 2 to i1), so only the
    # thin i3 keeps a dimension out of the breakdowns (not all but one alike, ADR 0036).
    answer(thin, fw, a, 2, CLINICAL, values={**FULL, "i3": None}, shift=1)
    answer(thin, fw, b, 3, CLINICAL, shift=2)
    suppressed = closed_round(partnership, fw, "Suppressed", 100)
    answer(suppressed, fw, a, 2, CLINICAL)
    open_round = RoundFactory(partnership=partnership, frameworks=[fw])
    answer(open_round, fw, a, 3, CLINICAL)

    assert breakdown(shown, fw).role_breakdown == RoleBreakdown.SHOWN
    assert breakdown(combined, fw).role_breakdown == RoleBreakdown.COMBINED
    assert breakdown(withheld, fw).role_breakdown == RoleBreakdown.WITHHELD
    assert "Cedar" in breakdown(withheld, fw).partners.merged_labels
    report = build_round_report(thin, fw, include_comments=False)
    assert report.dimensions_not_broken_down == ("Vision",)
    assert breakdown(suppressed, fw).suppressed
    return partnership, [shown, combined, withheld, thin, suppressed]


def test_every_row_is_the_page_figure_for_its_group(partnership_with_every_case, local_framework):
    partnership, rounds = partnership_with_every_case
    expected = [row for r in rounds for row in page_rows(r, local_framework)]
    assert rows_of([partnership.pk]) == expected
    assert all(len(row) == len(ANALYST_HEADER) for row in expected)

    def groups(title, group_type):
        return {r[11] for r in expected if r[2] == title and r[10] == group_type}

    # The cases are really there: role groups shown, combined, withheld; a merged partner.
    assert groups("Shown", "role") == {"Clinical", "Leadership or management"}
    assert groups("Combined", "role") == {"Administrative or operational", "Other roles"}
    assert groups("Withheld", "role") == set()
    assert groups("Withheld", "partner") == {"Alder", "Other partners"}
    assert "Cedar" in groups("Shown", "partner")
    withheld_note = next(r[-1] for r in expected if r[2] == "Withheld" and r[7] == "framework")
    assert withheld_note.startswith("Results by role are not shown")
    thin_rows = [r for r in expected if r[2] == "Thin" and r[10] != "all" and r[8] == "Vision"]
    assert thin_rows and all(r[13] == "" and r[-1] for r in thin_rows)
    assert [r[-1] for r in expected if r[2] == "Suppressed"] == [
        "Fewer than 3 responses: figures are not shown"
    ]
    # Spread (which with a mean could pin down a small group's answers) only for everyone.
    assert all(r[16] == "" for r in expected if r[10] in {"partner", "role"})
    assert any(r[16] != "" for r in expected if r[10] == "all" and r[7] == "dimension")


def test_random_portfolios_in_any_chunking_equal_the_page(
    local_framework, monkeypatch, django_assert_max_num_queries
):
    """Many partnerships with random partners, roles, sizes and "not applicable" answers,
    folded two, three or all at once: every row is still the page's."""
    rng = random.Random(13)
    partnerships, rounds = [], []
    for n in range(5):
        partnership = PartnershipFactory(name=f"Portfolio {n}")
        partners = [
            PartnerFactory(partnership=partnership, name=f"Practice {k}")
            for k in range(rng.randint(1, 4))
        ]
        for r in range(2):
            round_ = closed_round(partnership, local_framework, f"Round {r}", 400 - 100 * r)
            for partner in [*partners, None]:
                roles = rng.sample([*RespondentRole.values, ""], rng.choice([1, 1, 2]))
                for _ in range(rng.choice([0, 1, 2, 3, 3, 4, 6])):
                    values = {
                        k: rng.choice([None, 1, 2, 3, 4, 5, 5]) for k in ("i1", "i2", "i3", "i4")
                    }
                    respond(round_, local_framework, partner, values, role=rng.choice(roles))
            rounds.append(round_)
        partnerships.append(partnership)
    expected = [row for r in rounds for row in page_rows(r, local_framework)]
    states = {breakdown(r, local_framework).role_breakdown for r in rounds}
    assert len(states) >= 3, states  # the seed gives a mix of disclosure outcomes

    ids = [p.pk for p in partnerships]
    rebuild_results()  # as closing the rounds would (ADR 0031)
    for chunk in (2, 3, len(ids)):
        monkeypatch.setattr(analyst_csv, "CHUNK", chunk)
        with django_assert_max_num_queries(4 * -(-len(ids) // chunk) + 4):
            assert rows_of(ids) == expected


def test_rounds_a_reader_may_not_see_are_left_out(partnership_with_every_case):
    partnership, rounds = partnership_with_every_case
    visible = {rounds[1].pk}
    rows = list(analyst_rows([partnership.pk], include=lambda link: link.round_id in visible))
    assert {row[2] for row in rows} == {"Combined"}
