"""Lifecycle services: publish (validated), new draft version (a deep copy), retire; and a
version that responses use never changes, through the services or the models."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from frameworks import services
from frameworks.content_format import framework_to_data
from frameworks.models import (
    Dimension,
    DimensionAdvice,
    Framework,
    FrameworkFrozen,
    FrameworkKind,
    FrameworkStatus,
    Item,
    ScoreBand,
)
from frameworks.models import ScoreBand as Band
from tests.factories import (
    AnswerFactory,
    DimensionFactory,
    ItemFactory,
    ResponseFactory,
    ScoreBandFactory,
    UserFactory,
    build_framework,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(username="editor", is_staff=True, is_superuser=True)


def complete(framework: Framework) -> Framework:
    """Give every dimension advice for every band, so the version can be published."""
    for dimension in framework.dimensions.all():
        for band in framework.bands.all():
            DimensionAdvice.objects.get_or_create(
                dimension=dimension, band=band, defaults={"text": f"Do {band.label}."}
            )
    return framework


def draft(**fields) -> Framework:
    return complete(build_framework(status=FrameworkStatus.DRAFT, published_at=None, **fields))


def freeze(framework: Framework):
    """A response (with one answer) that uses the version."""
    item = Item.objects.filter(dimension__framework=framework).first()
    AnswerFactory(response=ResponseFactory(framework=framework), item=item, value=4)


# Publish ---------------------------------------------------------------------------------------


def test_a_complete_draft_is_published(editor):
    framework = draft()
    published = services.publish_version(framework=framework, actor=editor)
    framework.refresh_from_db()
    assert published.pk == framework.pk
    assert framework.status == FrameworkStatus.PUBLISHED
    assert framework.published_at is not None
    record = framework.history.first()
    assert record.history_user == editor and record.status == FrameworkStatus.PUBLISHED


def test_publishing_lists_every_problem_with_where_it_is(editor):
    framework = draft(sections=(2, 2, 1))
    first, second, third = framework.dimensions.order_by("position")
    second.items.all().delete()  # a dimension without items
    first.advice.filter(band__label="Strength").delete()  # advice missing for a band
    framework.bands.filter(label="Concern").update(lower_bound=10)  # no band from 0
    framework.scale_labels = framework.scale_labels[:4]  # 4 labels for a 1-5 scale
    framework.save()
    third_item = third.items.get()
    Item.objects.filter(pk=third_item.pk).update(statement=" ")

    with pytest.raises(ValidationError) as raised:
        services.publish_version(framework=framework, actor=editor)

    messages = raised.value.messages
    assert "Scale, labels: needs 5 labels (one per value 1–5), found 4" in messages
    assert "Score band 1 ‘Concern’, lower bound: must be 0 so that every score has a band" in (
        messages
    )
    assert "Dimension 1 ‘Section 1 title’, advice: needs advice for the band 'Strength'" in (
        messages
    )
    assert "Dimension 2 ‘Section 2 title’, items: must be a list of at least one item" in (messages)
    assert any(m.startswith("Dimension 3 ‘Section 3 title’, item 1 ") for m in messages)
    assert len(messages) == 5
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.DRAFT


def test_a_version_needs_bands_and_dimensions(editor):
    framework = draft()
    framework.dimensions.all().delete()
    framework.bands.all().delete()
    with pytest.raises(ValidationError) as raised:
        services.publish_version(framework=framework, actor=editor)
    assert raised.value.messages == [
        "Score bands: must be a list of at least one band",
        "Dimensions: must be a list of at least one dimension",
    ]


def test_stored_bands_have_no_gaps_or_duplicates():
    """Bands are read in order of their lower bounds, which the database keeps unique, so
    once the first starts at 0 every score from 0 to 100 falls in exactly one band."""

    names = {c.name for c in Band._meta.constraints}
    assert {"band_lower_bound_unique", "band_lower_bound_range"} <= names
    assert Band._meta.ordering == ["framework", "lower_bound"]


def test_a_dimension_of_free_text_items_needs_no_advice(editor):
    framework = draft(sections=(1, 1))
    second = framework.dimensions.get(position=2)
    second.advice.all().delete()
    second.items.update(response_type="text", allows_not_applicable=False)
    services.publish_version(framework=framework, actor=editor)
    assert Framework.objects.get(pk=framework.pk).status == FrameworkStatus.PUBLISHED


def test_a_reflection_framework_needs_no_scale_or_advice(editor):
    framework = build_framework(
        sections=(0, 0),
        text_items=(1, 2),
        kind=FrameworkKind.REFLECTION,
        scale_min=None,
        scale_max=None,
        scale_labels=[],
        status=FrameworkStatus.DRAFT,
        published_at=None,
    )
    services.publish_version(framework=framework, actor=editor)


def test_only_a_draft_can_be_published(editor):
    framework = complete(build_framework())
    with pytest.raises(ValidationError, match="only a draft can be published"):
        services.publish_version(framework=framework, actor=editor)


# New draft version -------------------------------------------------------------------------------


def test_a_new_draft_is_a_deep_copy_numbered_after_the_highest_version(editor):
    original = complete(build_framework(slug="teamwork", text_items=(2,)))
    item = Item.objects.filter(dimension__framework=original).first()
    item.weight = Decimal("2.50")
    item.reverse_scored = True
    item.help_text = "A hint."
    item.save()
    Dimension.objects.filter(framework=original, position=2).update(local_context=True)
    freeze(original)
    services.retire_version(framework=original, actor=editor)
    later = build_framework(slug="teamwork", version=3)
    services.retire_version(framework=later, actor=editor)

    copy = services.new_draft_version(framework=original, actor=editor)

    assert (copy.slug, copy.version, copy.status) == ("teamwork", 4, FrameworkStatus.DRAFT)
    assert copy.previous_version == original and copy.published_at is None
    expected = framework_to_data(original) | {"version": 4}
    assert framework_to_data(copy) == expected
    # New rows, not shared ones.
    assert not set(Item.objects.filter(dimension__framework=copy).values_list("pk", flat=True)) & (
        set(Item.objects.filter(dimension__framework=original).values_list("pk", flat=True))
    )
    advice = DimensionAdvice.objects.filter(dimension__framework=copy)
    assert advice.count() == 9
    assert set(advice.values_list("band__framework", flat=True)) == {copy.pk}
    # The copy is editable although the original is frozen.
    assert not copy.is_frozen
    copy.title = "Teamwork, revised"
    services.save_content(obj=copy, actor=editor)


def test_only_one_draft_at_a_time_and_never_from_a_draft(editor):
    original = complete(build_framework(slug="teamwork"))
    copy = services.new_draft_version(framework=original, actor=editor)
    with pytest.raises(ValidationError, match="Version 2 of this framework is a draft already"):
        services.new_draft_version(framework=original, actor=editor)
    with pytest.raises(ValidationError, match="is a draft already: edit it"):
        services.new_draft_version(framework=copy, actor=editor)


# Retire ----------------------------------------------------------------------------------------


def test_retiring_a_frozen_version_is_allowed_and_changes_nothing_else(editor):
    framework = complete(build_framework())
    freeze(framework)
    before = framework_to_data(framework)
    services.retire_version(framework=framework, actor=editor)
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.RETIRED
    assert framework.published_at is not None
    assert framework_to_data(framework) == before
    with pytest.raises(ValidationError, match="only a published version can be retired"):
        services.retire_version(framework=framework, actor=editor)


# Frozen versions ---------------------------------------------------------------------------------


@pytest.fixture
def frozen():
    framework = complete(build_framework())
    freeze(framework)
    return framework


def _parts(framework):
    dimension = framework.dimensions.first()
    return {
        "framework": framework,
        "dimension": dimension,
        "item": dimension.items.first(),
        "band": framework.bands.first(),
        "advice": dimension.advice.first(),
    }


@pytest.mark.parametrize("part", ["framework", "dimension", "item", "band", "advice"])
def test_services_refuse_to_change_or_delete_a_frozen_version(editor, frozen, part):
    obj = _parts(frozen)[part]
    before = framework_to_data(frozen)
    with pytest.raises(FrameworkFrozen):
        services.save_content(obj=obj, actor=editor)
    with pytest.raises(FrameworkFrozen):
        services.delete_content(obj=obj, actor=editor)
    assert framework_to_data(frozen) == before


@pytest.mark.parametrize(
    ("part", "change"),
    [
        ("framework", lambda f: setattr(f, "title", "Changed")),
        ("framework", lambda f: setattr(f, "scale_labels", ["a", "b", "c", "d", "e"])),
        ("dimension", lambda d: setattr(d, "title", "Changed")),
        ("item", lambda i: setattr(i, "statement", "Changed")),
        ("item", lambda i: setattr(i, "weight", Decimal("3"))),
        ("band", lambda b: setattr(b, "lower_bound", 5)),
        ("advice", lambda a: setattr(a, "text", "Changed")),
    ],
)
def test_the_models_refuse_to_save_a_change_to_a_frozen_version(frozen, part, change):
    obj = _parts(Framework.objects.get(pk=frozen.pk))[part]
    before = framework_to_data(frozen)
    change(obj)
    with pytest.raises(FrameworkFrozen):
        obj.save()
    assert framework_to_data(Framework.objects.get(pk=frozen.pk)) == before


@pytest.mark.parametrize("part", ["dimension", "band", "advice"])
def test_the_models_refuse_to_delete_part_of_a_frozen_version(frozen, part):
    before = framework_to_data(frozen)
    with pytest.raises(FrameworkFrozen):
        _parts(frozen)[part].delete()
    assert framework_to_data(frozen) == before


def test_an_unanswered_item_of_a_frozen_version_cannot_be_deleted():
    framework = complete(build_framework())
    item = ItemFactory(dimension=framework.dimensions.last(), position=9, key="unanswered")
    freeze(framework)  # answers the first item only
    with pytest.raises(FrameworkFrozen):
        item.delete()
    with pytest.raises(FrameworkFrozen), transaction.atomic():
        Item.objects.filter(pk=item.pk).delete()
    assert Item.objects.filter(pk=item.pk).exists()


def test_a_frozen_version_cannot_be_deleted(frozen):
    with pytest.raises(FrameworkFrozen):
        frozen.delete()
    assert Framework.objects.filter(pk=frozen.pk).exists()


def test_nothing_can_be_added_to_a_frozen_version(frozen):
    with pytest.raises(FrameworkFrozen):
        DimensionFactory(framework=frozen, position=9, key="new")
    with pytest.raises(FrameworkFrozen):
        ItemFactory(dimension=frozen.dimensions.first(), position=9, key="new")
    with pytest.raises(FrameworkFrozen):
        ScoreBandFactory(framework=frozen, label="Excellent", lower_bound=90)


def test_deleting_a_draft_deletes_its_parts_but_a_frozen_part_stops_a_cascade(frozen):
    framework = draft()
    framework.delete()
    assert not Dimension.objects.filter(framework_id=framework.pk).exists()
    # A cascade reaching a frozen version (here through its band) is refused as a whole.
    advice = DimensionAdvice.objects.filter(dimension__framework=frozen).first()
    with pytest.raises(FrameworkFrozen), transaction.atomic():
        ScoreBand.objects.filter(pk=advice.band_id).delete()
    assert DimensionAdvice.objects.filter(pk=advice.pk).exists()


def test_a_part_cannot_be_moved_out_of_a_frozen_version(frozen):
    other = draft()
    item = Item.objects.filter(dimension__framework=frozen).first()
    item.dimension = other.dimensions.first()
    item.position = 99
    with pytest.raises(FrameworkFrozen):
        item.save()


def test_a_frozen_version_cannot_go_back_to_draft(frozen):
    frozen.status = FrameworkStatus.DRAFT
    frozen.published_at = None
    with pytest.raises(FrameworkFrozen):
        frozen.save()


def test_frozen_is_an_http_403():
    assert issubclass(FrameworkFrozen, PermissionDenied)


# Editing a draft -------------------------------------------------------------------------------


def test_rows_can_swap_positions_in_one_save(editor):
    framework = draft(sections=(1, 1, 1))
    first, second, third = framework.dimensions.order_by("position")
    first.position, third.position = 3, 1
    services.save_parts(framework=framework, saved=[first, third], deleted=[], actor=editor)
    assert list(framework.dimensions.order_by("position").values_list("pk", flat=True)) == [
        third.pk,
        second.pk,
        first.pk,
    ]


def test_save_parts_refuses_rows_of_another_version(editor):
    framework, other = draft(), draft()
    dimension = other.dimensions.first()
    dimension.title = "Sneaky"
    with pytest.raises(ValidationError, match="does not belong"):
        services.save_parts(framework=framework, saved=[dimension], deleted=[], actor=editor)


def test_save_parts_refuses_a_frozen_version(editor, frozen):
    dimension = frozen.dimensions.first()
    dimension.title = "Changed"
    with pytest.raises(FrameworkFrozen):
        services.save_parts(framework=frozen, saved=[dimension], deleted=[], actor=editor)


def test_changes_are_recorded_with_who_made_them(editor):
    framework = draft()
    item = Item.objects.filter(dimension__framework=framework).first()
    item.statement = "Reworded"
    services.save_content(obj=item, actor=editor)
    record = item.history.first()
    assert (record.history_type, record.statement, record.history_user) == (
        "~",
        "Reworded",
        editor,
    )
    band = ScoreBand.objects.filter(framework=framework).last()
    band_pk = band.pk
    services.delete_content(obj=band, actor=editor)
    deleted = ScoreBand.history.filter(id=band_pk).first()
    assert (deleted.history_type, deleted.history_user) == ("-", editor)


# A newer version retires the previous one for new rounds (issue 17) -----------------------


def test_publishing_a_new_version_retires_the_previous_one_and_its_rounds_keep_it(editor):
    first = complete(build_framework(slug="values", version=1))
    freeze(first)  # a round's response uses version 1
    second = services.new_draft_version(framework=first, actor=editor)
    services.publish_version(framework=second, actor=editor)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (FrameworkStatus.RETIRED, FrameworkStatus.PUBLISHED)
    assert list(Framework.objects.latest_published().filter(slug="values")) == [second]
    # The round that used version 1 still reads version 1.
    assert first.responses.get().framework_id == first.pk
    assert first.history.first().history_user == editor


def test_publishing_leaves_other_frameworks_published(editor):
    other = build_framework(slug="other", version=1)
    services.publish_version(framework=draft(slug="values", version=1), actor=editor)
    other.refresh_from_db()
    assert other.status == FrameworkStatus.PUBLISHED


def test_an_older_draft_cannot_retire_a_newer_published_version(editor):
    build_framework(slug="values", version=2)
    older = draft(slug="values", version=1)
    with pytest.raises(ValidationError, match="Version 2 is published already"):
        services.publish_version(framework=older, actor=editor)
    older.refresh_from_db()
    assert older.status == FrameworkStatus.DRAFT
