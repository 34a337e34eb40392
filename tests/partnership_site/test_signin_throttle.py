"""Sign-in throttling (django-axes): per account, per address, on both sign-in pages."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"  # the factories' password


@pytest.fixture
def maya(db):
    return UserFactory(username="maya", email="Maya.Patel@example.nhs.uk")


def _sign_in(client, username, password, *, url="/sign-in/", address="10.0.0.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, maya):
    for _ in range(4):
        assert _sign_in(client, "maya", "wrong").status_code == 200
    response = _sign_in(client, "maya", "wrong")
    assert response.status_code == 429
    response = _sign_in(client, "maya", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Sign-in is paused" in page
    retry_at = timezone.localtime(AccessAttempt.objects.get().attempt_time + timedelta(minutes=15))
    assert f"You can try again after <strong>{retry_at:%H:%M}</strong>" in page
    assert "in about 15 minutes" in page
    assert 890 <= int(response["Retry-After"]) <= 901
    assert "no-store" in response["Cache-Control"]


def test_username_email_and_letter_case_count_as_one_account(client, maya):
    for name in ("maya", "MAYA", "maya.patel@example.nhs.uk", "Maya.Patel@EXAMPLE.nhs.uk"):
        assert _sign_in(client, name, "wrong").status_code == 200
    assert _sign_in(client, " Maya ", "wrong").status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"maya"}


def test_the_lock_is_per_account_other_people_at_the_address_still_sign_in(client, maya, db):
    for _ in range(5):
        _sign_in(client, "maya", "wrong")
    colleague = UserFactory(username="sam")
    response = _sign_in(client, "sam", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_many_failures_from_one_address_lock_that_address(client, settings, maya):
    settings.SIGNIN_FAILURES_PER_ADDRESS = 8
    for number in range(8):
        assert _sign_in(client, f"guess-{number}", "wrong").status_code in (200, 429)
    assert _sign_in(client, "maya", PASSWORD).status_code == 429
    # The same account from another address is not locked.
    assert _sign_in(client, "maya", PASSWORD, address="10.0.0.2").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, maya):
    for _ in range(5):
        _sign_in(client, "maya", "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _sign_in(client, "maya", PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(client, maya):
    for _ in range(4):
        _sign_in(client, "maya", "wrong")
    assert _sign_in(client, "maya", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _sign_in(client, "maya", "wrong").status_code == 200


def test_the_admin_sign_in_is_throttled_too(client, db):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(5):
        _sign_in(client, "root", "wrong", url=url)
    response = _sign_in(client, "root", PASSWORD, url=url)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Sign-in is paused" in response.content.decode()
    assert "Access attempts" in response.content.decode()
    assert "admin/locked_out.html" in [t.name for t in response.templates]


def test_an_admin_unlocks_an_account_by_deleting_its_attempts(client, maya):
    for _ in range(5):
        _sign_in(client, "maya", "wrong")
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    admin_client = client.__class__()
    admin_client.force_login(admin)
    attempt = AccessAttempt.objects.get(username="maya")
    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert "maya" in changelist.content.decode()
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert _sign_in(client, "maya", PASSWORD).status_code == 302
