"""Archiving partner organisations (issue 11): managers archive an organisation that holds
responses instead of removing it; it leaves every choice and list, and keeps its history and
report figures."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments import services
from assessments.models import Partner, PersonalInvitation, Response, ResponseStatus
from assessments.selectors.partnerships import partnership_overview, round_overview
from partnership_site.roles import PartnershipRole
from tests.factories import (
    MembershipFactory,
    PartnerFactory,
    ResponseFactory,
    RoundFactory,
    build_framework,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    return build_framework(sections=(1,))


@pytest.fixture
def closed_partner(partnership):
    return PartnerFactory(partnership=partnership, name="Old Surgery", people_invited=5)


@pytest.fixture
def kept_partner(partnership):
    return PartnerFactory(partnership=partnership, name="Hill Surgery", people_invited=5)


@pytest.fixture
def round_(partnership, framework, closed_partner, kept_partner):
    return RoundFactory(partnership=partnership, frameworks=[framework], title="Spring")


def test_a_manager_archives_and_restores_an_organisation(manager, closed_partner):
    services.archive_partner(actor=manager, partner=closed_partner)
    closed_partner.refresh_from_db()
    assert closed_partner.archived_at is not None
    assert closed_partner.history.first().archived_at is not None  # history kept
    services.restore_partner(actor=manager, partner=closed_partner)
    closed_partner.refresh_from_db()
    assert closed_partner.archived_at is None


@pytest.mark.parametrize("role", ["member", "facilitator", "outsider", "admin_user"])
def test_only_the_partnerships_managers_archive(request, closed_partner, role):
    with pytest.raises(PermissionDenied):
        services.archive_partner(actor=request.getfixturevalue(role), partner=closed_partner)
    assert Partner.objects.get(pk=closed_partner.pk).archived_at is None


def test_an_organisation_members_belong_to_is_not_archived(manager, partnership, closed_partner):
    MembershipFactory(partnership=partnership, partner=closed_partner)
    with pytest.raises(ValidationError, match="1 member of this partnership belong"):
        services.archive_partner(actor=manager, partner=closed_partner)


def test_an_archived_organisation_leaves_choices_and_lists_but_keeps_its_figures(
    client, manager, partnership, round_, framework, closed_partner, kept_partner
):
    ResponseFactory(
        round=round_,
        framework=framework,
        partner=closed_partner,
        status=ResponseStatus.SUBMITTED,
        submitted_at=round_.created_at,
    )
    services.archive_partner(actor=manager, partner=closed_partner)

    # Lists: out of the partnership's organisations, into its archived ones.
    overview = partnership_overview(partnership)
    assert overview.partners == [kept_partner]
    assert overview.archived_partners == [closed_partner]
    # Report figures: still counted in the round it answered.
    assert closed_partner.name in str(round_overview(round_).__dict__)

    # The choice of organisation when asking for a link through the shared link.
    page = client.get(reverse("link_request", args=[round_.invitation_token]))
    body = page.content.decode()
    assert "Hill Surgery" in body and "Old Surgery" not in body
    page = client.post(
        reverse("link_request", args=[round_.invitation_token]),
        {"email": "sam@nhs.net", "partner": str(closed_partner.pk), "respondent_role": "clinical"},
    )
    assert not PersonalInvitation.objects.filter(partner=closed_partner).exists()
    assert Response.objects.filter(partner=closed_partner).count() == 1  # no new one

    # The personal-link paste.
    client.force_login(manager)
    page = client.post(
        reverse("round_invitations", args=[round_.pk]),
        {"people": "Sam Patel, sam@nhs.net, Old Surgery, Clinical\n"},
    )
    assert page.status_code == 200
    assert not PersonalInvitation.objects.exists()

    # The members' organisation choice.
    member = MembershipFactory(partnership=partnership, role=PartnershipRole.MEMBER)
    page = client.get(reverse("member_edit", args=[partnership.pk, member.pk]))
    assert "Old Surgery" not in page.content.decode()

    # The partnership page offers to restore it.
    page = client.get(reverse("partnership_detail", args=[partnership.pk])).content.decode()
    assert "Archived organisations (1)" in page
    assert reverse("partner_archive", args=[partnership.pk, closed_partner.pk]) in page


@pytest.mark.parametrize(
    ("status", "listed"), [(ResponseStatus.IN_PROGRESS, False), (ResponseStatus.SUBMITTED, True)]
)
def test_an_archived_organisation_stays_listed_only_for_submitted_answers(
    manager, round_, framework, closed_partner, kept_partner, status, listed
):
    """Listing an archived organisation for a response still in progress would tell the
    manager that someone from it has started (archive, look, restore: one organisation at a
    time); only a submitted response keeps it in the round's rows (a fresh tester)."""
    ResponseFactory(
        round=round_,
        framework=framework,
        partner=closed_partner,
        status=status,
        submitted_at=round_.created_at if status == ResponseStatus.SUBMITTED else None,
    )
    services.archive_partner(actor=manager, partner=closed_partner)
    names = [row.name for row in round_overview(round_).rows]
    assert ("Old Surgery" in names) is listed
    assert "Hill Surgery" in names


def test_the_archive_page_confirms_and_says_what_is_kept(client, manager, partnership, round_):
    partner = PartnerFactory(partnership=partnership, name="Quay Practice")
    ResponseFactory(round=round_, partner=partner)
    client.force_login(manager)
    url = reverse("partner_archive", args=[partnership.pk, partner.pk])
    body = client.get(url).content.decode()
    assert "<h1>Archive Quay Practice?</h1>" in body
    assert "The 1 response from people in Quay Practice stays in the results" in body
    remove = client.get(reverse("partner_remove", args=[partnership.pk, partner.pk]))
    assert url in remove.content.decode()  # offered where removing is refused
    assert client.post(url).url == reverse("partnership_detail", args=[partnership.pk])
    assert Partner.objects.get(pk=partner.pk).archived_at is not None
    assert "<h1>Restore Quay Practice?</h1>" in client.get(url).content.decode()
