"""Services for assessment rounds."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments import services
from assessments.errors import NotAllowedNow
from assessments.models import ClosedRoundError, Round, RoundStatus
from frameworks.models import FrameworkStatus
from tests.factories import FrameworkFactory, RoundFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _create(actor, partnership, **overrides):
    fields = {
        "title": "Spring baseline",
        "frameworks": [FrameworkFactory()],
        "opens_on": TODAY,
        "closes_on": TODAY + timedelta(days=30),
    }
    fields.update(overrides)
    return services.create_round(actor=actor, partnership=partnership, **fields)


def test_create_round_starts_as_a_draft_with_its_frameworks_in_order(manager, partnership):
    first, second = FrameworkFactory(), FrameworkFactory()
    round_ = _create(manager, partnership, frameworks=[second, first], anonymity_threshold=4)
    assert round_.status == RoundStatus.DRAFT
    assert round_.anonymity_threshold == 4
    assert [rf.framework for rf in round_.round_frameworks.order_by("position")] == [
        second,
        first,
    ]
    assert len(round_.invitation_token) >= 32


def test_closing_before_opening_is_refused(manager, partnership):
    with pytest.raises(ValidationError) as error:
        _create(manager, partnership, opens_on=TODAY + timedelta(30), closes_on=TODAY)
    assert error.value.message_dict["closes_on"] == [
        "The closing date must be the same as or after the opening date."
    ]
    assert not Round.objects.exists()


def test_round_titles_are_unique_within_a_partnership(manager, partnership):
    _create(manager, partnership)
    with pytest.raises(ValidationError) as error:
        _create(manager, partnership, title="spring BASELINE")
    assert "title" in error.value.message_dict


@pytest.mark.parametrize("threshold", [0, 1, 51])
def test_anonymity_threshold_range(manager, partnership, threshold):
    with pytest.raises(ValidationError):
        _create(manager, partnership, anonymity_threshold=threshold)


def test_frameworks_are_required_and_published(manager, partnership):
    with pytest.raises(ValidationError, match="at least one"):
        _create(manager, partnership, frameworks=[])
    draft = FrameworkFactory(status=FrameworkStatus.DRAFT, published_at=None)
    with pytest.raises(ValidationError, match="not published"):
        _create(manager, partnership, frameworks=[draft])


@pytest.mark.parametrize("role_user", ["member", "facilitator", "outsider"], indirect=True)
def test_only_managers_create_and_change_rounds(role_user, partnership):
    with pytest.raises(PermissionDenied):
        _create(role_user, partnership)
    round_ = RoundFactory(partnership=partnership, status=RoundStatus.DRAFT)
    token = round_.invitation_token
    with pytest.raises(PermissionDenied):
        services.set_round_status(actor=role_user, round_=round_, status=RoundStatus.OPEN)
    with pytest.raises(PermissionDenied):
        services.replace_invitation_token(actor=role_user, round_=round_)
    round_.refresh_from_db()
    assert (round_.status, round_.invitation_token) == (RoundStatus.DRAFT, token)


def test_open_then_close_records_when_it_closed(manager, partnership):
    round_ = RoundFactory(partnership=partnership, status=RoundStatus.DRAFT)
    for status in (RoundStatus.OPEN, RoundStatus.CLOSED):
        services.set_round_status(actor=manager, round_=round_, status=status)
        assert Round.objects.get(pk=round_.pk).status == status
    assert Round.objects.get(pk=round_.pk).closed_at is not None


def test_a_closed_round_never_opens_again(manager, partnership):
    round_ = RoundFactory(partnership=partnership, status=RoundStatus.CLOSED)
    closed_at = Round.objects.get(pk=round_.pk).closed_at
    with pytest.raises(ClosedRoundError, match="cannot be opened again"):
        services.set_round_status(actor=manager, round_=round_, status=RoundStatus.OPEN)
    # Nor through the model (the admin, a shell, a fixture): save() refuses it.
    stale = Round.objects.get(pk=round_.pk)
    stale.status = RoundStatus.OPEN
    with pytest.raises(ClosedRoundError):
        stale.save()
    stored = Round.objects.get(pk=round_.pk)
    assert (stored.status, stored.closed_at) == (RoundStatus.CLOSED, closed_at)


def test_extending_the_closing_date(manager, partnership):
    round_ = RoundFactory(partnership=partnership)
    later = round_.closes_on + timedelta(days=7)
    services.extend_closing_date(actor=manager, round_=round_, closes_on=later)
    assert Round.objects.get(pk=round_.pk).closes_on == later
    with pytest.raises(ValidationError, match="same as or after"):
        services.extend_closing_date(actor=manager, round_=round_, closes_on=later - timedelta(1))
    closed = RoundFactory(partnership=partnership, status=RoundStatus.CLOSED)
    with pytest.raises(ClosedRoundError):
        services.extend_closing_date(
            actor=manager, round_=closed, closes_on=closed.closes_on + timedelta(days=30)
        )


def test_only_managers_extend_or_change_the_shared_link(member, partnership):
    round_ = RoundFactory(partnership=partnership)
    with pytest.raises(PermissionDenied):
        services.extend_closing_date(
            actor=member, round_=round_, closes_on=round_.closes_on + timedelta(days=1)
        )
    with pytest.raises(PermissionDenied):
        services.set_open_link(actor=member, round_=round_, enabled=False)


def test_status_changes_are_checked_against_the_stored_status(manager, partnership):
    round_ = RoundFactory(partnership=partnership, status=RoundStatus.DRAFT)
    stale = Round.objects.get(pk=round_.pk)
    services.set_round_status(actor=manager, round_=round_, status=RoundStatus.OPEN)
    with pytest.raises(ValidationError, match="already open"):
        services.set_round_status(actor=manager, round_=stale, status=RoundStatus.OPEN)
    with pytest.raises(ValidationError, match="cannot become"):
        services.set_round_status(
            actor=manager,
            round_=RoundFactory(partnership=partnership, status=RoundStatus.DRAFT),
            status=RoundStatus.CLOSED,
        )


def test_replace_invitation_token(manager, partnership):
    round_ = RoundFactory(partnership=partnership)
    old = round_.invitation_token
    services.replace_invitation_token(actor=manager, round_=round_)
    assert Round.objects.get(pk=round_.pk).invitation_token not in {old, ""}
    assert not Round.objects.filter(invitation_token=old).exists()


def test_a_closed_round_keeps_its_invitation_token(manager, partnership):
    round_ = RoundFactory(partnership=partnership, status=RoundStatus.CLOSED)
    token = round_.invitation_token
    with pytest.raises(NotAllowedNow):
        services.replace_invitation_token(actor=manager, round_=round_)
    assert Round.objects.get(pk=round_.pk).invitation_token == token
