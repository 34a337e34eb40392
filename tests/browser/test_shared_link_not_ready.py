"""A shared link nobody can use yet (the partnership has no active organisation, ADR 0034 as
amended by ADR 0037): the shared link's pages and the manager's round page, at 375 px,
checked by axe-core.

Set SCREENSHOTS_DIR to also save the pages at 1280 and 375 pixels wide."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partnership_site.roles import PartnershipRole
from tests.browser.conftest import axe_violations
from tests.browser.test_invitations import sign_in, snap
from tests.factories import (
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    RoundFactory,
    UserFactory,
    build_framework,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_guest_and_the_manager_are_told(page, browser, live_server):
    manager = UserFactory(username="maya", first_name="Maya", last_name="Patel")
    partnership = PartnershipFactory(name="Riverside PCN")
    MembershipFactory(partnership=partnership, user=manager, role=PartnershipRole.MANAGER)
    # Its only organisation is archived: nobody could say which one they work for.
    PartnerFactory(
        partnership=partnership, name="Riverside Medical Centre", archived_at=timezone.now()
    )
    round_ = RoundFactory(
        partnership=partnership, title="Autumn check-in", frameworks=[build_framework()]
    )

    guest = browser.new_context(viewport={"width": 375, "height": 900}).new_page()
    guest.goto(f"{live_server.url}/invitation/{round_.invitation_token}/")
    expect(guest.locator("main")).to_contain_text("This link cannot be used yet")
    expect(guest.get_by_role("button", name="Get your link")).to_have_count(0)
    assert axe_violations(guest) == []
    snap(guest, "shared-link-not-ready-guest")
    guest.goto(f"{live_server.url}/invitation/{round_.invitation_token}/ask/")
    expect(guest.locator("h1")).to_contain_text("This link cannot be used yet")
    expect(guest.locator("main form")).to_have_count(0)
    assert axe_violations(guest) == []
    snap(guest, "shared-link-not-ready-start")
    guest.context.close()

    sign_in(page, manager.username)
    page.goto(f"{page.base_url}/rounds/{round_.pk}/")
    expect(page.locator("#shared-link-unusable")).to_contain_text(
        "Nobody can use the shared link yet"
    )
    assert axe_violations(page) == []
    snap(page, "shared-link-not-ready-round")
