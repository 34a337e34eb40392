"""A round names the change that Readiness for change asks about (tester finding: its summary
asks for the change to be named, and rounds had nowhere to name it)."""

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Round, RoundStatus
from tests.assessments.views.test_partnerships import (  # noqa: F401
    assert_form_error,
    round_data,
    signed_in_manager,
    world,
)
from tests.factories import FrameworkFactory, RoundFactory

pytestmark = pytest.mark.django_db

MESSAGE = "Name the change the Readiness for change questionnaire asks about"


@pytest.fixture
def readiness():
    return FrameworkFactory(slug="readiness-for-change", title="Readiness for change")


def test_a_round_with_readiness_for_change_needs_the_change_named(
    signed_in_manager, world, readiness
):
    url = reverse("round_create", args=[world.partnership.pk])
    before = Round.objects.count()
    response = signed_in_manager.post(url, round_data(world, frameworks=[str(readiness.pk)]))
    assert_form_error(response, MESSAGE)
    body = response.content.decode()
    assert 'href="#id_proposed_change"' in body  # the error summary links to the box
    assert 'value="Autumn"' in body  # nothing typed is lost
    assert Round.objects.count() == before

    response = signed_in_manager.post(
        url,
        round_data(
            world, frameworks=[str(readiness.pk)], proposed_change="  One shared pharmacy team "
        ),
    )
    assert response.status_code == 302
    assert Round.objects.get(title="Autumn").proposed_change == "One shared pharmacy team"


def test_other_questionnaires_need_no_change_named(signed_in_manager, world):
    response = signed_in_manager.post(
        reverse("round_create", args=[world.partnership.pk]), round_data(world)
    )
    assert response.status_code == 302
    assert Round.objects.get(title="Autumn").proposed_change == ""


def test_a_change_longer_than_200_characters_is_refused(signed_in_manager, world, readiness):
    response = signed_in_manager.post(
        reverse("round_create", args=[world.partnership.pk]),
        round_data(world, frameworks=[str(readiness.pk)], proposed_change="x" * 201),
    )
    assert_form_error(response, "Name the change in 200 characters or fewer")


def test_editing_a_draft_to_add_readiness_needs_the_change_named(
    signed_in_manager, world, readiness
):
    draft = RoundFactory(
        partnership=world.partnership, status=RoundStatus.DRAFT, frameworks=[world.framework]
    )
    url = reverse("round_edit", args=[draft.pk])
    page = signed_in_manager.get(url).content.decode()
    assert 'name="proposed_change"' in page
    data = round_data(world, title=draft.title, frameworks=[str(readiness.pk)])
    assert_form_error(signed_in_manager.post(url, data), MESSAGE)
    draft.refresh_from_db()
    assert list(draft.frameworks.all()) == [world.framework]

    data["proposed_change"] = "Extended access from one hub"
    assert signed_in_manager.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.proposed_change == "Extended access from one hub"
    assert signed_in_manager.get(url).content.decode().count("Extended access from one hub") == 1


def test_the_change_is_shown_before_people_answer_and_on_the_round_page(signed_in_manager, world):
    world.open.proposed_change = "Extended access from one hub"
    world.open.save(update_fields=["proposed_change"])
    detail = signed_in_manager.get(reverse("round_detail", args=[world.open.pk]))
    assert "Extended access from one hub" in detail.content.decode()
    shared_link = reverse("invitation", args=[world.open.invitation_token])
    for page in (
        Client().get(shared_link),  # someone without an account
        signed_in_manager.get(shared_link, follow=True),  # a member: their answer page
    ):
        assert page.status_code == 200
        assert "The change this round asks about: <strong>Extended access from one hub" in (
            page.content.decode()
        )
