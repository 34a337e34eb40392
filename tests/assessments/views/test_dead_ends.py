"""Friendly dead ends (issue 17): a link that matches nothing, a closed round's link, and
the 403, 404 and 500 pages. Each says what to do next, offers a way back and shows no
technical detail."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from assessments import services
from assessments.models import RoundStatus
from tests.factories import FrameworkFactory, RoundFactory

pytestmark = pytest.mark.django_db

WAY_BACK = 'href="/"'
TECHNICAL = ["No such", "Traceback", "Exception", "PermissionDenied", "Http404"]


def assert_friendly(response, status):
    body = response.content.decode()
    assert response.status_code == status
    assert WAY_BACK in body or f'href="{reverse("start")}"' in body
    for word in TECHNICAL:
        assert word not in body
    return body


def test_a_mistyped_shared_link(client):
    body = assert_friendly(client.get(reverse("invitation", args=["not-a-real-token"])), 404)
    assert "<h1>This link does not work</h1>" in body
    assert "replaced it with a new link" in body
    assert "Ask your partnership manager for the current link." in body


def test_a_replaced_shared_link_stops_working_with_the_same_friendly_page(client, manager):
    round_ = RoundFactory(partnership=manager.memberships.get().partnership)
    old = round_.invitation_token
    assert client.get(reverse("invitation", args=[old])).status_code == 200
    services.replace_invitation_token(actor=manager, round_=round_)
    for name in ["invitation", "link_request"]:
        body = assert_friendly(client.get(reverse(name, args=[old])), 404)
        assert "This link does not work" in body


def test_a_mistyped_personal_link(client):
    body = assert_friendly(client.get(reverse("personal_invitation", args=["1-nonsense"])), 404)
    assert "This personal invitation link was not recognised." in body


def test_a_mistyped_private_resume_link(client):
    body = assert_friendly(client.get(reverse("resume", args=["nonsense"])), 404)
    assert "This private link, which brings you back to your own answers" in body


def test_a_closed_rounds_link_does_not_list_what_you_will_be_asked(client):
    framework = FrameworkFactory(title="Partnership values")
    round_ = RoundFactory(frameworks=[framework], status=RoundStatus.CLOSED)
    body = assert_friendly(client.get(reverse("invitation", args=[round_.invitation_token])), 200)
    assert "This round has closed" in body
    assert "What you will be asked" not in body
    assert "Partnership values" not in body
    assert "Start now" not in body


def test_an_open_rounds_link_still_lists_what_you_will_be_asked(client):
    framework = FrameworkFactory(title="Partnership values")
    round_ = RoundFactory(frameworks=[framework])
    body = client.get(reverse("invitation", args=[round_.invitation_token])).content.decode()
    assert "What you will be asked" in body and "Partnership values" in body


def test_the_404_page(client, member):
    client.force_login(member)
    body = assert_friendly(client.get("/no/such/page/"), 404)
    assert "<h1>Page not found</h1>" in body


def test_the_403_page_does_not_show_the_reason_raised(client, manager):
    client.force_login(manager)
    body = assert_friendly(client.get(reverse("dashboard")), 403)
    assert "You do not have permission to view this page" in body
    assert "The dashboard is for facilitators." not in body


def test_the_500_page():
    response = server_error(RequestFactory().get("/"))
    body = assert_friendly(response, 500)
    assert "Sorry, there is a problem with the service" in body
