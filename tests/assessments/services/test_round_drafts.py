"""Editing and deleting draft rounds; dates that make sense (issue 11)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments import services
from assessments.models import Round, RoundStatus
from tests.factories import (
    FrameworkFactory,
    PartnerFactory,
    ResponseFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _fields(**overrides):
    return {
        "title": "Renamed",
        "frameworks": [FrameworkFactory()],
        "opens_on": TODAY + timedelta(days=2),
        "closes_on": TODAY + timedelta(days=20),
        "anonymity_threshold": 5,
        "open_link_enabled": True,
        **overrides,
    }


@pytest.fixture
def draft(partnership):
    return RoundFactory(
        partnership=partnership,
        status=RoundStatus.DRAFT,
        title="Draft",
        frameworks=[FrameworkFactory(), FrameworkFactory()],
        open_link_enabled=False,
    )


def test_a_manager_edits_everything_about_a_draft(manager, draft):
    fields = _fields()
    services.update_draft_round(actor=manager, round_=draft, **fields)
    draft.refresh_from_db()
    assert (draft.title, draft.opens_on, draft.closes_on) == (
        "Renamed",
        fields["opens_on"],
        fields["closes_on"],
    )
    assert (draft.anonymity_threshold, draft.open_link_enabled) == (5, True)
    assert [rf.framework for rf in draft.round_frameworks.all()] == fields["frameworks"]


def test_editing_keeps_the_partnerships_local_questions_last(manager, draft):
    local = services.add_local_questions(
        actor=manager, round_=draft, title="Ours", statements=["We share data"]
    )
    chosen = FrameworkFactory()
    services.update_draft_round(actor=manager, round_=draft, **_fields(frameworks=[chosen]))
    assert [rf.framework for rf in draft.round_frameworks.order_by("position")] == [
        chosen,
        local,
    ]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"closes_on": TODAY + timedelta(days=1)}, "closes_on", "same as or after"),
        (
            {"opens_on": date(2020, 1, 1), "closes_on": date(2020, 2, 1)},
            "closes_on",
            "today or later",
        ),
        ({"frameworks": []}, "frameworks", "at least one"),
        ({"title": "Taken"}, "title", "already has a round"),
    ],
)
def test_edits_that_make_no_sense_get_field_errors_and_change_nothing(
    manager, draft, partnership, overrides, field, message
):
    RoundFactory(partnership=partnership, title="Taken")
    before = Round.objects.filter(pk=draft.pk).values().get()
    with pytest.raises(ValidationError) as error:
        services.update_draft_round(actor=manager, round_=draft, **_fields(**overrides))
    assert message in " ".join(error.value.message_dict[field])
    assert Round.objects.filter(pk=draft.pk).values().get() == before


@pytest.mark.parametrize("status", [RoundStatus.OPEN, RoundStatus.CLOSED])
def test_only_drafts_are_edited_or_deleted(manager, partnership, status):
    round_ = RoundFactory(partnership=partnership, status=status)
    with pytest.raises(ValidationError, match="Only a draft round can be edited"):
        services.update_draft_round(actor=manager, round_=round_, **_fields())
    with pytest.raises(ValidationError, match="Only a draft round can be deleted"):
        services.delete_draft_round(actor=manager, round_=round_)
    assert Round.objects.filter(pk=round_.pk).exists()


@pytest.mark.parametrize("role", ["member", "facilitator", "outsider"])
def test_only_managers_edit_or_delete_drafts(request, draft, role):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.update_draft_round(actor=actor, round_=draft, **_fields())
    with pytest.raises(PermissionDenied):
        services.delete_draft_round(actor=actor, round_=draft)
    assert Round.objects.filter(pk=draft.pk, title="Draft").exists()


def test_a_draft_is_deleted_with_its_personal_links(manager, draft):
    services.create_personal_invitations(
        actor=manager,
        round_=draft,
        people=[
            services.PersonInput(
                name="Sam Lee",
                email="sam@example.nhs.uk",
                partner=PartnerFactory(partnership=draft.partnership),
                respondent_role="clinical",
            )
        ],
    )
    assert draft.invitations.exists()
    services.delete_draft_round(actor=manager, round_=draft)
    assert not Round.objects.filter(pk=draft.pk).exists()
    assert not draft.invitations.exists()


def test_a_draft_holding_responses_is_kept(manager, draft):
    ResponseFactory(round=draft)  # only possible through the admin or old data
    with pytest.raises(ValidationError, match="holds answers"):
        services.delete_draft_round(actor=manager, round_=draft)
    assert Round.objects.filter(pk=draft.pk).exists()


def test_a_draft_whose_closing_date_has_passed_cannot_open(manager, partnership):
    round_ = RoundFactory(
        partnership=partnership,
        status=RoundStatus.DRAFT,
        opens_on=date(2020, 1, 1),
        closes_on=date(2020, 2, 1),
    )
    with pytest.raises(ValidationError) as error:
        services.set_round_status(actor=manager, round_=round_, status=RoundStatus.OPEN)
    assert "1 February 2020, has passed" in error.value.message_dict["closes_on"][0]
    round_.refresh_from_db()
    assert round_.status == RoundStatus.DRAFT


def test_a_round_cannot_be_created_closing_in_the_past(manager, partnership):
    with pytest.raises(ValidationError) as error:
        services.create_round(
            actor=manager,
            partnership=partnership,
            title="Past",
            frameworks=[FrameworkFactory()],
            opens_on=date(2020, 1, 1),
            closes_on=date(2020, 2, 1),
        )
    assert "today or later" in error.value.message_dict["closes_on"][0]
    assert not Round.objects.filter(title="Past").exists()
