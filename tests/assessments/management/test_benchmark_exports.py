# ruff: noqa: F811  (the framework fixture is imported from the round report tests)
"""The portfolio-CSV benchmark: the stream command counts exactly the CSV's rows for the
facilitator the seed command names, and the seed refuses anything but PostgreSQL."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from assessments.management.commands.seed_export_benchmark import facilitator_name
from assessments.models import RespondentRole, RoundStatus
from assessments.reports.analyst_csv import analyst_rows
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.factories import (
    CohortFactory,
    PartnerFactory,
    PartnershipFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_the_stream_counts_the_portfolio_csv_rows(framework):  # noqa: F811
    partnerships = [PartnershipFactory(name=f"Export benchmark {n:05d}") for n in range(2)]
    for partnership in partnerships:
        partner = PartnerFactory(partnership=partnership)
        round_ = RoundFactory(
            partnership=partnership, frameworks=[framework], status=RoundStatus.CLOSED
        )
        for value in (1, 3, 5):
            values = {"i1": value, "i2": 6 - value, "i3": value}
            respond(round_, framework, partner, values, role=RespondentRole.CLINICAL)
    user = UserFactory(username=facilitator_name(2))
    CohortFactory(facilitators=[user], partnerships=partnerships)

    out = StringIO()
    call_command("benchmark_exports", "--size", "2", stdout=out)
    figures = dict(re.findall(r"(\w+)=(\S+)", out.getvalue()))
    expected = len(list(analyst_rows([p.pk for p in partnerships])))
    assert expected > 2 and int(figures["rows"]) == expected
    assert float(figures["peak_rss_mb"]) >= float(figures["rss_before_mb"]) > 0
    assert float(figures["tracemalloc_peak_mb"]) > 0

    with pytest.raises(CommandError, match="No portfolio of 3"):
        call_command("benchmark_exports", "--size", "3", stdout=StringIO())


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the seed's own database")
def test_the_seed_refuses_a_database_that_is_not_postgresql():
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("seed_export_benchmark", "--partnerships", "2", stdout=StringIO())
