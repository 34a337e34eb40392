import subprocess
import sys

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_start_page_is_public_and_explains_the_service(client):
    response = client.get(reverse("start"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Check how well your partnership works together" in body
    assert "30,000 to 50,000 people" in body
    assert 'href="#maincontent"' in body


def test_sign_in_page_is_public(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'autocomplete="current-password"' in response.content.decode()


def test_sign_in_by_username_or_email(client, member):
    for name in (member.username, member.email.upper()):
        response = client.post(
            reverse("login"), {"username": name, "password": "correct-horse-battery"}
        )
        assert response.status_code == 302, name
        client.logout()


def test_wrong_password_gets_a_plain_error(client, member):
    response = client.post(reverse("login"), {"username": member.username, "password": "nope"})
    assert response.status_code == 200
    assert "Enter a correct username (or email address) and password" in response.content.decode()


def test_signed_in_header_shows_the_user_and_sign_out(client, member):
    client.force_login(member)
    body = client.get(reverse("start")).content.decode()
    assert member.get_full_name() in body or member.username in body
    assert f'action="{reverse("logout")}"' in body


def test_pages_need_sign_in_by_default(client):
    response = client.get("/admin/")
    assert response.status_code == 302


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "false", "DJANGO_SETTINGS_MODULE": "x"}
    result = subprocess.run(
        [sys.executable, "-c", "import partnership_site.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_settings_read_database_url():
    code = "from partnership_site import settings as s; print(s.DATABASES['default']['ENGINE'])"
    env = {
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "x",
        "DATABASE_URL": "postgres://someone@db.example:5432/partnerships",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_the_admin_names_the_service_not_django(client, admin_user, settings):
    client.force_login(admin_user)
    body = client.get("/admin/").content.decode()
    assert "Django administration" not in body
    assert f"{settings.SERVICE_NAME}: administration" in body
