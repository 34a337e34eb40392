"""Inviting people to a partnership by email, through the test client: who gets what email,
that the emailed links work when followed, and that the manager cannot tell who has an
account. ADR 0021."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.errors import InvalidInput, NotAllowedNow
from assessments.models import Membership, MembershipInvitation, PersonalInvitation, ReminderSent
from partnership_site.roles import PartnershipRole
from tests.factories import MembershipFactory, PartnerFactory, RoundFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice(partnership):
    return PartnerFactory(partnership=partnership, name="Riverside Surgery")


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def invite_url(partnership):
    return reverse("invite_people", args=[partnership.pk])


def link_in(message) -> str:
    """The path of the one link in an email's text."""
    links = re.findall(r"https?://\S+", message.body)
    assert len(links) == 1, message.body
    assert links[0].startswith("http://testserver/") or links[0].startswith("http")
    return urlsplit(links[0]).path


def page(response) -> str:
    return response.content.decode()


def visible_text(response) -> str:
    """The page without the CSRF token (which differs per request)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page(response))


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://partnerships.example.nhs.uk"


# -- Who gets which email ----------------------------------------------------------------


def test_a_new_address_and_an_existing_account_each_get_one_email(manager_client, partnership):
    UserFactory(username="rob", email="Rob.Jones@example.nhs.uk")
    response = manager_client.post(
        invite_url(partnership),
        {"people": "Rob Jones, rob.jones@example.nhs.uk\nnew.person@nhs.net"},
        follow=True,
    )
    assert "Invitations sent to 2 people" in page(response)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"rob.jones@example.nhs.uk", "new.person@nhs.net"}
    assert "You already have an account" in by_address["rob.jones@example.nhs.uk"].body
    assert "set a password" in by_address["new.person@nhs.net"].body
    for message in mail.outbox:
        assert message.subject == f"Join {partnership.name} on Partnership self-assessment"
        assert "https://partnerships.example.nhs.uk/join/" in message.body
        html, kind = message.alternatives[0]
        assert kind == "text/html" and "https://partnerships.example.nhs.uk/join/" in html
    # Only hashes are stored: no token from the emails is in the database.
    tokens = {link_in(m).split("/")[2] for m in mail.outbox}
    stored = set(MembershipInvitation.objects.values_list("token_hash", flat=True))
    assert not tokens & stored and len(stored) == 2


def test_the_manager_cannot_tell_who_has_an_account(manager_client, partnership, settings):
    UserFactory(username="has-account", email="known@nhs.net")
    replies = []
    for address in ["known@nhs.net", "unknown@nhs.net"]:
        response = manager_client.post(invite_url(partnership), {"people": address}, follow=True)
        replies.append(visible_text(response).replace(address, "ADDRESS"))
    # The same message either way.
    messages = [re.search(r"Invitations sent to[^<]*", text).group(0) for text in replies]
    assert messages[0] == messages[1]
    # And the two rows of the list are the same but for the address and the row's id.
    listing = page(manager_client.get(invite_url(partnership)))
    rows = re.findall(r'<tr class="nhsuk-table__row" role="row">.*?</tr>', listing, re.S)[1:]
    assert len(rows) == 2

    def normalised(row, address):
        row = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", row)
        return re.sub(r"/invitations/\d+/", "/invitations/N/", row.replace(address, "ADDRESS"))

    assert normalised(rows[0], "known@nhs.net") == normalised(rows[1], "unknown@nhs.net")


def test_bad_lines_are_reported_by_number_and_nobody_is_invited(manager_client, partnership):
    MembershipFactory(partnership=partnership, user=UserFactory(email="member@nhs.net"))
    response = manager_client.post(
        invite_url(partnership),
        {
            "people": "good@nhs.net\n"
            "not-an-address\n"
            "Sam, good@NHS.net\n"
            "\n"
            "Ola, ola@nhs.net, Nowhere Surgery, Member\n"
            "Kim, kim@nhs.net, , Boss\n"
            "a, b@nhs.net, c, d, e"
        },
    )
    body = page(response)
    assert response.status_code == 200 and "<title>Error: " in body
    for expected in [
        "Line 2: “not-an-address” is not a valid email address.",
        "Line 3: good@NHS.net appears more than once in the list.",
        "Line 5: “Nowhere Surgery” is not one of the organisations",
        "Line 6: “Boss” is not a role",
        "Line 7: give at most 4 things separated by commas",
    ]:
        assert expected in body, expected
    assert not MembershipInvitation.objects.exists()
    # Lines that read well are then checked against the partnership, again line by line.
    services.invite_people(
        actor=partnership.memberships.get(role="manager").user,
        partnership=partnership,
        people=[services.InviteeInput("pending@nhs.net")],
    )
    response = manager_client.post(
        invite_url(partnership),
        {"people": "fine@nhs.net\nMEMBER@nhs.net\npending@nhs.net"},
    )
    body = page(response)
    assert "Line 2: MEMBER@nhs.net is already a member of this partnership." in body
    assert "Line 3: pending@nhs.net has already been invited." in body
    assert list(MembershipInvitation.objects.values_list("email", flat=True)) == ["pending@nhs.net"]
    assert [m.to for m in mail.outbox] == [["pending@nhs.net"]]


def test_a_csv_file_with_a_header_row(manager_client, partnership, practice):
    upload = SimpleUploadedFile(
        "people.csv",
        b"\xef\xbb\xbfname,email,organisation,role\n"
        b"Sam Patel,sam.patel@nhs.net,Riverside Surgery,Manager\n"
        b"Ola Ade,ola@nhs.net,,\n",
        content_type="text/csv",
    )
    response = manager_client.post(invite_url(partnership), {"csv_file": upload}, follow=True)
    assert "Invitations sent to 2 people" in page(response)
    sam = MembershipInvitation.objects.get(email="sam.patel@nhs.net")
    assert (sam.name, sam.partner, sam.role) == ("Sam Patel", practice, PartnershipRole.MANAGER)
    ola = MembershipInvitation.objects.get(email="ola@nhs.net")
    assert (ola.partner, ola.role) == (None, PartnershipRole.MEMBER)


def test_a_paste_over_one_megabyte_is_refused(manager_client, partnership):
    huge = "someone@nhs.net\n" * 70_000  # about 1.1 MB
    response = manager_client.post(invite_url(partnership), {"people": huge})
    assert "The list is bigger than 1 MB" in page(response)
    assert not MembershipInvitation.objects.exists()


def test_inviting_again_while_pending_is_refused_but_after_expiry_it_replaces(manager, partnership):
    people = [services.InviteeInput("sam@nhs.net")]
    first = services.invite_people(actor=manager, partnership=partnership, people=people)[0]
    with pytest.raises(InvalidInput, match="already been invited"):
        services.invite_people(actor=manager, partnership=partnership, people=people)
    MembershipInvitation.objects.filter(pk=first.pk).update(expires_at=timezone.now())
    services.invite_people(actor=manager, partnership=partnership, people=people)
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("role", ["member", "facilitator", "outsider"])
def test_only_managers_invite(request, partnership, role):
    actor = request.getfixturevalue(role)
    with pytest.raises(Exception, match="permission"):
        services.invite_people(
            actor=actor, partnership=partnership, people=[services.InviteeInput("a@nhs.net")]
        )
    assert mail.outbox == []


# -- Following the link ----------------------------------------------------------------------


def test_a_new_address_sets_a_password_and_joins(manager_client, partnership, practice):
    manager_client.post(
        invite_url(partnership), {"people": "Nia Shah, Nia.Shah@nhs.net, Riverside Surgery"}
    )
    path = link_in(mail.outbox[0])
    visitor = Client()
    form = visitor.get(path)
    assert form.status_code == 200
    assert "Create an account to accept" in page(form)
    weak = visitor.post(
        path,
        {"first_name": "Nia", "last_name": "Shah", "new_password1": "nia", "new_password2": "nia"},
    )
    assert "<title>Error: " in page(weak)
    assert not get_user_model().objects.filter(email__iexact="nia.shah@nhs.net").exists()
    password = "a long river stone"
    joined = visitor.post(
        path,
        {
            "first_name": "Nia",
            "last_name": "Shah",
            "new_password1": password,
            "new_password2": password,
        },
        follow=True,
    )
    assert f"You have joined {partnership.name}" in page(joined)
    user = get_user_model().objects.get(email="Nia.Shah@nhs.net")
    assert user.check_password(password) and user.get_full_name() == "Nia Shah"
    membership = Membership.objects.get(user=user, partnership=partnership)
    assert (membership.role, membership.partner) == (PartnershipRole.MEMBER, practice)
    # They can sign in with their address afterwards.
    signed_in = Client().post(
        reverse("login"), {"username": "nia.shah@nhs.net", "password": password}
    )
    assert signed_in.status_code == 302
    # The link works once.
    again = Client().get(path)
    assert again.status_code == 410
    assert "This invitation has already been used" in page(again)


def test_an_existing_account_signs_in_then_accepts(manager_client, partnership):
    rob = UserFactory(username="rob", email="rob@nhs.net")
    manager_client.post(invite_url(partnership), {"people": "ROB@nhs.net"})
    path = link_in(mail.outbox[0])
    anonymous = Client().get(path)
    assert "Sign in to accept" in page(anonymous)
    sign_in = re.search(r'href="(/sign-in/\?next=[^"]+)"', page(anonymous)).group(1)
    visitor = Client()
    landed = visitor.post(
        sign_in.replace("&amp;", "&"),
        {"username": "rob", "password": "correct-horse-battery", "next": path},
    )
    assert landed["Location"] == path
    assert "Accept and join" in page(visitor.get(path))
    assert not Membership.objects.filter(user=rob).exists()
    visitor.post(path)
    assert Membership.objects.get(user=rob, partnership=partnership).role == "member"


def test_someone_signed_in_with_another_account_cannot_accept(manager_client, partnership):
    UserFactory(username="rob", email="rob@nhs.net")
    manager_client.post(invite_url(partnership), {"people": "rob@nhs.net"})
    path = link_in(mail.outbox[0])
    other = Client()
    other.force_login(UserFactory(email="other@nhs.net"))
    assert "This invitation is for a different email address" in page(other.get(path))
    other.post(path)
    assert MembershipInvitation.objects.get().accepted_at is None


@pytest.mark.parametrize(
    ("change", "status", "says"),
    [
        ("expire", 410, "This invitation has expired"),
        ("withdraw", 410, "This invitation has been withdrawn"),
        ("resend", 404, "This invitation link does not work"),
    ],
)
def test_dead_links_say_why(manager, manager_client, partnership, change, status, says):
    manager_client.post(invite_url(partnership), {"people": "new@nhs.net"})
    path = link_in(mail.outbox[0])
    invitation = MembershipInvitation.objects.get()
    if change == "expire":
        MembershipInvitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    elif change == "withdraw":
        manager_client.post(
            reverse("membership_invitation_withdraw", args=[partnership.pk, invitation.pk])
        )
    else:
        manager_client.post(
            reverse("membership_invitation_resend", args=[partnership.pk, invitation.pk])
        )
        assert len(mail.outbox) == 2
        assert Client().get(link_in(mail.outbox[1])).status_code == 200  # the new link works
    response = Client().get(path)
    assert response.status_code == status
    assert says in page(response)
    post = Client().post(
        path,
        {"first_name": "A", "last_name": "B", "new_password1": "x" * 20, "new_password2": "x" * 20},
    )
    assert post.status_code == status
    assert not get_user_model().objects.filter(email="new@nhs.net").exists()


def test_resend_and_withdraw_refusals(manager, partnership):
    invitation = services.invite_people(
        actor=manager, partnership=partnership, people=[services.InviteeInput("a@nhs.net")]
    )[0]
    services.withdraw_invitation(actor=manager, invitation=invitation)
    with pytest.raises(NotAllowedNow, match="withdrawn"):
        services.resend_invitation(actor=manager, invitation=invitation)


def test_the_add_member_by_username_page_is_gone(manager_client, partnership):
    assert manager_client.get(f"/partnerships/{partnership.pk}/members/add/").status_code == 404


# -- Who may press the buttons -----------------------------------------------------------------


BUTTONS = {
    "membership_invitation_resend": lambda p, i, r, pi: [p.pk, i.pk],
    "membership_invitation_withdraw": lambda p, i, r, pi: [p.pk, i.pk],
    "round_invitations_send": lambda p, i, r, pi: [r.pk],
    "invitation_send": lambda p, i, r, pi: [r.pk, pi.pk],
    "round_remind": lambda p, i, r, pi: [r.pk],
}
EXPECTED = {"manager": 302, "member": 403, "facilitator": 403, "outsider": 404, "admin_user": 404}


@pytest.mark.parametrize("button", list(BUTTONS))
@pytest.mark.parametrize("role_user", list(EXPECTED), indirect=True)
def test_only_managers_press_the_buttons(request, client, role_user, manager, partnership, button):
    role = request.node.callspec.params["role_user"]
    round_ = RoundFactory(partnership=partnership)
    personal = PersonalInvitation.objects.create(
        round=round_,
        name="Sam",
        email="sam@nhs.net",
        partner=PartnerFactory(partnership=partnership),
        respondent_role="clinical",
        emailed_at=timezone.now(),
    )
    invitation = services.invite_people(
        actor=manager, partnership=partnership, people=[services.InviteeInput("a@nhs.net")]
    )[0]
    mail.outbox.clear()
    before = list(MembershipInvitation.objects.values())
    client.force_login(role_user)
    url = reverse(button, args=BUTTONS[button](partnership, invitation, round_, personal))
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == EXPECTED[role]
    if role != "manager":
        assert mail.outbox == []
        assert list(MembershipInvitation.objects.values()) == before
        assert not ReminderSent.objects.exists()


def test_a_paste_over_the_upload_limit_gets_a_plain_page(manager_client, partnership):
    huge = "someone@nhs.net\n" * 200_000  # 3.2 MB: over Django's 2.5 MB form limit
    response = manager_client.post(invite_url(partnership), {"people": huge})
    assert response.status_code == 400
    assert "send at most 500 people (1 MB) at a time" in page(response)
    assert not MembershipInvitation.objects.exists()


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        ("Sam Colleague", "Sam", "Colleague"),
        ("Mary Jane van Dyke", "Mary Jane van", "Dyke"),
        ("Cher", "Cher", ""),
        ("  Ade   Okafor ", "Ade", "Okafor"),
    ],
)
def test_the_invited_name_fills_in_first_and_last_name(
    manager_client, partnership, practice, name, first, last
):
    manager_client.post(
        invite_url(partnership), {"people": f"{name}, sam@nhs.net, Riverside Surgery"}
    )
    form = Client().get(link_in(mail.outbox[0])).context["form"]
    assert (form["first_name"].value(), form["last_name"].value() or "") == (first, last)
