"""What a new user trying the product found untrue or unusable: a closed round's shared
link cannot be replaced, and its dates and counts say what happened."""

from datetime import UTC, date, datetime

from django.urls import reverse

from assessments.models import Round, RoundStatus
from tests.assessments.views.test_partnerships import (  # noqa: F401
    pytestmark,
    signed_in_manager,
    world,
)
from tests.factories import RoundFactory


def test_a_closed_round_refuses_a_new_shared_link(signed_in_manager, world):
    closed = RoundFactory(partnership=world.partnership, status=RoundStatus.CLOSED)
    token = closed.invitation_token
    page = signed_in_manager.get(reverse("round_detail", args=[closed.pk])).content.decode()
    assert reverse("round_new_link", args=[closed.pk]) not in page
    response = signed_in_manager.post(reverse("round_new_link", args=[closed.pk]), follow=True)
    body = response.content.decode()
    assert "A new invitation link has been created" not in body
    assert "This round is closed" in body
    assert Round.objects.get(pk=closed.pk).invitation_token == token


def test_round_dates_say_what_happened(signed_in_manager, world):
    closed = RoundFactory(
        partnership=world.partnership,
        status=RoundStatus.CLOSED,
        title="Autumn",
        opens_on=date(2026, 11, 1),
        closes_on=date(2026, 12, 10),
        closed_at=datetime(2026, 11, 30, 15, 0, tzinfo=UTC),
    )
    Round.objects.filter(pk=world.open.pk).update(closes_on=date(2027, 1, 20))
    Round.objects.filter(pk=world.draft.pk).update(
        opens_on=date(2027, 2, 1), closes_on=date(2027, 3, 1)
    )
    page = signed_in_manager.get(reverse("round_detail", args=[closed.pk])).content.decode()
    assert "Closed</dt>" in page
    assert "30 November 2026" in page
    assert "10 December 2026" not in page
    page = signed_in_manager.get(reverse("round_detail", args=[world.open.pk])).content.decode()
    assert "Closes</dt>" in page
    assert "20 January 2027" in page
    page = signed_in_manager.get(reverse("round_detail", args=[world.draft.pk])).content.decode()
    assert "Planned to open</dt>" in page
    assert "Planned to close</dt>" in page
    page = signed_in_manager.get(
        reverse("partnership_detail", args=[world.partnership.pk])
    ).content.decode()
    assert "Closed 30 Nov 2026" in page
    assert "10 Dec 2026" not in page
    assert "Closes 20 Jan 2027" in page
    assert "Planned to open 1 Feb 2027" in page
    assert "Planned to close 1 Mar 2027" in page
