"""The whole manager flow through the Django test client, end to end."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.models import Membership, Partner, Partnership, Round, RoundStatus
from partnership_site.roles import PartnershipRole
from tests.factories import FrameworkFactory, UserFactory

pytestmark = pytest.mark.django_db


def date_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def follow(client, url, data=None):
    """POST (or GET) and follow redirects; fail on anything but a final 200."""
    response = client.post(url, data or {}, follow=True)
    assert response.status_code == 200, response.status_code
    return response


def test_manager_sets_up_a_partnership_and_runs_a_round(client):
    manager = UserFactory(username="maya", first_name="Maya", last_name="Patel")
    colleague = UserFactory(username="rob", email="Rob.Jones@example.nhs.uk")
    barriers = FrameworkFactory(title="Barriers to collaborative working")
    values = FrameworkFactory(title="Partnership values")
    client.force_login(manager)

    # My partnerships: empty, with guidance and the button to set one up.
    page = client.get(reverse("my_partnerships")).content.decode()
    assert "You are not part of any partnership yet" in page
    assert reverse("partnership_create") in page

    # Create the partnership: the creator becomes its manager.
    response = follow(
        client,
        reverse("partnership_create"),
        {"name": "Northgate PCN", "kind": "pcn", "population": "41,500", "region": "NHS Devon"},
    )
    partnership = Partnership.objects.get(name="Northgate PCN")
    assert partnership.population == 41_500
    assert response.redirect_chain[-1][0] == reverse("partnership_detail", args=[partnership.pk])
    assert "Northgate PCN has been set up" in response.content.decode()
    assert Membership.objects.get(partnership=partnership).role == PartnershipRole.MANAGER

    # Add two partner organisations.
    for name, kind, ods in [
        ("Hill Surgery", "gp_practice", "l83001"),
        ("Devon Community Trust", "community_trust", ""),
    ]:
        response = follow(
            client,
            reverse("partner_add", args=[partnership.pk]),
            {"name": name, "organisation_type": kind, "ods_code": ods},
        )
        assert f"{name} has been added" in response.content.decode()
    hill = Partner.objects.get(name="Hill Surgery")
    assert hill.ods_code == "L83001"
    assert "L83001" in response.content.decode()

    # Invite a colleague by email, whatever its case, linked to a partner; they accept.
    response = follow(
        client,
        reverse("invite_people", args=[partnership.pk]),
        {"people": "Rob Jones, rob.jones@EXAMPLE.nhs.uk, Hill Surgery, Member"},
    )
    assert "Invitations sent to 1 person" in response.content.decode()
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    invitee = Client()
    invitee.force_login(colleague)
    assert invitee.post(urlsplit(link).path).status_code == 302
    membership = Membership.objects.get(user=colleague, partnership=partnership)
    assert (membership.role, membership.partner) == (PartnershipRole.MEMBER, hill)
    page = client.get(reverse("partnership_detail", args=[partnership.pk])).content.decode()
    assert "Rob.Jones@example.nhs.uk" in page

    # Create a round with both frameworks.
    today = timezone.localdate()
    response = follow(
        client,
        reverse("round_create", args=[partnership.pk]),
        {
            "title": "Spring baseline",
            "frameworks": [str(barriers.pk), str(values.pk)],
            **date_fields("opens_on", today),
            **date_fields("closes_on", today + timedelta(days=28)),
            "anonymity_threshold": "3",
            "open_link_enabled": "on",
        },
    )
    round_ = Round.objects.get(partnership=partnership)
    assert round_.status == RoundStatus.DRAFT
    assert list(round_.frameworks.order_by("title")) == [barriers, values]
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("round_detail", args=[round_.pk])
    assert "Draft" in page
    assert reverse("round_open", args=[round_.pk]) in page

    # Open it (confirmation first).
    assert (
        "Open Spring baseline?"
        in client.get(reverse("round_open", args=[round_.pk])).content.decode()
    )
    response = follow(client, reverse("round_open", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN
    page = response.content.decode()
    assert "Spring baseline is open" in page

    # The invitation link is shown in a read-only box, wrapped to its full length, with a
    # Copy link button.
    old_token = round_.invitation_token
    link = f"http://testserver{reverse('invitation', args=[old_token])}"
    assert re.search(rf'<textarea[^>]*id="invitation-link"[^>]*>{re.escape(link)}</textarea>', page)
    assert re.search(r'<textarea[^>]*id="invitation-link"[^>]*readonly', page)
    assert 'data-app-copy="invitation-link"' in page
    assert 'id="invitation-link-copied" role="status"' in page
    assert ">Copy link</button>" in page
    assert "dist/js/copy-link.js" in page

    # The member sees the open round on My partnerships, with what they still have to answer.
    client.force_login(colleague)
    page = client.get(reverse("my_partnerships")).content.decode()
    assert "Northgate PCN" in page and "Spring baseline" in page
    assert "Barriers to collaborative working" in page and "Partnership values" in page
    client.force_login(manager)

    # Replace the link's token (confirmation first): the old link is gone from the page.
    assert (
        "will stop working"
        in client.get(reverse("round_new_link", args=[round_.pk])).content.decode()
    )
    response = follow(client, reverse("round_new_link", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.invitation_token != old_token
    page = response.content.decode()
    assert old_token not in page
    assert reverse("invitation", args=[round_.invitation_token]) in page

    # Close it.
    response = follow(client, reverse("round_close", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED
    assert "Spring baseline is closed" in response.content.decode()

    # The partnership page lists it all.
    page = client.get(reverse("partnership_detail", args=[partnership.pk])).content.decode()
    for text in ["Hill Surgery", "Devon Community Trust", "Rob.Jones@example.nhs.uk", "Closed"]:
        assert text in page
