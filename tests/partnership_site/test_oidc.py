"""Sign in with an NHS account (OpenID Connect), against the test provider on 127.0.0.1
(tests/oidc_provider.py): real RS256 tokens over real HTTP, nothing of the library mocked."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import get_user_model
from django.urls import reverse

from assessments import services
from assessments.models import MembershipInvitation
from partnership_site.email_domains import email_domain_allowed
from partnership_site.middleware import RENEWED_AT_KEY
from partnership_site.oidc_backend import email_is_verified
from tests.factories import MembershipFactory, UserFactory
from tests.oidc_provider import CLIENT_ID

PASSWORD = "correct-horse-battery"  # the factories' password


@pytest.fixture
def maya(db):
    return UserFactory(username="maya", email="Maya.Patel@nhs.net")


def sign_in(client, provider, email, *, next_url=""):
    """Through the whole flow: our start URL, the provider's login page (its form posted as
    a browser would), then our callback. Returns the callback's response."""
    url = reverse("nhs_sign_in") + (f"?next={next_url}" if next_url else "")
    start = client.get(url, REMOTE_ADDR="10.0.0.1")
    assert start.status_code == 302
    authorize = start["Location"]
    assert authorize.startswith(f"{provider.url}/authorize?")
    params = {name: values[0] for name, values in parse_qs(urlsplit(authorize).query).items()}
    assert params["code_challenge_method"] == "S256" and params["nonce"]
    login_page = requests.get(authorize, timeout=5)
    assert login_page.status_code == 200 and "Test NHS sign-in" in login_page.text
    answer = requests.post(
        f"{provider.url}/authorize", data={**params, "email": email}, allow_redirects=False
    )
    callback = urlsplit(answer.headers["Location"])
    assert callback.path == reverse("nhs_sign_in_callback")
    return client.get(f"{callback.path}?{callback.query}", REMOTE_ADDR="10.0.0.1")


def signed_in_as(client):
    return client.session.get("_auth_user_id")


# -- off unless configured --


def test_off_by_default_nothing_changes(client, db, settings):
    assert settings.OIDC_ENABLED is False
    assert not any("oidc" in backend for backend in settings.AUTHENTICATION_BACKENDS)
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with your NHS account" not in page
    assert "Or sign in with a password" not in page
    assert client.get(reverse("nhs_sign_in")).status_code == 404
    assert client.get(reverse("nhs_sign_in_callback") + "?code=x&state=y").status_code == 404


def test_sign_in_page_offers_the_nhs_account_first(client, nhs_sign_in):
    page = client.get(reverse("login") + "?next=/partnerships/").content.decode()
    button = page.index("Sign in with your NHS account")
    assert button < page.index("Or sign in with a password") < page.index('name="password"')
    assert f'href="{reverse("nhs_sign_in")}?next=/partnerships/"' in page


# -- a good sign-in --


def test_good_sign_in_lands_in_my_partnerships(client, nhs_sign_in, maya):
    membership = MembershipFactory(user=maya)
    response = sign_in(client, nhs_sign_in, "maya.patel@NHS.net", next_url="/partnerships/")
    assert response.status_code == 302
    assert response["Location"] == "/partnerships/"
    assert signed_in_as(client) == str(maya.pk)
    page = client.get("/partnerships/")
    assert page.status_code == 200
    assert membership.partnership.name in page.content.decode()


def test_sign_in_is_logged_and_starts_the_idle_timer_as_passwords_do(client, nhs_sign_in, maya):
    before = int(time.time())
    sign_in(client, nhs_sign_in, "maya.patel@nhs.net")
    log = AccessLog.objects.get()
    assert (log.username, log.ip_address) == ("maya", "10.0.0.1")
    assert log.path_info == reverse("nhs_sign_in_callback")
    assert client.session[RENEWED_AT_KEY] >= before
    assert client.session.get_expiry_age() == 30 * 60


def test_without_next_my_partnerships(client, nhs_sign_in, maya):
    """As after a password sign-in (partnership_site.landing): My partnerships, or the
    dashboard for facilitators."""
    response = sign_in(client, nhs_sign_in, "maya.patel@nhs.net")
    assert response["Location"] == reverse("my_partnerships")


def test_next_off_this_site_is_ignored(client, nhs_sign_in, maya):
    response = sign_in(client, nhs_sign_in, "maya.patel@nhs.net", next_url="https://evil.test/")
    assert response["Location"] == reverse("my_partnerships")


def test_entra_email_domain_owner_verified_counts_as_verified(client, nhs_sign_in, maya):
    nhs_sign_in.next_token(email_verified=None, xms_edov=True)
    sign_in(client, nhs_sign_in, "maya.patel@nhs.net")
    assert signed_in_as(client) == str(maya.pk)


# -- refused tokens --


def _refused(response, heading="You could not be signed in", status=403):
    assert response.status_code == status
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    return page


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"aud": "someone-else"}, id="wrong-audience"),
        pytest.param({"iss": "https://impostor.test"}, id="wrong-issuer"),
        pytest.param(
            {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, id="expired"
        ),
        pytest.param({"exp": None}, id="no-expiry"),
        pytest.param({"nonce": "replayed"}, id="wrong-nonce"),
        pytest.param({"sign_with_other_key": True}, id="bad-signature"),
    ],
)
def test_bad_tokens_are_refused(client, nhs_sign_in, maya, change):
    nhs_sign_in.next_token(**change)
    page = _refused(sign_in(client, nhs_sign_in, "maya.patel@nhs.net"))
    assert "Something went wrong while signing you in" in page
    assert signed_in_as(client) is None
    assert not AccessLog.objects.exists()


def test_a_bad_token_counts_against_the_address_but_locks_no_account(client, nhs_sign_in, maya):
    nhs_sign_in.next_token(sign_with_other_key=True)
    for _ in range(6):
        _refused(sign_in(client, nhs_sign_in, "maya.patel@nhs.net"))
    assert AccessAttempt.objects.filter(ip_address="10.0.0.1").count() == 6
    # The callback's one-time code and state are not kept in the record.
    recorded = AccessAttempt.objects.first().get_data
    assert "code=********" in recorded and "state=********" in recorded
    assert not AccessAttempt.objects.filter(username="maya").exists()
    nhs_sign_in.reset()
    assert sign_in(client, nhs_sign_in, "maya.patel@nhs.net").status_code == 302
    assert signed_in_as(client) == str(maya.pk)


def test_email_outside_the_allowed_domains(client, nhs_sign_in, db):
    UserFactory(username="gmail", email="someone@gmail.com")
    page = _refused(sign_in(client, nhs_sign_in, "someone@gmail.com"))
    assert "<strong>@nhs.net</strong>" in page
    assert signed_in_as(client) is None


def test_a_subdomain_entry_allows_domains_under_it(client, nhs_sign_in, settings, db):
    settings.OIDC_ALLOWED_EMAIL_DOMAINS = ["nhs.net", ".nhs.uk"]
    sam = UserFactory(username="sam", email="sam@trust.nhs.uk")
    sign_in(client, nhs_sign_in, "sam@trust.nhs.uk")
    assert signed_in_as(client) == str(sam.pk)


def test_unverified_email_is_refused(client, nhs_sign_in, maya):
    nhs_sign_in.next_token(email_verified=False)
    page = _refused(sign_in(client, nhs_sign_in, "maya.patel@nhs.net"))
    assert "did not confirm an email address" in page
    assert signed_in_as(client) is None


def test_uninvited_address_gets_no_account(client, nhs_sign_in, db):
    accounts = get_user_model().objects.count()
    page = _refused(
        sign_in(client, nhs_sign_in, "new.person@nhs.net"), "You do not have an account yet"
    )
    assert "Ask your partnership manager to invite you" in page
    assert get_user_model().objects.count() == accounts
    assert signed_in_as(client) is None


def test_an_invited_address_gets_its_account_through_the_invitation_hook(
    client, nhs_sign_in, monkeypatch, partnership
):
    """Where issue 11's invitations plug in (assessments.services.verified_sign_in): the hook
    is asked with the verified address and the names (given_name and family_name come from
    the provider's userinfo, filling claims the ID token lacks)."""
    asked = []

    def invited(*, email, first_name, last_name):
        asked.append((email, first_name, last_name))
        user = UserFactory(username=email.lower(), email=email)
        MembershipFactory(user=user, partnership=partnership)
        return user

    monkeypatch.setattr("partnership_site.oidc_backend.account_for_invited_address", invited)
    response = sign_in(client, nhs_sign_in, "New.Person@nhs.net", next_url="/partnerships/")
    assert asked == [("New.Person@nhs.net", "Test", "Person")]
    assert response["Location"] == "/partnerships/"
    assert partnership.name in client.get("/partnerships/").content.decode()


def test_an_invited_address_joins_every_partnership_that_invited_it(
    client, nhs_sign_in, partnership, manager
):
    """The real hook (issue 11's invitations): one account, every pending invitation
    accepted, no usable password; withdrawn invitations are not."""
    other = MembershipFactory(role="manager").partnership
    other_manager = other.memberships.get().user
    for actor, where in [(manager, partnership), (other_manager, other)]:
        services.invite_people(
            actor=actor, partnership=where, people=[services.InviteeInput("new.person@nhs.net")]
        )
    withdrawn = MembershipFactory(role="manager").partnership
    gone = services.invite_people(
        actor=withdrawn.memberships.get().user,
        partnership=withdrawn,
        people=[services.InviteeInput("new.person@nhs.net")],
    )[0]
    services.withdraw_invitation(actor=withdrawn.memberships.get().user, invitation=gone)
    response = sign_in(client, nhs_sign_in, "New.Person@nhs.net", next_url="/partnerships/")
    assert response["Location"] == "/partnerships/"
    user = get_user_model().objects.get(email__iexact="new.person@nhs.net")
    assert not user.has_usable_password()
    assert set(user.memberships.values_list("partnership", flat=True)) == {
        partnership.pk,
        other.pk,
    }
    assert MembershipInvitation.objects.filter(accepted_by=user).count() == 2


def test_two_accounts_with_the_address_are_refused(client, nhs_sign_in, db):
    UserFactory(username="maya", email="maya.patel@nhs.net")
    UserFactory(username="maya2", email="MAYA.PATEL@nhs.net")
    page = _refused(sign_in(client, nhs_sign_in, "maya.patel@nhs.net"))
    assert "More than one account" in page
    assert signed_in_as(client) is None


def test_inactive_account_is_refused(client, nhs_sign_in, db):
    UserFactory(username="gone", email="gone@nhs.net", is_active=False)
    page = _refused(sign_in(client, nhs_sign_in, "gone@nhs.net"))
    assert "turned off" in page
    assert signed_in_as(client) is None


def test_a_locked_out_account_cannot_sign_in_with_its_nhs_account(client, nhs_sign_in, maya):
    for _ in range(5):
        client.post("/sign-in/", {"username": "maya", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
    response = sign_in(client, nhs_sign_in, "maya.patel@nhs.net")
    assert response.status_code == 429
    assert "Sign-in is paused" in response.content.decode()
    assert signed_in_as(client) is None
    # It does not reset the lock either: the password is still refused.
    response = client.post("/sign-in/", {"username": "maya", "password": PASSWORD})
    assert response.status_code == 429


def test_a_locked_out_address_cannot_sign_in_with_an_nhs_account(
    client, nhs_sign_in, settings, maya
):
    settings.SIGNIN_FAILURES_PER_ADDRESS = 3
    for number in range(3):
        client.post(
            "/sign-in/", {"username": f"x{number}", "password": "no"}, REMOTE_ADDR="10.0.0.1"
        )
    response = sign_in(client, nhs_sign_in, "maya.patel@nhs.net")
    assert response.status_code == 429
    assert signed_in_as(client) is None


def test_cancelled_at_the_provider(client, nhs_sign_in, db):
    client.get(reverse("nhs_sign_in"))
    response = client.get(reverse("nhs_sign_in_callback") + "?error=access_denied&state=x")
    _refused(response, "You did not finish signing in")


def test_a_state_this_browser_never_started_is_refused(client, nhs_sign_in, db):
    client.get(reverse("nhs_sign_in"))
    response = client.get(reverse("nhs_sign_in_callback") + "?code=abc&state=forged")
    _refused(response)
    assert nhs_sign_in.token_requests == 0 or signed_in_as(client) is None


def test_provider_unreachable(client, nhs_sign_in, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # discard port: nothing listens
    _refused(
        client.get(reverse("nhs_sign_in")),
        "Sign-in with an NHS account is not working at the moment",
        status=503,
    )


# -- signing out --


def test_sign_out_also_ends_the_provider_session(client, nhs_sign_in, maya):
    sign_in(client, nhs_sign_in, "maya.patel@nhs.net")
    response = client.post(reverse("logout"))
    assert signed_in_as(client) is None
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        f"{nhs_sign_in.url}/end-session"
    )
    query = {name: values[0] for name, values in parse_qs(location.query).items()}
    assert query["post_logout_redirect_uri"] == "http://testserver/"
    assert query["client_id"] == CLIENT_ID
    back = requests.get(response["Location"], allow_redirects=False, timeout=5)
    assert back.headers["Location"] == "http://testserver/"
    assert nhs_sign_in.ended_sessions[-1]["email"] == "maya.patel@nhs.net"


def test_password_sign_out_is_unchanged_when_oidc_is_on(client, nhs_sign_in, maya):
    client.post("/sign-in/", {"username": "maya", "password": PASSWORD})
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("start")
    assert nhs_sign_in.ended_sessions == []


def test_password_sign_in_still_works_when_oidc_is_on(client, nhs_sign_in, maya):
    response = client.post("/sign-in/", {"username": "maya.patel@nhs.net", "password": PASSWORD})
    assert response.status_code == 302
    assert signed_in_as(client) == str(maya.pk)


# -- the rules on their own --


@pytest.mark.parametrize(
    ("email", "allowed", "expected"),
    [
        ("a@nhs.net", ["nhs.net"], True),
        ("a@NHS.NET", ["nhs.net"], True),
        ("a@evil-nhs.net", ["nhs.net"], False),
        ("a@nhs.net.evil.test", ["nhs.net"], False),
        ("a@trust.nhs.uk", [".nhs.uk"], True),
        ("a@nhs.uk", [".nhs.uk"], False),
        ("a@evilnhs.uk", [".nhs.uk"], False),
        ("a@nhs.net", [], False),
    ],
)
def test_email_domain_allowed(email, allowed, expected):
    assert email_domain_allowed(email, allowed) is expected


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"email_verified": True}, True),
        ({"email_verified": False}, False),
        ({"email_verified": "true"}, False),  # a string is not the boolean the spec requires
        ({}, False),
        ({"xms_edov": True}, True),
        ({"xms_edov": False}, False),
    ],
)
def test_email_is_verified(claims, expected):
    assert email_is_verified(claims) is expected
