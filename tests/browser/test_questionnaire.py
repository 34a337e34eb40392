"""A person with the round's shared link asks for their personal link (ADR 0037), opens it
from the email and completes the real Readiness for change questionnaire in headless
Chromium, with an axe-core WCAG 2.2 A/AA scan of every page on the way: the shared link,
"get your link" (and its error), check your email, the personal link, each section (and one
with an error), check answers, confirmation and result."""

import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from assessments.models import Response, ResponseStatus
from frameworks.models import Framework
from tests.browser.conftest import axe_violations
from tests.browser.test_invitations import snap
from tests.factories import PartnerFactory, PartnershipFactory, RoundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def click_and_wait(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def test_a_guest_completes_a_questionnaire_and_sees_their_result(page):
    call_command("load_frameworks", stdout=StringIO())
    framework = Framework.objects.latest_published().get(slug="readiness-for-change")
    sections = framework.dimensions.count()
    partnership = PartnershipFactory(name="Riverside Primary Care Network")
    PartnerFactory(partnership=partnership, name="Riverside Medical Centre", people_invited=5)
    PartnerFactory(partnership=partnership, name="Harbour View Surgery", people_invited=5)
    round_ = RoundFactory(partnership=partnership, frameworks=[framework], title="Autumn check-in")

    page.goto(f"{page.base_url}/invitation/{round_.invitation_token}/")
    expect(page.locator("h1")).to_contain_text("How well does your partnership work together?")
    expect(page.locator("main")).to_contain_text("@nhs.net or ending .nhs.uk")
    assert axe_violations(page) == []
    snap(page, "shared-link")
    page.get_by_role("button", name="Get your link").click()

    expect(page.locator("h1")).to_contain_text("Get your link to answer")
    assert axe_violations(page) == []
    page.get_by_label("Your work email address").fill("sam.guest@gmail.com")
    page.get_by_label("Harbour View Surgery").check()
    page.get_by_label("Leadership or management").check()
    click_and_wait(page, "Email me my link")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Enter your work email address: it must be an address @nhs.net or ending .nhs.uk"
    )
    assert axe_violations(page) == []
    snap(page, "link-request-error")
    page.get_by_label("Your work email address").fill("sam.guest@nhs.net")
    click_and_wait(page, "Email me my link")

    expect(page.locator("h1")).to_contain_text("Check your email")
    expect(page.locator("main")).to_contain_text("sam.guest@nhs.net")
    assert axe_violations(page) == []
    snap(page, "link-request-sent")
    (message,) = mail.outbox
    assert message.to == ["sam.guest@nhs.net"]
    link = urlsplit(re.search(r"https?://\S+", message.body).group(0)).path

    page.goto(page.base_url + link)
    expect(page.locator("main")).to_contain_text("Harbour View Surgery")
    assert axe_violations(page) == []
    snap(page, "personal-link-from-email")
    click_and_wait(page, "Start Readiness for change")

    for number in range(1, sections + 1):
        expect(page.locator("h1 .nhsuk-caption-l")).to_contain_text(
            f"Section {number} of {sections}"
        )
        # The resume link is on every page, with its Copy button (JavaScript only).
        link = page.get_by_label("Your private link").input_value()
        assert link.startswith(f"{page.base_url}/resume/")
        expect(page.get_by_role("button", name="Copy link")).to_be_visible()
        assert axe_violations(page) == []

        questions = page.locator("fieldset")
        if number == 1:
            # Evidence without an answer is an error: an accessible error summary.
            page.get_by_text("Add evidence or an example").first.click()
            page.get_by_label("Evidence or example (optional)").first.fill("Monthly meetings.")
            click_and_wait(page, "Save and continue")
            assert page.title().startswith("Error: ")
            expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select an answer")
            assert axe_violations(page) == []
        for index in range(questions.count()):
            choice = "Agree" if index % 2 == 0 else "Strongly agree"
            questions.nth(index).get_by_label(choice, exact=True).check()
        click_and_wait(page, "Save and continue")

    expect(page.locator("h1")).to_contain_text("Check your answers")
    expect(page.get_by_text("Monthly meetings.")).to_be_visible()
    assert axe_violations(page) == []
    click_and_wait(page, "Submit answers")

    expect(page.locator(".nhsuk-panel h1")).to_have_text("Answers submitted")
    assert axe_violations(page) == []
    page.get_by_role("button", name="See your result").click()

    expect(page.locator("h1")).to_contain_text("Your result")
    expect(page.get_by_role("heading", name="Overall score")).to_be_visible()
    expect(page.locator(".nhsuk-tag--green").first).to_be_visible()  # scores of 75 and 100
    assert axe_violations(page) == []

    response = Response.objects.get()
    assert response.status == ResponseStatus.SUBMITTED
    assert response.partner.name == "Harbour View Surgery"
    assert response.answers.get(comment="Monthly meetings.").value in (4, 5)
