"""Partnership management pages: who may see and do what, and what bad input gets."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import (
    Membership,
    MembershipInvitation,
    Partner,
    Partnership,
    Round,
    RoundStatus,
)
from frameworks.models import Framework
from partnership_site.roles import PartnershipRole
from tests.factories import (
    FrameworkFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["manager", "member", "facilitator", "outsider", "admin_user"]


@dataclass
class World:
    partnership: Partnership
    partner: Partner  # nothing refers to it: removable
    membership: Membership  # another member: changeable and removable
    draft: Round
    open: Round
    framework: Framework
    newcomer: object  # an account that belongs to no partnership


@pytest.fixture
def world(partnership, manager):
    return World(
        partnership=partnership,
        partner=PartnerFactory(partnership=partnership, name="Hill Surgery"),
        membership=MembershipFactory(partnership=partnership, role=PartnershipRole.MEMBER),
        draft=RoundFactory(partnership=partnership, status=RoundStatus.DRAFT, title="Draft"),
        open=RoundFactory(partnership=partnership, status=RoundStatus.OPEN, title="Open"),
        framework=FrameworkFactory(),
        newcomer=UserFactory(username="newcomer"),
    )


def dates(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def state(w: World):
    """Everything a write could change, to check that refused requests change nothing."""
    return {
        "partnership": Partnership.objects.filter(pk=w.partnership.pk).values().get(),
        "partners": list(Partner.objects.values().order_by("pk")),
        "members": list(Membership.objects.values("pk", "role", "partner_id").order_by("pk")),
        "rounds": list(Round.objects.values().order_by("pk")),
        "invitations": list(MembershipInvitation.objects.values().order_by("pk")),
    }


# Pages anyone signed in may open.
OPEN_PAGES = {
    "my_partnerships": lambda w: reverse("my_partnerships"),
    "partnership_create": lambda w: reverse("partnership_create"),
}

# Pages members and facilitators read.
READ_PAGES = {
    "partnership_detail": lambda w: reverse("partnership_detail", args=[w.partnership.pk]),
    "round_detail": lambda w: reverse("round_detail", args=[w.open.pk]),
}

# Manager-only pages: the URL and valid POST data.
MANAGE_PAGES = {
    "partnership_edit": (
        lambda w: reverse("partnership_edit", args=[w.partnership.pk]),
        lambda w: {"name": "Renamed", "kind": "place", "population": "", "region": ""},
    ),
    "partner_add": (
        lambda w: reverse("partner_add", args=[w.partnership.pk]),
        lambda w: {"name": "New Surgery", "organisation_type": "gp_practice", "ods_code": ""},
    ),
    "partner_edit": (
        lambda w: reverse("partner_edit", args=[w.partnership.pk, w.partner.pk]),
        lambda w: {"name": "Renamed Surgery", "organisation_type": "vcse", "ods_code": "X1Y"},
    ),
    "partner_remove": (
        lambda w: reverse("partner_remove", args=[w.partnership.pk, w.partner.pk]),
        lambda w: {},
    ),
    "invite_people": (
        lambda w: reverse("invite_people", args=[w.partnership.pk]),
        lambda w: {"people": "Nia Newcomer, newcomer@example.nhs.uk, Hill Surgery, Member"},
    ),
    "round_reminders": (
        lambda w: reverse("round_reminders", args=[w.open.pk]),
        lambda w: {"remind_days_before": "5"},
    ),
    "member_edit": (
        lambda w: reverse("member_edit", args=[w.partnership.pk, w.membership.pk]),
        lambda w: {"role": "facilitator", "partner": str(w.partner.pk)},
    ),
    "member_remove": (
        lambda w: reverse("member_remove", args=[w.partnership.pk, w.membership.pk]),
        lambda w: {},
    ),
    "round_create": (
        lambda w: reverse("round_create", args=[w.partnership.pk]),
        lambda w: {
            "title": "Autumn",
            "frameworks": [str(w.framework.pk)],
            **dates("opens_on", OPENS_ON),
            **dates("closes_on", OPENS_ON + timedelta(days=29)),
            "anonymity_threshold": "3",
        },
    ),
    "round_edit": (
        lambda w: reverse("round_edit", args=[w.draft.pk]),
        lambda w: round_data(w, title="Renamed draft"),
    ),
    "round_delete": (lambda w: reverse("round_delete", args=[w.draft.pk]), lambda w: {}),
    "round_open": (lambda w: reverse("round_open", args=[w.draft.pk]), lambda w: {}),
    "round_close": (lambda w: reverse("round_close", args=[w.open.pk]), lambda w: {}),
    "round_new_link": (lambda w: reverse("round_new_link", args=[w.open.pk]), lambda w: {}),
}

DENIED = {"member": 403, "facilitator": 403, "outsider": 404, "admin_user": 404}


@pytest.mark.parametrize("page", list(OPEN_PAGES))
@pytest.mark.parametrize("role_user", ROLES, indirect=True)
def test_pages_for_everyone_signed_in(client, role_user, world, page):
    client.force_login(role_user)
    assert client.get(OPEN_PAGES[page](world)).status_code == 200


@pytest.mark.parametrize("page", list(READ_PAGES))
@pytest.mark.parametrize("role_user", ROLES, indirect=True)
def test_read_pages(request, client, role_user, world, page):
    role = request.node.callspec.params["role_user"]
    client.force_login(role_user)
    response = client.get(READ_PAGES[page](world))
    assert response.status_code == (404 if role in {"outsider", "admin_user"} else 200)
    if response.status_code == 200:
        body = response.content.decode()
        # Only managers get the change actions and the invitation link.
        can_manage = role == "manager"
        assert ("Remove<span" in body or "Close round" in body) is can_manage
        if page == "round_detail":
            assert (world.open.invitation_token in body) is can_manage


@pytest.mark.parametrize("page", list(MANAGE_PAGES))
@pytest.mark.parametrize("role_user", ROLES, indirect=True)
def test_manage_pages_get(request, client, role_user, world, page):
    role = request.node.callspec.params["role_user"]
    client.force_login(role_user)
    response = client.get(MANAGE_PAGES[page][0](world))
    assert response.status_code == (200 if role == "manager" else DENIED[role])


@pytest.mark.parametrize("page", list(MANAGE_PAGES))
@pytest.mark.parametrize("role_user", ROLES, indirect=True)
def test_manage_pages_post(request, client, role_user, world, page):
    role = request.node.callspec.params["role_user"]
    url, data = MANAGE_PAGES[page]
    client.force_login(role_user)
    before = state(world)
    response = client.post(url(world), data(world))
    if role == "manager":
        assert response.status_code == 302, response.content.decode()[:2000]
        assert state(world) != before
    else:
        assert response.status_code == DENIED[role]
        assert state(world) == before


@pytest.mark.parametrize(
    "url",
    [
        lambda w: reverse("partnership_create"),
        lambda w: reverse("my_partnerships"),
        *READ_PAGES.values(),
        *[url for url, _ in MANAGE_PAGES.values()],
    ],
)
def test_signed_out_people_are_sent_to_sign_in(client, world, url):
    before = state(world)
    response = client.post(url(world), {})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert state(world) == before


def test_only_get_and_post(client, manager, world):
    client.force_login(manager)
    url = reverse("partner_remove", args=[world.partnership.pk, world.partner.pk])
    assert client.delete(url).status_code == 405
    assert (
        client.post(reverse("partnership_detail", args=[world.partnership.pk])).status_code == 405
    )


# -- Bad input -------------------------------------------------------------------------


def assert_form_error(response, message):
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in body
    assert "nhsuk-error-summary" in body
    assert message in body, body[:3000]


@pytest.fixture
def signed_in_manager(client, manager):
    client.force_login(manager)
    return client


def test_objects_of_another_partnership_are_not_found(signed_in_manager, world):
    client = signed_in_manager
    other = PartnershipFactory()
    their_partner = PartnerFactory(partnership=other)
    their_membership = MembershipFactory(partnership=other)
    their_round = RoundFactory(partnership=other, status=RoundStatus.DRAFT)
    before = state(world)
    urls = [
        reverse("partnership_detail", args=[other.pk]),
        reverse("partner_add", args=[other.pk]),
        # Their partner or member through our partnership's URL, and the other way round.
        reverse("partner_edit", args=[world.partnership.pk, their_partner.pk]),
        reverse("partner_remove", args=[world.partnership.pk, their_partner.pk]),
        reverse("partner_remove", args=[other.pk, their_partner.pk]),
        reverse("member_edit", args=[world.partnership.pk, their_membership.pk]),
        reverse("member_remove", args=[world.partnership.pk, their_membership.pk]),
        reverse("round_detail", args=[their_round.pk]),
        reverse("round_open", args=[their_round.pk]),
        reverse("round_new_link", args=[their_round.pk]),
    ]
    read_only = {urls[0], reverse("round_detail", args=[their_round.pk])}
    for url in urls:
        assert client.get(url).status_code == 404, url
        if url not in read_only:
            assert client.post(url, {"name": "x", "role": "member"}).status_code == 404, url
    assert state(world) == before
    assert Partner.objects.filter(pk=their_partner.pk).exists()
    assert Round.objects.get(pk=their_round.pk).status == RoundStatus.DRAFT


def test_tampered_partner_id_from_another_partnership(signed_in_manager, world):
    their_partner = PartnerFactory()
    response = signed_in_manager.post(
        reverse("invite_people", args=[world.partnership.pk]),
        {"people": f"Nia, newcomer@example.nhs.uk, {their_partner.name}, Member"},
    )
    assert_form_error(response, f"“{their_partner.name}” is not one of the organisations")
    assert not MembershipInvitation.objects.exists()
    response = signed_in_manager.post(
        reverse("member_edit", args=[world.partnership.pk, world.membership.pk]),
        {"role": "member", "partner": str(their_partner.pk)},
    )
    assert_form_error(response, "Choose an organisation from the list")
    world.membership.refresh_from_db()
    assert world.membership.partner is None


@pytest.mark.parametrize("value", ["999999", "abc", "1; DROP TABLE x"])
def test_nonsense_partner_ids(signed_in_manager, world, value):
    response = signed_in_manager.post(
        reverse("member_edit", args=[world.partnership.pk, world.membership.pk]),
        {"role": "member", "partner": value},
    )
    assert_form_error(response, "Choose an organisation from the list")


def test_inviting_someone_already_in_the_partnership(signed_in_manager, world):
    response = signed_in_manager.post(
        reverse("invite_people", args=[world.partnership.pk]),
        {"people": world.membership.user.email.upper()},
    )
    assert_form_error(response, "is already a member of this partnership")
    world.membership.refresh_from_db()
    assert world.membership.role == PartnershipRole.MEMBER


def test_invalid_role(signed_in_manager, world):
    response = signed_in_manager.post(
        reverse("member_edit", args=[world.partnership.pk, world.membership.pk]),
        {"role": "owner"},
    )
    assert_form_error(response, "Select a role")


def test_last_manager_cannot_leave_or_be_demoted(signed_in_manager, manager, world):
    own = Membership.objects.get(user=manager, partnership=world.partnership)
    url = reverse("member_remove", args=[world.partnership.pk, own.pk])
    page = signed_in_manager.get(url).content.decode()
    assert "You cannot remove yourself" in page
    assert "Make someone else a manager first" in page
    assert "Leave partnership</button>" not in page
    response = signed_in_manager.post(url)
    assert response.status_code == 200
    assert "You are the only manager" in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()

    response = signed_in_manager.post(
        reverse("member_edit", args=[world.partnership.pk, own.pk]), {"role": "member"}
    )
    assert_form_error(response, "You are the only manager")
    own.refresh_from_db()
    assert own.role == PartnershipRole.MANAGER


def test_a_manager_who_leaves_goes_to_my_partnerships(signed_in_manager, manager, world):
    MembershipFactory(partnership=world.partnership, role=PartnershipRole.MANAGER)
    own = Membership.objects.get(user=manager, partnership=world.partnership)
    response = signed_in_manager.post(
        reverse("member_remove", args=[world.partnership.pk, own.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("my_partnerships")
    assert f"You have left {world.partnership.name}" in response.content.decode()


# Rounds are dated from tomorrow: a closing date in the past is refused (issue 11).
OPENS_ON = timezone.localdate() + timedelta(days=1)


def round_data(w, **overrides):
    data = {
        "title": "Autumn",
        "frameworks": [str(w.framework.pk)],
        **dates("opens_on", OPENS_ON),
        **dates("closes_on", OPENS_ON + timedelta(days=29)),
        "anonymity_threshold": "3",
    }
    data.update(overrides)
    return data
