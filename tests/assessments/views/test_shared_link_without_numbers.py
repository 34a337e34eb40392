"""The shared link when the partnership has no active organisation (ADR 0034, amended by ADR
0037: any active organisation can be chosen, "people asked" or not): nobody could say which
organisation they work for, so the shared link's pages say plainly that it cannot be used
yet, and the manager is warned wherever the link is on."""

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Partner, PersonalInvitation, Response, Round, RoundStatus
from tests.factories import PartnerFactory, RoundFactory, build_framework

pytestmark = pytest.mark.django_db

CANNOT_BE_USED = "This link cannot be used yet"
WARNING = "Nobody can use the shared link yet"


@pytest.fixture
def round_(partnership):
    # Archived organisations are never offered.
    for name in ("Riverside Medical Centre", "Old Surgery"):
        archived = PartnerFactory(partnership=partnership, name=name, people_invited=5)
        Partner.objects.filter(pk=archived.pk).update(archived_at="2026-01-01T00:00Z")
    return RoundFactory(partnership=partnership, frameworks=[build_framework(sections=(1,))])


def test_the_guest_is_told_the_link_cannot_be_used_yet(round_):
    guest = Client()
    start = reverse("link_request", args=[round_.invitation_token])
    page = guest.get(reverse("invitation", args=[round_.invitation_token])).content.decode()
    assert CANNOT_BE_USED in page
    assert "ask your partnership manager" in page.lower()
    assert start not in page
    posted = guest.post(start, {"email": "sam@nhs.net", "respondent_role": "clinical"})
    for response in (guest.get(start), posted):
        html = response.content.decode()
        assert response.status_code == 200
        assert CANNOT_BE_USED in html
        assert "<form" not in html.split("<main")[1]
        assert "Choose the organisation you work for" not in html
    assert not Response.objects.exists() and not PersonalInvitation.objects.exists()


def test_the_link_can_be_used_once_an_organisation_is_active(round_, partnership):
    PartnerFactory(partnership=partnership, name="Hill Surgery", people_invited=None)
    page = Client().get(reverse("link_request", args=[round_.invitation_token]))
    assert CANNOT_BE_USED not in page.content.decode()
    assert "Hill Surgery" in page.content.decode()


def test_the_round_page_warns_the_manager(client, manager, round_, partnership):
    client.force_login(manager)
    page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    assert WARNING in page
    assert reverse("partnership_detail", args=[partnership.pk]) + "#partners" in page
    assert "Anyone with the shared link can answer" not in page
    assert ">Anyone with this link can answer" not in page
    Partner.objects.filter(name="Riverside Medical Centre").update(archived_at=None)
    page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    assert WARNING not in page


def test_the_round_page_does_not_warn_when_the_link_is_off(client, manager, round_):
    Round.objects.filter(pk=round_.pk).update(open_link_enabled=False)
    client.force_login(manager)
    assert WARNING not in client.get(reverse("round_detail", args=[round_.pk])).content.decode()


def test_turning_the_link_on_warns(client, manager, round_):
    Round.objects.filter(pk=round_.pk).update(open_link_enabled=False)
    client.force_login(manager)
    page = client.post(reverse("round_open_link", args=[round_.pk]), follow=True)
    assert Round.objects.get(pk=round_.pk).open_link_enabled
    messages = [str(m) for m in page.context["messages"]]
    assert any(WARNING in m for m in messages), messages


def test_opening_a_round_with_the_link_on_warns(client, manager, round_):
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.DRAFT)
    client.force_login(manager)
    page = client.post(reverse("round_open", args=[round_.pk]), follow=True)
    assert Round.objects.get(pk=round_.pk).status == RoundStatus.OPEN
    messages = [str(m) for m in page.context["messages"]]
    assert any(WARNING in m for m in messages), messages


def test_the_confirm_pages_warn_before_the_link_is_turned_on_or_the_round_opened(
    client, manager, round_
):
    client.force_login(manager)
    Round.objects.filter(pk=round_.pk).update(open_link_enabled=False)
    page = client.get(reverse("round_open_link", args=[round_.pk])).content.decode()
    assert WARNING in page
    Round.objects.filter(pk=round_.pk).update(open_link_enabled=True, status=RoundStatus.DRAFT)
    page = client.get(reverse("round_open", args=[round_.pk])).content.decode()
    assert WARNING in page
    # Stopping the link, or opening a round without it, needs no warning.
    assert WARNING not in client.get(reverse("round_open_link", args=[round_.pk])).content.decode()
    Round.objects.filter(pk=round_.pk).update(open_link_enabled=False)
    assert WARNING not in client.get(reverse("round_open", args=[round_.pk])).content.decode()
