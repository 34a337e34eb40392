"""The framework admin: usable pages, edits in place, lifecycle buttons and actions, import and
export, history; and a frozen version cannot be changed or deleted through any admin page."""

import io
from pathlib import Path

import pytest
from django.urls import reverse

from frameworks.content_format import framework_to_data
from frameworks.models import (
    Dimension,
    DimensionAdvice,
    Framework,
    FrameworkStatus,
    Item,
)
from tests.factories import (
    AnswerFactory,
    ResponseFactory,
    build_framework,
)

pytestmark = pytest.mark.django_db

CONTENT = Path(__file__).resolve().parents[2] / "frameworks" / "content"


def complete(framework):
    for dimension in framework.dimensions.all():
        for band in framework.bands.all():
            DimensionAdvice.objects.get_or_create(
                dimension=dimension, band=band, defaults={"text": f"Do {band.label}."}
            )
    return framework


@pytest.fixture
def draft():
    return complete(
        build_framework(slug="teamwork", version=2, status=FrameworkStatus.DRAFT, published_at=None)
    )


@pytest.fixture
def frozen():
    framework = complete(build_framework(slug="teamwork", version=1, title="Working together"))
    item = Item.objects.filter(dimension__framework=framework).first()
    AnswerFactory(response=ResponseFactory(framework=framework), item=item, value=4)
    return framework


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


def url(name, *args):
    return reverse(f"admin:frameworks_{name}", args=args)


def form_data(response) -> dict:
    """What the browser would post back from an admin change page, unchanged: the main form
    and every inline formset, with their current values."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, bool) or getattr(field.widget, "input_type", "") == "checkbox":
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = field.prepare_value(value) if hasattr(field, "prepare_value") else ""
            elif value is not None:
                data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[formset.management_form.add_prefix(name)] = str(value)
        data[formset.management_form.add_prefix("TOTAL_FORMS")] = str(len(formset.forms))
        for form in formset.forms:
            if form.instance.pk is not None:
                add(form)
    return data


# Lists ---------------------------------------------------------------------------------------


def test_the_list_shows_status_version_and_use(staff, draft, frozen):
    body = staff.get(url("framework_changelist")).content.decode()
    assert "in use by 1 response" in body and "not in use" in body
    assert 'fw-tag--draft">Draft' in body and 'fw-tag--published">Published' in body
    assert "Import YAML" in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=draft", {"draft"}),
        ("status__exact=published", {"frozen"}),
        ("kind__exact=rated", {"draft", "frozen"}),
        ("kind__exact=reflection", set()),
        ("q=Statement+2.1", {"draft", "frozen"}),
        ("q=working+together", {"frozen"}),
    ],
)
def test_the_list_filters_and_searches(staff, draft, frozen, query, expected):
    response = staff.get(url("framework_changelist") + "?" + query)
    shown = {f.pk for f in response.context["cl"].result_list}
    assert shown == {{"draft": draft, "frozen": frozen}[name].pk for name in expected}


# The version page ----------------------------------------------------------------------------


def test_a_draft_page_has_its_parts_in_place_and_the_publish_checklist(staff, draft):
    draft.dimensions.get(position=2).items.all().delete()
    response = staff.get(url("framework_change", draft.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "This is a draft" in body and "Publish version 2" in body
    second = draft.dimensions.get(position=2)
    assert (
        f'<a href="{url("dimension_change", second.pk)}">Dimension 2 ‘Section 2 title’, items: '
        "must be a list of at least one item</a>" in body
    )
    assert 'name="dimensions-0-title"' in body and 'name="bands-0-label"' in body
    dimension = draft.dimensions.get(position=1)
    assert url("dimension_change", dimension.pk) in body
    assert "2 items · advice 3/3" in body
    assert reverse("framework_preview", args=[draft.pk]) in body
    assert url("framework_export", draft.pk) in body
    assert url("framework_content_history", draft.pk) in body


def test_a_frozen_page_is_read_only_and_says_why(staff, frozen):
    response = staff.get(url("framework_change", frozen.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        "This version is used by 1 response, so it cannot change; make a new draft version "
        "to edit." in body
    )
    assert "Make a new draft version to edit" in body
    assert url("framework_new_draft", frozen.pk) in body
    assert 'name="title"' not in body and 'name="dimensions-0-title"' not in body
    assert 'name="_save"' not in body
    assert "Section 1 title" in body  # shown, read-only


def test_a_frozen_page_links_to_an_existing_draft_instead(staff, frozen, draft):
    body = staff.get(url("framework_change", frozen.pk)).content.decode()
    assert "Edit the draft, version 2" in body
    assert url("framework_new_draft", frozen.pk) not in body


def test_a_draft_is_edited_in_place(staff, draft):
    response = staff.get(url("framework_change", draft.pk))
    data = form_data(response)
    data["title"] = "Teamwork, revised"
    data["dimensions-0-title"] = "Renamed section"
    data["bands-1-label"] = "Emerging"
    response = staff.post(url("framework_change", draft.pk), data)
    assert response.status_code == 302, response.context["errors"]
    draft.refresh_from_db()
    assert draft.title == "Teamwork, revised"
    assert draft.dimensions.get(position=1).title == "Renamed section"
    assert draft.bands.filter(label="Emerging").exists()
    assert draft.history.first().history_user.username == "site-admin"


def test_dimensions_can_swap_places_and_new_ones_go_last(staff, draft):
    first, second, third = draft.dimensions.order_by("position")
    data = form_data(staff.get(url("framework_change", draft.pk)))
    data["dimensions-0-position"], data["dimensions-2-position"] = "3", "1"
    data["dimensions-TOTAL_FORMS"] = "4"
    data.update({"dimensions-3-key": "new-section", "dimensions-3-title": "New section"})
    response = staff.post(url("framework_change", draft.pk), data)
    assert response.status_code == 302, response.context["errors"]
    assert list(draft.dimensions.order_by("position").values_list("title", flat=True)) == [
        third.title,
        second.title,
        first.title,
        "New section",
    ]


def test_two_dimensions_with_one_position_are_refused(staff, draft):
    data = form_data(staff.get(url("framework_change", draft.pk)))
    data["dimensions-1-position"] = "1"
    response = staff.post(url("framework_change", draft.pk), data)
    assert response.status_code == 200
    assert "Two rows have position 1" in response.content.decode()
    assert list(draft.dimensions.values_list("position", flat=True)) == [1, 2, 3]


def test_scale_labels_are_one_per_line_and_must_match_the_scale(staff, draft):
    data = form_data(staff.get(url("framework_change", draft.pk)))
    assert data["scale_labels"].splitlines()[0] == "Strongly disagree"
    data["scale_labels"] = "Low\nHigh"
    response = staff.post(url("framework_change", draft.pk), data)
    assert "Give 5 labels, one for each value from 1 to 5 (there are 2)" in (
        response.content.decode()
    )
    data["scale_max"] = "2"
    assert staff.post(url("framework_change", draft.pk), data).status_code == 302
    draft.refresh_from_db()
    assert (draft.scale_max, draft.scale_labels) == (2, ["Low", "High"])


def test_a_dimension_page_has_its_items_and_a_row_per_band_for_advice(staff, draft):
    dimension = draft.dimensions.get(position=1)
    dimension.advice.filter(band__label="Strength").delete()
    response = staff.get(url("dimension_change", dimension.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="items-0-statement"' in body and 'name="items-1-statement"' in body
    advice = next(
        i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "advice"
    )
    assert len(advice.forms) == 3  # two given, one empty row for Strength
    assert advice.forms[2].initial["band"] == draft.bands.get(label="Strength").pk
    assert "Next dimension: Section 2 title" in body

    data = form_data(response)
    data["items-0-statement"] = "Reworded statement"
    data["items-0-position"], data["items-1-position"] = "2", "1"
    data["advice-TOTAL_FORMS"] = "3"
    data["advice-2-band"] = str(draft.bands.get(label="Strength").pk)
    data["advice-2-text"] = "Keep it up."
    response = staff.post(url("dimension_change", dimension.pk), data)
    assert response.status_code == 302, response.context["errors"]
    assert list(dimension.items.order_by("position").values_list("statement", flat=True)) == [
        "Statement 1.2",
        "Reworded statement",
    ]
    assert dimension.advice.get(band__label="Strength").text == "Keep it up."


# Frozen: nothing changes through the admin ---------------------------------------------------


def _frozen_pages(frozen):
    dimension = frozen.dimensions.first()
    return {
        "framework": frozen,
        "dimension": dimension,
        "item": dimension.items.first(),
        "scoreband": frozen.bands.first(),
        "dimensionadvice": dimension.advice.first(),
    }


@pytest.mark.parametrize(
    "model", ["framework", "dimension", "item", "scoreband", "dimensionadvice"]
)
def test_frozen_content_cannot_be_changed_or_deleted_through_the_admin(staff, frozen, model):
    obj = _frozen_pages(frozen)[model]
    before = framework_to_data(frozen)
    page = staff.get(url(f"{model}_change", obj.pk))
    assert page.status_code == 200  # viewable
    assert 'name="_save"' not in page.content.decode()
    data = {
        "title": "Changed",
        "statement": "Changed",
        "label": "Changed",
        "text": "Changed",
        "position": "1",
        "key": "changed",
        "lower_bound": "0",
        "colour": "red",
        "kind": "rated",
        "summary": "Changed",
        "source": "Changed",
        "_save": "Save",
    }
    assert staff.post(url(f"{model}_change", obj.pk), data).status_code == 403
    assert staff.post(url(f"{model}_delete", obj.pk), {"post": "yes"}).status_code == 403
    changelist = url(f"{model}_changelist")
    staff.post(
        changelist, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    )
    assert type(obj).objects.filter(pk=obj.pk).exists()
    assert framework_to_data(Framework.objects.get(pk=frozen.pk)) == before


def test_frozen_content_cannot_be_reverted_from_its_history(staff, frozen):
    item = frozen.dimensions.first().items.first()
    record = item.history.first()
    page = staff.get(url("item_history", item.pk))
    assert page.status_code == 200
    response = staff.post(
        reverse("admin:frameworks_item_simple_history", args=[item.pk, record.history_id]),
        {
            "statement": "Reverted",
            "position": "1",
            "key": item.key,
            "weight": "1",
            "response_type": "scale",
            "allows_not_applicable": "on",
        },
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.statement != "Reverted"


def test_nothing_can_be_added_to_a_frozen_version_through_the_admin(staff, frozen, draft):
    response = staff.get(url("dimension_add"))
    choices = response.context["adminform"].form.fields["framework"].queryset
    assert draft in choices and frozen not in choices
    response = staff.post(
        url("dimension_add"),
        {"framework": frozen.pk, "position": 9, "key": "sneaky", "title": "Sneaky"},
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not Dimension.objects.filter(key="sneaky").exists()


# Lifecycle buttons and actions ---------------------------------------------------------------


CONFIRMED = {"confirm": "yes"}


def test_publish_button(staff, draft):
    Item.objects.filter(dimension__framework=draft, dimension__position=3).delete()
    response = staff.post(url("framework_publish", draft.pk), CONFIRMED, follow=True)
    assert "cannot be published yet: fix the 1 problem listed" in response.content.decode()
    assert Framework.objects.get(pk=draft.pk).status == FrameworkStatus.DRAFT
    Dimension.objects.filter(framework=draft, position=3).delete()
    response = staff.post(url("framework_publish", draft.pk), CONFIRMED, follow=True)
    assert "Published version 2" in response.content.decode()
    assert Framework.objects.get(pk=draft.pk).status == FrameworkStatus.PUBLISHED
    assert staff.delete(url("framework_publish", draft.pk)).status_code == 405


def _upload(text, name="framework.yaml"):
    upload = io.BytesIO(text.encode())
    upload.name = name
    return upload
