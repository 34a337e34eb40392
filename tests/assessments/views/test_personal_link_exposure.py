"""No page or download a manager (or anyone in the partnership) can open contains a personal
link's token (ADR 0037): links go only by email to each person.

Every GET route of the partnership, round, report, action and dashboard pages that takes
one id is opened as the manager, for the partnership and for the round, while the round is
open and after it closes; then the people page's old CSV address. The tokens looked for are
the ones emailed, and the old HMAC links of invitations made before ADR 0037.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assessments import services
from assessments.links import legacy_link_token
from assessments.models import PersonalInvitation, RoundStatus
from partnership_site.roles import PartnershipRole
from tests.factories import MembershipFactory, PartnerFactory, RoundFactory, build_framework

pytestmark = pytest.mark.django_db

MODULES = ("partnerships", "reports", "actions", "plans", "dashboard", "cohorts")


def _one_id_routes():
    """(name, module) for every named route in MODULES whose only argument is ``pk``."""
    routes = []
    for resolver in get_resolver().url_patterns:
        if not isinstance(resolver, URLResolver):
            continue
        for included in resolver.url_patterns:
            if not isinstance(included, URLResolver):
                continue
            module = getattr(included.urlconf_module, "__name__", "")
            if module.rsplit(".", 1)[-1] not in MODULES:
                continue
            for pattern in included.url_patterns:
                named = isinstance(pattern, URLPattern) and pattern.name
                if named and list(pattern.pattern.converters) == ["pk"]:
                    routes.append(pattern.name)
    return routes


def _body(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", errors="replace")


@pytest.fixture
def setting(partnership, manager):
    framework = build_framework(sections=(1, 1))
    practice = PartnerFactory(partnership=partnership, name="Hill Surgery", people_invited=3)
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    round_.open_link_enabled = True
    round_.save()
    # One invitation from before ADR 0037: an HMAC link, never emailed since.
    legacy = PersonalInvitation.objects.create(
        round=round_,
        name="Old",
        email="old@nhs.net",
        partner=practice,
        respondent_role="clinical",
        hmac_link=True,
    )
    services.create_personal_invitations(
        actor=manager,
        round_=round_,
        people=[
            services.PersonInput(f"Person {n}", f"person.{n}@nhs.net", practice, "clinical")
            for n in range(3)
        ],
    )
    services.request_personal_link(
        round_=round_, email="asked@nhs.net", partner=practice, respondent_role="other"
    )
    tokens = {
        match
        for message in mail.outbox
        for match in re.findall(r"/personal/([A-Za-z0-9_-]+)/", message.body)
    }
    tokens.add(legacy_link_token(legacy))
    assert len(tokens) == 5
    return round_, tokens


def test_the_routes_checked_include_the_people_pages():
    routes = _one_id_routes()
    assert {"round_detail", "round_invitations", "partnership_detail", "invite_people"} <= set(
        routes
    )
    assert len(routes) > 20


def _everything(client, round_) -> dict[str, str]:
    seen = {}
    for name in _one_id_routes():
        for pk in {round_.pk, round_.partnership_id}:
            try:
                url = reverse(name, args=[pk])
            except Exception:  # noqa: BLE001 (a route whose id is not a number)
                continue
            response = client.get(url)
            if response.status_code == 200:
                seen[url] = _body(response)
    return seen


@pytest.mark.parametrize("who", [PartnershipRole.MANAGER, PartnershipRole.MEMBER])
def test_no_page_or_download_shows_a_personal_link(setting, manager, partnership, who):
    round_, tokens = setting
    user = (
        manager
        if who == PartnershipRole.MANAGER
        else MembershipFactory(partnership=partnership, role=who).user
    )
    client = Client()
    client.force_login(user)
    seen = _everything(client, round_)
    services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)
    seen.update({url + " (closed)": body for url, body in _everything(client, round_).items()})
    assert reverse("round_invitations", args=[round_.pk]) in seen or who != "manager"
    assert len(seen) > 10
    for url, body in seen.items():
        for token in tokens:
            assert token not in body, f"{url} shows a personal link"
        assert "/personal/" not in body, f"{url} links to a personal link"
    assert client.get(f"/rounds/{round_.pk}/people/links.csv").status_code == 404


def test_the_people_page_shows_status_not_links(client, setting, manager):
    round_, _ = setting
    client.force_login(manager)
    page = client.get(reverse("round_invitations", args=[round_.pk])).content.decode()
    assert "person.0@nhs.net" in page and "asked@nhs.net" in page
    assert "Asked through the shared link" in page
    assert "Emailed" in page and "Not emailed" in page  # the old link was never emailed
    assert "Email a new link" in page and "Withdraw" in page
    assert "Copy link" not in page and "CSV" not in page
