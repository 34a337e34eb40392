"""The edit-round and delete-draft pages, and opening a round whose dates have passed."""

from datetime import date

from django.urls import reverse

from assessments.models import Round, RoundStatus
from tests.assessments.views.test_partnerships import (  # noqa: F401
    assert_form_error,
    dates,
    pytestmark,
    round_data,
    signed_in_manager,
    world,
)
from tests.factories import ResponseFactory, RoundFactory


def test_the_edit_page_shows_the_draft_and_saves_changes(signed_in_manager, world):
    url = reverse("round_edit", args=[world.draft.pk])
    body = signed_in_manager.get(url).content.decode()
    assert "<h1>Edit Draft</h1>" in body
    assert 'value="Draft"' in body
    assert f'value="{world.draft.closes_on.day}"' in body
    page = signed_in_manager.post(url, round_data(world, title="Autumn baseline"))
    assert page.url == reverse("round_detail", args=[world.draft.pk])
    world.draft.refresh_from_db()
    assert world.draft.title == "Autumn baseline"
    assert [f.pk for f in world.draft.frameworks.all()] == [world.framework.pk]


def test_edit_errors_keep_what_was_typed_and_change_nothing(signed_in_manager, world):
    url = reverse("round_edit", args=[world.draft.pk])
    page = signed_in_manager.post(
        url,
        round_data(
            world,
            title="Typed title",
            **dates("opens_on", date(2020, 1, 1)),
            **dates("closes_on", date(2020, 2, 1)),
        ),
    )
    assert_form_error(page, "The closing date must be today or in the future")
    assert 'value="Typed title"' in page.content.decode()
    assert Round.objects.get(pk=world.draft.pk).title == "Draft"


def test_only_drafts_have_an_edit_page(signed_in_manager, world):
    page = signed_in_manager.get(reverse("round_edit", args=[world.open.pk]))
    assert page.url == reverse("round_detail", args=[world.open.pk])
    page = signed_in_manager.post(reverse("round_edit", args=[world.open.pk]), round_data(world))
    assert Round.objects.get(pk=world.open.pk).title == "Open"


def test_the_round_page_offers_edit_and_delete_for_drafts_only(signed_in_manager, world):
    draft = signed_in_manager.get(reverse("round_detail", args=[world.draft.pk])).content.decode()
    assert reverse("round_edit", args=[world.draft.pk]) in draft
    assert reverse("round_delete", args=[world.draft.pk]) in draft
    opened = signed_in_manager.get(reverse("round_detail", args=[world.open.pk])).content.decode()
    assert reverse("round_edit", args=[world.open.pk]) not in opened
    assert "closes automatically" in opened


def test_deleting_a_draft_asks_first(signed_in_manager, world):
    url = reverse("round_delete", args=[world.draft.pk])
    body = signed_in_manager.get(url).content.decode()
    assert "<h1>Delete Draft?</h1>" in body and "You cannot undo this" in body
    page = signed_in_manager.post(url)
    assert page.url == reverse("partnership_detail", args=[world.partnership.pk])
    assert not Round.objects.filter(pk=world.draft.pk).exists()


def test_an_open_round_and_a_draft_with_answers_are_kept(signed_in_manager, world):
    url = reverse("round_delete", args=[world.open.pk])
    body = signed_in_manager.get(url).content.decode()
    assert "Open cannot be deleted" in body and "Delete round</button>" not in body
    page = signed_in_manager.post(url)
    assert "Only a draft round can be deleted" in page.content.decode()
    ResponseFactory(round=world.draft)
    page = signed_in_manager.post(reverse("round_delete", args=[world.draft.pk]))
    assert "This round holds answers" in page.content.decode()
    assert Round.objects.filter(pk__in=[world.open.pk, world.draft.pk]).count() == 2


def test_opening_a_round_whose_closing_date_has_passed_is_refused(signed_in_manager, world):
    old = RoundFactory(
        partnership=world.partnership,
        status=RoundStatus.DRAFT,
        title="Past round",
        opens_on=date(2020, 1, 1),
        closes_on=date(2020, 2, 1),
    )
    page = signed_in_manager.post(reverse("round_open", args=[old.pk]))
    assert "1 February 2020, has passed" in page.content.decode()
    assert Round.objects.get(pk=old.pk).status == RoundStatus.DRAFT
