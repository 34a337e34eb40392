"""Services for partnerships, partner organisations and members."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments import services
from assessments.models import Membership, OrganisationType, Partner, Partnership, PartnershipKind
from partnership_site.roles import PartnershipRole
from tests.factories import (
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    ResponseFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_creator_becomes_manager(outsider):
    partnership = services.create_partnership(
        actor=outsider, name="  Northgate PCN ", kind=PartnershipKind.PCN, population=38_000
    )
    assert partnership.name == "Northgate PCN"
    membership = Membership.objects.get(partnership=partnership)
    assert (membership.user, membership.role) == (outsider, PartnershipRole.MANAGER)


def test_partnership_names_are_unique_ignoring_case(outsider, partnership):
    with pytest.raises(ValidationError) as error:
        services.create_partnership(
            actor=outsider, name=partnership.name.upper(), kind=PartnershipKind.PCN
        )
    assert "already a partnership with this name" in str(error.value.message_dict["name"])


def test_manager_updates_details(manager, partnership):
    services.update_partnership(
        actor=manager,
        partnership=partnership,
        name="Renamed",
        kind=PartnershipKind.PLACE,
        population=None,
        region="NHS Kent ICB",
    )
    partnership.refresh_from_db()
    assert (partnership.name, partnership.kind, partnership.population) == (
        "Renamed",
        PartnershipKind.PLACE,
        None,
    )


@pytest.mark.parametrize("role_user", ["member", "facilitator", "outsider"], indirect=True)
def test_only_managers_change_a_partnership(role_user, partnership):
    with pytest.raises(PermissionDenied):
        services.update_partnership(
            actor=role_user, partnership=partnership, name="X", kind=PartnershipKind.PCN
        )
    with pytest.raises(PermissionDenied):
        services.add_partner(
            actor=role_user, partnership=partnership, name="X", organisation_type="gp_practice"
        )
    assert Partnership.objects.get(pk=partnership.pk).name != "X"


def test_add_partner_upper_cases_the_ods_code(manager, partnership):
    partner = services.add_partner(
        actor=manager,
        partnership=partnership,
        name="Hill Surgery",
        organisation_type=OrganisationType.GP_PRACTICE,
        ods_code=" f81001 ",
    )
    assert partner.ods_code == "F81001"


@pytest.mark.parametrize("code", ["AB", "F81-001", "ABCDEFGHIJK", "F81 001", "é123"])
def test_bad_ods_codes_are_refused(manager, partnership, code):
    with pytest.raises(ValidationError) as error:
        services.add_partner(
            actor=manager,
            partnership=partnership,
            name="Hill Surgery",
            organisation_type=OrganisationType.GP_PRACTICE,
            ods_code=code,
        )
    assert "ods_code" in error.value.message_dict
    assert not Partner.objects.exists()


def test_partner_names_are_unique_within_a_partnership(manager, partnership):
    PartnerFactory(partnership=partnership, name="Hill Surgery")
    PartnerFactory(name="Dale Surgery")  # another partnership: no clash
    with pytest.raises(ValidationError) as error:
        services.add_partner(
            actor=manager, partnership=partnership, name="hill surgery", organisation_type="vcse"
        )
    assert "already has an organisation" in str(error.value.message_dict["name"])
    services.add_partner(
        actor=manager, partnership=partnership, name="Dale Surgery", organisation_type="vcse"
    )


def test_update_partner(manager, partnership):
    partner = PartnerFactory(partnership=partnership, name="Old name")
    services.update_partner(
        actor=manager, partner=partner, name="New name", organisation_type="vcse", ods_code="x12"
    )
    partner.refresh_from_db()
    assert (partner.name, partner.organisation_type, partner.ods_code) == (
        "New name",
        "vcse",
        "X12",
    )


def test_remove_unused_partner(manager, partnership):
    partner = PartnerFactory(partnership=partnership)
    services.remove_partner(actor=manager, partner=partner)
    assert not Partner.objects.filter(pk=partner.pk).exists()


def test_partner_with_responses_is_kept_with_a_plain_reason(manager, partnership):
    partner = PartnerFactory(partnership=partnership, name="Hill Surgery")
    ResponseFactory(round=RoundFactory(partnership=partnership), partner=partner)
    with pytest.raises(ValidationError) as error:
        services.remove_partner(actor=manager, partner=partner)
    assert error.value.messages == [
        "Hill Surgery cannot be removed because people from it have given 1 response. "
        "Removing it would change the partnership's results, so it stays."
    ]
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_partner_with_members_is_kept(manager, partnership):
    partner = PartnerFactory(partnership=partnership)
    MembershipFactory(partnership=partnership, partner=partner)
    with pytest.raises(ValidationError, match="1 member of this partnership"):
        services.remove_partner(actor=manager, partner=partner)
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_add_member_with_partner(manager, partnership):
    partner = PartnerFactory(partnership=partnership)
    person = UserFactory()
    membership = services.add_member(
        actor=manager,
        partnership=partnership,
        user=person,
        role=PartnershipRole.MEMBER,
        partner=partner,
    )
    assert (membership.role, membership.partner) == (PartnershipRole.MEMBER, partner)


def test_member_partner_must_be_in_the_partnership(manager, partnership):
    elsewhere = PartnerFactory()
    with pytest.raises(ValidationError) as error:
        services.add_member(
            actor=manager,
            partnership=partnership,
            user=UserFactory(),
            role=PartnershipRole.MEMBER,
            partner=elsewhere,
        )
    assert "partner" in error.value.message_dict
    membership = Membership.objects.get(user=manager)
    with pytest.raises(ValidationError):
        services.update_member(
            actor=manager, membership=membership, role=PartnershipRole.MANAGER, partner=elsewhere
        )


def test_update_member_role(manager, member, partnership):
    membership = Membership.objects.get(user=member)
    services.update_member(actor=manager, membership=membership, role=PartnershipRole.MANAGER)
    assert Membership.objects.get(user=member).role == PartnershipRole.MANAGER


def test_invalid_role_is_refused(manager, member, partnership):
    membership = Membership.objects.get(user=member)
    with pytest.raises(ValidationError):
        services.update_member(actor=manager, membership=membership, role="owner")
    assert Membership.objects.get(user=member).role == PartnershipRole.MEMBER


def test_last_manager_cannot_demote_or_remove_themselves(manager, member, partnership):
    own = Membership.objects.get(user=manager)
    with pytest.raises(ValidationError, match="You are the only manager"):
        services.update_member(actor=manager, membership=own, role=PartnershipRole.MEMBER)
    with pytest.raises(ValidationError, match="You are the only manager"):
        services.remove_member(actor=manager, membership=own)
    with pytest.raises(ValidationError, match="You are the only manager"):
        services.add_member(
            actor=manager, partnership=partnership, user=manager, role=PartnershipRole.MEMBER
        )
    assert Membership.objects.get(user=manager).role == PartnershipRole.MANAGER


def test_a_manager_may_step_down_when_another_remains(manager, member, partnership):
    MembershipFactory(partnership=partnership, role=PartnershipRole.MANAGER)
    own = Membership.objects.get(user=manager)
    services.update_member(actor=manager, membership=own, role=PartnershipRole.MEMBER)
    assert Membership.objects.get(user=manager).role == PartnershipRole.MEMBER


def test_the_last_manager_cannot_be_removed_by_a_command_either(manager, partnership):
    own = Membership.objects.get(user=manager)
    with pytest.raises(ValidationError, match="is the only manager"):
        services.remove_member(actor=None, membership=own)


def test_remove_member(manager, member, partnership):
    services.remove_member(actor=manager, membership=Membership.objects.get(user=member))
    assert not Membership.objects.filter(user=member).exists()


@pytest.mark.parametrize("role_user", ["member", "facilitator", "outsider"], indirect=True)
def test_only_managers_change_members(role_user, manager, partnership):
    own = Membership.objects.get(user=manager)
    with pytest.raises(PermissionDenied):
        services.remove_member(actor=role_user, membership=own)
    with pytest.raises(PermissionDenied):
        services.update_member(actor=role_user, membership=own, role=PartnershipRole.MEMBER)
    with pytest.raises(PermissionDenied):
        services.add_member(
            actor=role_user, partnership=partnership, user=UserFactory(), role="member"
        )
    assert Membership.objects.get(user=manager).role == PartnershipRole.MANAGER


def test_a_manager_of_another_partnership_has_no_power_here(manager, partnership):
    other = PartnershipFactory()
    partner = PartnerFactory(partnership=other)
    with pytest.raises(PermissionDenied):
        services.remove_partner(actor=manager, partner=partner)
    assert Partner.objects.filter(pk=partner.pk).exists()
