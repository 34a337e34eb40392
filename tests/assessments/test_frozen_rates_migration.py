"""Migration 0015 (ADR 0039): every stored result of a round already closed gets its
response-rate bases and rate, from the values live at the migration, exactly as closing
freezes them."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from assessments import services
from assessments.models import RoundResult, RoundStatus
from partnership_site.roles import PartnershipRole
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.factories import MembershipFactory, PartnerFactory, RoundFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("assessments.migrations.0015_frozen_response_rates")
FROZEN = ("rate_bases", "rate_base", "response_rate")


@pytest.mark.strict_results
def test_the_data_step_freezes_what_closing_freezes(partnership, manager, framework):  # noqa: F811
    alpha = PartnerFactory(partnership=partnership, name="Alpha", people_invited=4)
    bravo = PartnerFactory(partnership=partnership, name="Bravo", people_invited=None)
    archived = PartnerFactory(partnership=partnership, name="Gone", people_invited=2)
    MembershipFactory.create_batch(
        4, partnership=partnership, partner=bravo, role=PartnershipRole.MEMBER
    )
    MembershipFactory(partnership=partnership, partner=bravo, role=PartnershipRole.FACILITATOR)
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    for partner in (alpha, alpha, alpha, bravo, bravo):
        respond(round_, framework, partner, {"i1": 4, "i2": 2, "i3": 4})
    archived.archived_at = timezone.now()
    archived.save()
    open_round = RoundFactory(partnership=partnership, frameworks=[framework])
    respond(open_round, framework, alpha, {"i1": 4})
    services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)
    closed = RoundResult.objects.get(round=round_)
    at_close = {field: getattr(closed, field) for field in FROZEN}
    # By hand: Alpha 3 of 4; Bravo 2 of 5 members (4 members and a facilitator: the report's
    # base), 4 of whom may answer (the round page's); Gone asked 2, archived, not listed.
    # Whole round 5 / (4 + 5 + 2) = 45.5, 45% (rounded half up: 45.45).
    assert at_close == {
        "rate_bases": [
            [alpha.pk, 3, 4, 0, 0, True],
            [bravo.pk, 2, None, 5, 4, True],
            [archived.pk, 0, 2, 0, 0, False],
        ],
        "rate_base": 11,
        "response_rate": 45,
    }

    # As the rows stood before migration 0015: no bases, no rate.
    RoundResult.objects.update(rate_bases=[], rate_base=None, response_rate=None)
    migration.freeze_closed_rounds(apps, None)
    closed.refresh_from_db()
    assert {field: getattr(closed, field) for field in FROZEN} == at_close
    assert not RoundResult.objects.filter(round=open_round).exists()

    # A round closed before the migration is frozen as of the migration: what is live then.
    alpha.people_invited = 10
    alpha.save()
    RoundResult.objects.update(rate_bases=[], rate_base=None, response_rate=None)
    migration.freeze_closed_rounds(apps, None)
    closed.refresh_from_db()
    assert closed.rate_bases[0] == [alpha.pk, 3, 10, 0, 0, True]
    assert (closed.rate_base, closed.response_rate) == (17, 29)  # 5 / 17 = 29.4
