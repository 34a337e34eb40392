"""Partnership management pages, continued from test_partnerships.py: removing and naming
organisations, form errors, round pages and buttons, and My partnerships."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import models
from assessments.models import Partner, Round, RoundStatus
from partnership_site.roles import PartnershipRole
from tests.assessments.views.test_partnerships import (  # noqa: F401
    DENIED,
    MANAGE_PAGES,
    OPEN_PAGES,
    OPENS_ON,
    READ_PAGES,
    ROLES,
    World,
    assert_form_error,
    dates,
    pytestmark,
    round_data,
    signed_in_manager,
    state,
    world,
)
from tests.factories import (
    FrameworkFactory,
    MembershipFactory,
    PartnershipFactory,
    ResponseFactory,
    RoundFactory,
    UserFactory,
)


def test_partner_with_responses_is_refused_and_kept(signed_in_manager, world):
    ResponseFactory(round=world.open, partner=world.partner)
    url = reverse("partner_remove", args=[world.partnership.pk, world.partner.pk])
    page = signed_in_manager.get(url).content.decode()
    assert "You cannot remove Hill Surgery" in page
    assert "people from it have given 1 response" in page
    assert "Remove organisation</button>" not in page
    response = signed_in_manager.post(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<title>Error: You cannot remove Hill Surgery" in body
    assert "nhsuk-error-summary" in body
    assert "Nothing has been removed" in body
    assert Partner.objects.filter(pk=world.partner.pk).exists()


def test_partner_with_members_is_refused(signed_in_manager, world):
    MembershipFactory(partnership=world.partnership, partner=world.partner)
    url = reverse("partner_remove", args=[world.partnership.pk, world.partner.pk])
    response = signed_in_manager.post(url)
    assert "1 member of this partnership" in response.content.decode()
    assert Partner.objects.filter(pk=world.partner.pk).exists()


@pytest.mark.parametrize(
    ("ods_code", "ok"), [("f81001", True), ("AB", False), ("F81-001", False), ("", True)]
)
def test_ods_code_validation(signed_in_manager, world, ods_code, ok):
    response = signed_in_manager.post(
        reverse("partner_add", args=[world.partnership.pk]),
        {"name": "New Surgery", "organisation_type": "gp_practice", "ods_code": ods_code},
    )
    if ok:
        assert response.status_code == 302
        assert Partner.objects.get(name="New Surgery").ods_code == ods_code.upper()
    else:
        assert_form_error(response, "Enter an ODS code of 3 to 10 letters and numbers")


def test_duplicate_partner_name(signed_in_manager, world):
    response = signed_in_manager.post(
        reverse("partner_add", args=[world.partnership.pk]),
        {"name": "HILL SURGERY", "organisation_type": "gp_practice"},
    )
    assert_form_error(response, "This partnership already has an organisation with this name")


def test_partnership_form_errors(signed_in_manager, world):
    response = signed_in_manager.post(
        reverse("partnership_create"), {"name": "", "kind": "castle", "population": "lots"}
    )
    for message in [
        "Enter the partnership&#x27;s name",
        "Select the type of partnership",
        "Enter the population as a whole number",
    ]:
        assert_form_error(response, message)
    response = signed_in_manager.post(
        reverse("partnership_create"),
        {"name": "Huge", "kind": "pcn", "population": "99999999999999999999"},
    )
    assert_form_error(response, "The population must be 100,000,000 or fewer")
    response = signed_in_manager.post(
        reverse("partnership_create"), {"name": world.partnership.name, "kind": "pcn"}
    )
    assert_form_error(response, "There is already a partnership with this name")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            dates("closes_on", OPENS_ON - timedelta(days=1)),
            "The closing date must be the same as or after",
        ),
        (
            {**dates("opens_on", date(2020, 1, 1)), **dates("closes_on", date(2020, 2, 1))},
            "The closing date must be today or in the future",
        ),
        ({"opens_on_0": "31", "opens_on_1": "2"}, "The opening date must be a real date"),
        ({"opens_on_1": ""}, "The opening date must include a month"),
        ({"closes_on_0": "", "closes_on_1": "", "closes_on_2": ""}, "Enter the closing date"),
        ({"opens_on_2": "26"}, "The year must include 4 numbers"),
        ({"opens_on_0": "first"}, "The opening date must be a real date"),
        ({"opens_on_0": "99999999999999999999"}, "The opening date must be a real date"),
        ({"opens_on_2": "99999999999999999999"}, "The year must include 4 numbers"),
        ({"opens_on_0": "\u0663"}, "The opening date must be a real date"),
        ({"anonymity_threshold": "1"}, "The smallest group must be at least 3"),
        # With 2, each of two people could subtract their own answers and read the other's.
        ({"anonymity_threshold": "2"}, "The smallest group must be at least 3"),
        ({"anonymity_threshold": "99999999999999999999"}, "must be 50 or fewer"),
        ({"anonymity_threshold": "many"}, "Enter the smallest group as a whole number"),
        ({"frameworks": []}, "Select at least one questionnaire"),
        ({"frameworks": ["999999"]}, "Select questionnaires from the list"),
        ({"frameworks": ["abc"]}, "Select questionnaires from the list"),
        ({"title": "Draft"}, "already has a round with this title"),
    ],
)
def test_round_form_errors(signed_in_manager, world, overrides, message):
    before = Round.objects.count()
    response = signed_in_manager.post(
        reverse("round_create", args=[world.partnership.pk]), round_data(world, **overrides)
    )
    assert_form_error(response, message)
    assert Round.objects.count() == before


def test_round_form_offers_only_the_latest_published_versions(signed_in_manager, world):
    old = FrameworkFactory(slug="values", version=1, title="Values")
    new = FrameworkFactory(slug="values", version=2, title="Values", previous_version=old)
    page = signed_in_manager.get(reverse("round_create", args=[world.partnership.pk]))
    body = page.content.decode()
    assert f'value="{new.pk}"' in body
    assert f'value="{old.pk}"' not in body
    response = signed_in_manager.post(
        reverse("round_create", args=[world.partnership.pk]),
        round_data(world, frameworks=[str(old.pk)]),
    )
    assert_form_error(response, "Select questionnaires from the list")


def test_round_form_keeps_what_was_typed(signed_in_manager, world):
    response = signed_in_manager.post(
        reverse("round_create", args=[world.partnership.pk]),
        round_data(world, title="Keep me", **dates("closes_on", date(2026, 8, 2))),
    )
    body = response.content.decode()
    assert 'value="Keep me"' in body
    assert (
        'id="id_closes_on_0" name="closes_on_0" type="text" inputmode="numeric" value="2"' in body
    )
    assert 'href="#id_closes_on_0"' in body  # the error summary links to the day box


def test_closing_a_draft_round_is_refused_plainly(signed_in_manager, world):
    response = signed_in_manager.post(reverse("round_close", args=[world.draft.pk]))
    assert response.status_code == 200
    assert "A draft round cannot become closed" in response.content.decode()
    world.draft.refresh_from_db()
    assert world.draft.status == RoundStatus.DRAFT


def test_opening_twice_is_harmless(signed_in_manager, world):
    url = reverse("round_open", args=[world.draft.pk])
    assert signed_in_manager.post(url).status_code == 302
    response = signed_in_manager.post(url)
    assert response.status_code == 200
    assert "This round is already open" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/partnerships/abc/", "/rounds/-1/", "/partnerships/1/partners/x/edit/"]
)
def test_malformed_urls_are_not_found(signed_in_manager, world, path):
    assert signed_in_manager.get(path).status_code == 404


def test_my_partnerships_lists_roles_open_rounds_and_what_is_left(client, member, world):
    framework = FrameworkFactory(title="Readiness for change")
    done = FrameworkFactory(title="Partnership values")
    round_ = RoundFactory(
        partnership=world.partnership, title="Autumn check-in", frameworks=[framework, done]
    )

    submitted = ResponseFactory(
        round=round_,
        framework=done,
        respondent=member,
        status="submitted",
        submitted_at=timezone.now(),
    )
    facilitated = PartnershipFactory(name="Coastal Collaborative")
    MembershipFactory(partnership=facilitated, user=member, role=PartnershipRole.FACILITATOR)
    client.force_login(member)
    body = client.get(reverse("my_partnerships")).content.decode()
    assert "Your role: Member" in body
    assert "Autumn check-in" in body
    left = body.split("You still have to answer:")[1].split("</ul>")[0]
    assert "Readiness for change" in left
    assert "Partnership values" not in left
    assert reverse("round_answer", args=[round_.pk]) in body
    assert reverse("my_result", args=[submitted.pk]) in body
    assert "Partnerships you facilitate" in body
    assert reverse("dashboard") in body
    assert "Coastal Collaborative" in body


def test_facilitators_have_nothing_to_answer(client, facilitator, world):
    client.force_login(facilitator)
    body = client.get(reverse("my_partnerships")).content.decode()
    assert "Partnerships you facilitate" in body
    assert world.partnership.name in body
    assert "You still have to answer" not in body


def test_round_page_shows_response_rate_per_partner(client, manager, world):
    framework = FrameworkFactory(title="Values")
    round_ = RoundFactory(partnership=world.partnership, title="Rates", frameworks=[framework])
    MembershipFactory.create_batch(
        4, partnership=world.partnership, partner=world.partner, role=PartnershipRole.MEMBER
    )
    for _ in range(3):
        ResponseFactory(
            round=round_,
            framework=framework,
            partner=world.partner,
            status="submitted",
            submitted_at=timezone.now(),
        )
    ResponseFactory(round=round_, framework=framework, partner=world.partner)  # in progress
    client.force_login(manager)
    body = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    assert "3 of 4" in body
    assert "3 people have answered; 3 questionnaires submitted (1 more started" in body


def test_people_asked_to_answer_is_the_denominator_when_given(client, manager, world):
    framework = FrameworkFactory(title="Values")
    round_ = RoundFactory(partnership=world.partnership, title="Rates", frameworks=[framework])
    MembershipFactory(partnership=world.partnership, partner=world.partner)
    ResponseFactory(
        round=round_,
        framework=framework,
        partner=world.partner,
        status="submitted",
        submitted_at=timezone.now(),
    )
    client.force_login(manager)
    response = client.post(
        reverse("partner_edit", args=[world.partnership.pk, world.partner.pk]),
        {"name": "Hill Surgery", "organisation_type": "gp_practice", "people_invited": "12"},
    )
    assert response.status_code == 302
    world.partner.refresh_from_db()
    assert world.partner.people_invited == 12
    body = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    assert "1 of 12" in body
    assert "1 of 1<" not in body

    response = client.post(
        reverse("partner_edit", args=[world.partnership.pk, world.partner.pk]),
        {"name": "Hill Surgery", "organisation_type": "gp_practice", "people_invited": "0"},
    )
    assert_form_error(response, "The number of people must be at least 1")


def test_partnerships_facilitated_through_a_cohort_are_listed(client, world):
    person = UserFactory()
    cohort = models.Cohort.objects.create(name="Devon development programme")
    cohort.partnerships.add(world.partnership)
    cohort.facilitators.add(person)
    client.force_login(person)
    body = client.get(reverse("my_partnerships")).content.decode()
    assert "Partnerships you facilitate" in body
    assert reverse("partnership_detail", args=[world.partnership.pk]) in body
    assert "You are not part of any partnership yet" not in body
    page = client.get(reverse("partnership_detail", args=[world.partnership.pk]))
    assert page.status_code == 200
    assert "Remove<span" not in page.content.decode()
    manage = client.get(reverse("partner_add", args=[world.partnership.pk]))
    assert manage.status_code == 403


@pytest.mark.parametrize(
    ("role", "visible", "shown"),
    [
        (PartnershipRole.MEMBER, True, True),
        (PartnershipRole.MEMBER, False, False),
        (PartnershipRole.MANAGER, False, True),
    ],
)
def test_my_partnerships_links_the_latest_report_people_may_read(client, role, visible, shown):
    membership = MembershipFactory(role=role)
    older = RoundFactory(
        partnership=membership.partnership, status=RoundStatus.CLOSED, title="Older"
    )
    older.closes_on = older.opens_on
    older.save()
    newest = RoundFactory(
        partnership=membership.partnership,
        status=RoundStatus.CLOSED,
        title="Newest",
        results_visible_to_members=visible,
    )
    client.force_login(membership.user)
    body = client.get(reverse("my_partnerships")).content.decode()
    assert (reverse("round_report", args=[newest.pk]) in body) is shown
    # A member falls back to the newest report they may read: Older's results are visible.
    assert (reverse("round_report", args=[older.pk]) in body) is (not shown)
