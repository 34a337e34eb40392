"""A round's personal links page (rounds/<id>/people/) on a phone: each person's status and
the actions on it (Email a new link, Withdraw) are on screen without scrolling sideways, as
they are on a desktop, and no link is shown (ADR 0037). Axe-core checks the page at both
widths.

Set SCREENSHOTS_DIR to also save the page at 1280 and 375 pixels wide."""

from __future__ import annotations

import pytest
from django.utils import timezone

from assessments import services
from assessments.models import PersonalInvitation
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


@pytest.fixture
def people_page(live_server):
    manager = UserFactory(username="maya", first_name="Maya", last_name="Patel")
    partnership = PartnershipFactory(name="Riverside PCN")
    MembershipFactory(partnership=partnership, user=manager, role=PartnershipRole.MANAGER)
    practice = PartnerFactory(partnership=partnership, name="Riverside Medical Centre")
    round_ = RoundFactory(
        partnership=partnership, title="Autumn check-in", frameworks=[build_framework()]
    )
    services.create_personal_invitations(
        actor=manager,
        round_=round_,
        people=[
            services.PersonInput("Sam Colleague", "sam.colleague@nhs.net", practice, "clinical"),
            services.PersonInput(
                "Alexandra Montgomery-Fitzwilliam",
                "alexandra.montgomery-fitzwilliam.riverside-medical-centre@nhs.net",
                practice,
                "operational",
            ),
        ],
    )
    # The round is open, so both were emailed at once; one was not (a draft round's).
    PersonalInvitation.objects.filter(email__startswith="alexandra").update(emailed_at=None)
    PersonalInvitation.objects.filter(email="sam.colleague@nhs.net").update(
        emailed_at=timezone.now()
    )
    return manager, f"/rounds/{round_.pk}/people/"


@pytest.mark.parametrize("width", [375, 1280])
def test_each_persons_status_and_actions_fit_the_screen(page, people_page, width):
    manager, path = people_page
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, manager.username)
    page.goto(page.base_url + path)
    controls = [
        page.get_by_role("button", name="Email a new link to Sam Colleague"),
        page.get_by_role("link", name="Withdraw the link for Sam Colleague"),
        page.get_by_text("alexandra.montgomery-fitzwilliam.riverside-medical-centre@nhs.net"),
        page.get_by_role("link", name="Withdraw the link for Alexandra Montgomery-Fitzwilliam"),
    ]
    assert "/personal/" not in page.content()
    assert page.get_by_role("button", name="Copy link").count() == 0
    for control in controls:
        box = control.bounding_box()
        assert box is not None, control
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (control, box)
    # Nothing on the page is wider than the screen, nor scrolls sideways inside a region
    # (visually hidden text, 1 px wide, aside).
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert (
        page.evaluate(
            "Array.from(document.querySelectorAll('main *'))"
            ".filter(e => e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1"
            " && getComputedStyle(e).overflowX !== 'visible')"
            ".map(e => e.tagName + '.' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth)"
        )
        == []
    )
    assert axe_violations(page) == []
    if width == 375:
        snap(page, "round-people")
