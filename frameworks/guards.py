"""The last line of defence for frozen versions: no save or delete of a version that responses
use, nor of its dimensions, items, bands or advice, whatever path the code takes.

Services and the admin check first and explain; these signal receivers catch anything else
that goes through ``save()`` or ``delete()`` (cascades included). ``QuerySet.update()`` and
``bulk_create()`` send no signals: only the loader uses bulk writes, and on drafts alone.
"""

from __future__ import annotations

from django.db.models.signals import pre_delete, pre_save

from frameworks.models import (
    Dimension,
    DimensionAdvice,
    Framework,
    FrameworkFrozen,
    FrameworkStatus,
    Item,
    ScoreBand,
    delete_requested,
)

# What a frozen version may still change: its place in the lifecycle (publish, retire).
LIFECYCLE_FIELDS = {"status", "published_at", "updated_at"}

# How to reach the framework from each kind of content row.
FRAMEWORK_PATHS: dict[type, tuple[str, ...]] = {
    Dimension: ("framework_id",),
    Item: ("dimension__framework_id",),
    ScoreBand: ("framework_id",),
    DimensionAdvice: ("dimension__framework_id", "band__framework_id"),
}


def frozen_framework(framework_ids) -> Framework | None:
    """The first of these versions that a response uses, if any."""
    ids = {pk for pk in framework_ids if pk is not None}
    if not ids:
        return None
    return Framework.objects.filter(pk__in=ids, responses__isnull=False).first()


def _stored_framework_ids(model, pk) -> set[int]:
    ids = set()
    for path in FRAMEWORK_PATHS[model]:
        ids.update(model._base_manager.filter(pk=pk).values_list(path, flat=True))
    return ids


def _new_framework_ids(instance) -> set[int]:
    """The framework(s) the unsaved state of a content row points at."""
    if isinstance(instance, Dimension | ScoreBand):
        return {instance.framework_id}
    ids = set()
    if isinstance(instance, Item | DimensionAdvice):
        ids.update(
            Dimension._base_manager.filter(pk=instance.dimension_id).values_list(
                "framework_id", flat=True
            )
        )
    if isinstance(instance, DimensionAdvice):
        ids.update(
            ScoreBand._base_manager.filter(pk=instance.band_id).values_list(
                "framework_id", flat=True
            )
        )
    return ids


def touched_framework_ids(instance) -> set[int]:
    """Every version a save of this row would change: the one it points at and, for a row
    already stored, the one it pointed at before."""
    if isinstance(instance, Framework):
        return {instance.pk} if instance.pk is not None else set()
    ids = _new_framework_ids(instance)
    if instance.pk is not None:
        ids |= _stored_framework_ids(type(instance), instance.pk)
    return ids


def _content_fields(model) -> list[str]:
    return [
        f.attname
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in LIFECYCLE_FIELDS and f.name != "created_at"
    ]


def guard_framework_save(sender, instance: Framework, raw=False, **kwargs):
    if raw or instance.pk is None or not instance.is_frozen:
        return
    fields = _content_fields(Framework)
    stored = Framework._base_manager.filter(pk=instance.pk).values(*fields, "status").first()
    if stored is None:
        return
    changed = [name for name in fields if stored[name] != getattr(instance, name)]
    if changed or (
        instance.status == FrameworkStatus.DRAFT and stored["status"] != FrameworkStatus.DRAFT
    ):
        raise FrameworkFrozen(instance)


def guard_content_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if framework := frozen_framework(touched_framework_ids(instance)):
        raise FrameworkFrozen(framework)


def check_delete(instance) -> None:
    """Raise FrameworkFrozen if deleting this row would change a frozen version."""
    if isinstance(instance, Framework):
        if instance.is_frozen:
            raise FrameworkFrozen(instance)
    elif framework := frozen_framework(_stored_framework_ids(type(instance), instance.pk)):
        raise FrameworkFrozen(framework)


def guard_framework_delete(sender, instance: Framework, **kwargs):
    check_delete(instance)


def guard_content_delete(sender, instance, **kwargs):
    check_delete(instance)


def guard_delete_requested(sender, instance, **kwargs):
    check_delete(instance)


def connect() -> None:
    delete_requested.connect(guard_delete_requested, dispatch_uid="frozen-delete-requested")
    pre_save.connect(guard_framework_save, sender=Framework, dispatch_uid="frozen-framework-save")
    pre_delete.connect(
        guard_framework_delete, sender=Framework, dispatch_uid="frozen-framework-delete"
    )
    for model in FRAMEWORK_PATHS:
        pre_save.connect(
            guard_content_save, sender=model, dispatch_uid=f"frozen-{model.__name__}-save"
        )
        pre_delete.connect(
            guard_content_delete, sender=model, dispatch_uid=f"frozen-{model.__name__}-delete"
        )
