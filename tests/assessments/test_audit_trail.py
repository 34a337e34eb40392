"""Audit trail: history with the acting user on partnerships, partners, members, rounds and
actions; the History page for managers and the admin's; archive, never delete."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.urls import reverse

from assessments import services
from assessments.models import Partnership, Response, Round
from assessments.services.archive import archive_partnership, restore_partnership
from partnership_site.roles import PartnershipRole
from tests.factories import (
    ActionItemFactory,
    MembershipFactory,
    PartnerFactory,
    ResponseFactory,
    RoundFactory,
    UserFactory,
    personal_link_token,
)


def test_changes_made_in_the_service_record_who_made_them(client, manager, partnership):
    client.force_login(manager)
    response = client.post(
        reverse("partner_add", args=[partnership.pk]),
        {"name": "Oak Surgery", "organisation_type": "gp_practice", "ods_code": ""},
    )
    assert response.status_code == 302
    record = partnership.partners.get(name="Oak Surgery").history.get()
    assert record.history_type == "+" and record.history_user == manager


@pytest.mark.parametrize("model", ["partnership", "partner", "membership", "round", "action"])
def test_each_model_keeps_history(model, partnership, admin_user):
    made = {
        "partnership": lambda: partnership,
        "partner": lambda: PartnerFactory(partnership=partnership),
        "membership": lambda: MembershipFactory(partnership=partnership),
        "round": lambda: RoundFactory(partnership=partnership),
        "action": lambda: ActionItemFactory(partnership=partnership),
    }[model]()
    assert made.history.count() == 1


def test_round_history_never_keeps_the_invitation_link(partnership):
    round_ = RoundFactory(partnership=partnership)
    assert not hasattr(round_.history.get(), "invitation_token")


def test_history_page_lists_changes_for_managers_only(client, manager, member, partnership):
    other = UserFactory(first_name="Priya", last_name="Shah")
    client.force_login(manager)
    client.post(
        reverse("partnership_edit", args=[partnership.pk]),
        {"name": "Renamed PCN", "kind": partnership.kind, "population": "", "region": ""},
    )
    MembershipFactory(partnership=partnership, user=other, role=PartnershipRole.MEMBER)
    page = client.get(reverse("partnership_history", args=[partnership.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert f"Name: {Partnership.history.earliest().name} → Renamed PCN" in text
    assert "Created member: Priya Shah as Member" in text
    assert "no-store" in page["Cache-Control"]
    detail = client.get(reverse("partnership_detail", args=[partnership.pk])).content.decode()
    assert reverse("partnership_history", args=[partnership.pk]) in detail

    client.force_login(member)
    assert client.get(reverse("partnership_history", args=[partnership.pk])).status_code == 403
    detail = client.get(reverse("partnership_detail", args=[partnership.pk])).content.decode()
    assert reverse("partnership_history", args=[partnership.pk]) not in detail


def test_admin_history_is_the_whole_audit_trail(client, admin_user, partnership):
    PartnerFactory(partnership=partnership, name="Elm Practice")
    client.force_login(admin_user)
    page = client.get(reverse("admin:assessments_partnership_history", args=[partnership.pk]))
    assert page.status_code == 200
    assert "Created partner organisation: Elm Practice" in page.content.decode()


@pytest.fixture
def answered_round(partnership):
    round_ = RoundFactory(partnership=partnership, status="closed")
    ResponseFactory(round=round_)
    return round_


def test_a_round_with_responses_cannot_be_deleted(answered_round):
    with pytest.raises(ProtectedError):
        answered_round.delete()
    with pytest.raises(ProtectedError):
        answered_round.partnership.delete()


def test_the_admin_offers_no_delete_for_anything_holding_responses(
    client, admin_user, answered_round
):
    client.force_login(admin_user)
    partnership = answered_round.partnership
    for url in (
        reverse("admin:assessments_round_delete", args=[answered_round.pk]),
        reverse("admin:assessments_partnership_delete", args=[partnership.pk]),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = client.get(reverse("admin:assessments_round_changelist")).content.decode()
    assert "delete_selected" not in changelist
    assert Round.objects.filter(pk=answered_round.pk).exists() and Response.objects.exists()


def test_archiving_takes_a_partnership_out_of_service_and_keeps_everything(
    client, admin_user, manager, answered_round
):
    partnership = answered_round.partnership
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:assessments_partnership_changelist"),
        {"action": "archive", "_selected_action": [partnership.pk]},
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.archived_at is not None
    assert partnership.history.latest().history_user == admin_user
    client.force_login(manager)
    assert client.get(reverse("partnership_detail", args=[partnership.pk])).status_code == 404
    assert partnership.name not in client.get(reverse("my_partnerships")).content.decode()
    restore_partnership(actor=admin_user, partnership=partnership)
    assert client.get(reverse("partnership_detail", args=[partnership.pk])).status_code == 200


def test_a_partnership_with_an_open_round_is_not_archived(admin_user, partnership, manager):
    RoundFactory(partnership=partnership, status="open")
    with pytest.raises(ValidationError, match="Close the round"):
        archive_partnership(actor=admin_user, partnership=partnership)
    with pytest.raises(PermissionDenied):
        archive_partnership(actor=manager, partnership=partnership)


def test_personal_links_appear_in_the_history_without_their_link(client, manager, partnership):
    partner = PartnerFactory(partnership=partnership, name="Oak Surgery")
    round_ = RoundFactory(partnership=partnership, title="Autumn")
    (invitation,) = services.create_personal_invitations(
        actor=manager,
        round_=round_,
        people=[services.PersonInput("Sam Lee", "sam@nhs.net", partner, "clinical")],
    )
    services.withdraw_personal_invitation(actor=manager, invitation=invitation)
    client.force_login(manager)
    text = client.get(reverse("partnership_history", args=[partnership.pk])).content.decode()
    assert "Created personal link: Sam Lee" in text
    assert "Changed personal link: Sam Lee" in text
    assert personal_link_token(invitation) not in text
    assert not hasattr(invitation.history.first(), "nonce")
