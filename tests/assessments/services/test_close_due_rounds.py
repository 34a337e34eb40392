"""Rounds close on their closing date without anyone pressing a button (issue 11): the
service, the management command and the check made on requests, with a frozen clock."""

from datetime import datetime, time, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Round, RoundStatus
from assessments.services.rounds import close_due_rounds
from partnership_site.roles import PartnershipRole
from tests.factories import MembershipFactory, RoundFactory, build_framework

pytestmark = pytest.mark.django_db

CLOSES_ON = timezone.localdate() + timedelta(days=3)


def at(day, hour=0, minute=0, second=1):
    """An aware datetime on ``day`` in the service's time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute, second)))


def frozen(moment):
    """Freeze the clock Django reads (timezone.now, and so localdate) at ``moment``."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    settings.CLOSE_DUE_ROUNDS_ON_REQUESTS = True  # as in production
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def round_(partnership):
    return RoundFactory(partnership=partnership, closes_on=CLOSES_ON, title="Spring round")


def test_a_round_is_open_all_of_its_closing_day(round_):
    assert close_due_rounds(now=at(CLOSES_ON, 23, 59, 59)) == []
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN


def test_a_round_closes_the_day_after_its_closing_date(round_):
    moment = at(CLOSES_ON + timedelta(days=1))
    assert close_due_rounds(now=moment) == [round_.pk]
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED
    assert round_.closed_at == moment  # the same closing path as a manager's
    last = round_.history.first()
    assert last.status == RoundStatus.CLOSED
    assert last.history_user is None  # the system, not a person
    assert "closing date had passed" in last.history_change_reason
    # Running again (cron twice, two processes) changes nothing.
    assert close_due_rounds(now=moment + timedelta(hours=1)) == []
    round_.refresh_from_db()
    assert round_.closed_at == moment


def test_drafts_closed_and_extended_rounds_are_left_alone(partnership, round_):
    past = CLOSES_ON - timedelta(days=1)
    draft = RoundFactory(
        partnership=partnership, status=RoundStatus.DRAFT, opens_on=past, closes_on=past
    )
    closed = RoundFactory(
        partnership=partnership, status=RoundStatus.CLOSED, opens_on=past, closes_on=past
    )
    closed_at = closed.closed_at
    manager = MembershipFactory(partnership=partnership, role=PartnershipRole.MANAGER).user
    services.extend_closing_date(
        actor=manager, round_=round_, closes_on=CLOSES_ON + timedelta(days=7)
    )
    assert close_due_rounds(now=at(CLOSES_ON + timedelta(days=1))) == []
    draft.refresh_from_db()
    closed.refresh_from_db()
    assert draft.status == RoundStatus.DRAFT
    assert closed.closed_at == closed_at


def test_only_the_system_closes_rounds_on_their_date(round_, admin_user):
    with pytest.raises(PermissionDenied):
        close_due_rounds(actor=admin_user, now=at(CLOSES_ON + timedelta(days=1)))


def test_the_command_closes_due_rounds_and_says_how_many(round_):
    out = StringIO()
    with frozen(at(CLOSES_ON + timedelta(days=2))):
        call_command("close_due_rounds", stdout=out)
    assert out.getvalue().strip() == "Closed 1 round whose closing date had passed."
    assert Round.objects.get(pk=round_.pk).status == RoundStatus.CLOSED


def test_a_due_round_closes_on_the_next_request_and_its_report_is_published(client, partnership):
    framework = build_framework(sections=(1,))
    round_ = RoundFactory(
        partnership=partnership, frameworks=[framework], closes_on=CLOSES_ON, title="Spring"
    )
    member = MembershipFactory(partnership=partnership, role=PartnershipRole.MEMBER).user
    report = reverse("round_report", args=[round_.pk])
    with frozen(at(CLOSES_ON, 12)):
        client.force_login(member)
        assert client.get(report).status_code == 403  # not published while open
        page = client.get(reverse("partnership_detail", args=[partnership.pk]))
        assert "Spring" in page.content.decode()
    cache.clear()  # a new process, or five minutes later
    with frozen(at(CLOSES_ON + timedelta(days=1), 0, 5)):
        client.force_login(member)
        page = client.get(reverse("my_partnerships"))
        assert "is open until" not in page.content.decode()
        assert client.get(report).status_code == 200
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED


def test_requests_check_at_once_on_a_new_day_and_then_only_every_few_minutes(
    client, partnership, django_assert_max_num_queries
):
    round_ = RoundFactory(partnership=partnership, closes_on=CLOSES_ON)
    with frozen(at(CLOSES_ON, 23, 58)):
        client.get(reverse("start"))  # checked: nothing due yet
    with frozen(at(CLOSES_ON + timedelta(days=1), 0, 0)):
        client.get(reverse("start"))  # a new day: checked at once, though a minute later
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED
    # Within the interval on the same day, a request makes no query for it at all.
    with frozen(at(CLOSES_ON + timedelta(days=1), 0, 1)), django_assert_max_num_queries(0):
        client.get(reverse("start"))


def test_the_check_on_requests_can_be_turned_off(client, partnership, settings):
    settings.CLOSE_DUE_ROUNDS_ON_REQUESTS = False
    round_ = RoundFactory(partnership=partnership, closes_on=CLOSES_ON)
    with frozen(at(CLOSES_ON + timedelta(days=1))):
        client.get(reverse("start"))
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN
