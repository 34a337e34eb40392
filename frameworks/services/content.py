"""Writing whole frameworks from content data: the loader, YAML import and deep copies."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from frameworks.content_diff import VersionDiff, compare
from frameworks.content_format import framework_to_data
from frameworks.models import (
    Dimension,
    DimensionAdvice,
    Framework,
    FrameworkFrozen,
    FrameworkStatus,
    Item,
    ScoreBand,
)


class LoadOutcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FROZEN_DIFFERS = "left alone: frozen, and the file differs (make a new version)"


@dataclass(frozen=True)
class LoadResult:
    framework: Framework
    outcome: LoadOutcome
    # For a new version that follows an older one: what changed since that version.
    changes: VersionDiff | None = None


@transaction.atomic
def load_framework(
    *, data: dict, actor=None, status: str = FrameworkStatus.PUBLISHED
) -> LoadResult:
    """Create or refresh one framework version from validated content data.

    A version that responses use is never altered; an unused version whose content differs
    is rebuilt from the data; identical content is left untouched, so loading is idempotent.
    A new version of an existing framework (version 2 beside a frozen version 1, say) is
    created beside it, with ``previous_version`` set and ``changes`` saying what differs.
    """
    existing = (
        Framework.objects.select_for_update()
        .filter(slug=data["slug"], version=data["version"])
        .first()
    )
    if existing is not None:
        if framework_to_data(existing) == data:
            return LoadResult(existing, LoadOutcome.UNCHANGED)
        if existing.is_frozen:
            return LoadResult(existing, LoadOutcome.FROZEN_DIFFERS)
        replace_content(existing, data, actor=actor)
        return LoadResult(existing, LoadOutcome.UPDATED)

    framework = Framework(slug=data["slug"], version=data["version"], status=status)
    if status != FrameworkStatus.DRAFT:
        framework.published_at = timezone.now()
    framework.previous_version = (
        Framework.objects.filter(slug=data["slug"], version__lt=data["version"])
        .order_by("-version")
        .first()
    )
    changes = None
    if framework.previous_version is not None:
        changes = compare(framework_to_data(framework.previous_version), data)
    replace_content(framework, data, actor=actor)
    return LoadResult(framework, LoadOutcome.CREATED, changes)


@transaction.atomic
def import_version(*, data: dict, actor) -> Framework:
    """A new draft from validated content data (a YAML file). If the slug exists the draft
    becomes its next version, whatever version the file names; otherwise it keeps the file's."""
    latest = (
        Framework.objects.select_for_update().filter(slug=data["slug"]).order_by("-version").first()
    )
    framework = Framework(
        slug=data["slug"],
        version=latest.version + 1 if latest else data["version"],
        status=FrameworkStatus.DRAFT,
        previous_version=latest,
    )
    replace_content(framework, data, actor=actor)
    return framework


def replace_content(framework: Framework, data: dict, *, actor=None) -> None:
    """Make a new or editable version hold exactly ``data``: its fields, bands, dimensions,
    items and advice. Callers hold the version (or created it) in their transaction; the
    rows are bulk-written with their history, so the check for a frozen version is made
    here, once."""
    if framework.pk is not None and framework.is_frozen:
        raise FrameworkFrozen(framework)
    scale = data["scale"] or {}
    framework.title = data["title"]
    framework.summary = data["summary"]
    framework.kind = data["kind"]
    framework.source = data["source"]
    framework.scale_min = scale.get("min")
    framework.scale_max = scale.get("max")
    framework.scale_labels = list(scale.get("labels", []))
    framework.scale_question = scale.get("question", "")
    _as(framework, actor).save()
    for old in [*framework.dimensions.all(), *framework.bands.all()]:
        _as(old, actor).delete()

    bands = _create(
        ScoreBand,
        actor,
        [
            ScoreBand(
                framework=framework,
                label=band["label"],
                lower_bound=band["lower"],
                colour=band["colour"],
                meaning=band["meaning"],
            )
            for band in data["bands"]
        ],
    )
    band_by_label = {band.label: band for band in bands}
    dimensions = _create(
        Dimension,
        actor,
        [
            Dimension(
                framework=framework,
                key=d["key"],
                position=position,
                title=d["title"],
                description=d["description"],
                source=d["source"],
                guidance=d["guidance"],
                local_context=d["local_context"],
            )
            for position, d in enumerate(data["dimensions"], start=1)
        ],
    )
    items, advice = [], []
    for dimension, d in zip(dimensions, data["dimensions"], strict=True):
        items += [
            Item(
                dimension=dimension,
                key=i["key"],
                position=position,
                statement=i["statement"],
                help_text=i["help"],
                response_type=i["response"],
                reverse_scored=i["reverse_scored"],
                weight=i["weight"],
                allows_not_applicable=i["allows_not_applicable"],
            )
            for position, i in enumerate(d["items"], start=1)
        ]
        advice += [
            DimensionAdvice(dimension=dimension, band=band_by_label[label], text=text)
            for label, text in d["advice"].items()
        ]
    _create(Item, actor, items)
    _create(DimensionAdvice, actor, advice)


def _as(obj, actor):
    """Name the person in the change history (else the request's user, if any)."""
    if actor is not None:
        obj._history_user = actor
    return obj


def _create(model, actor, objs: list) -> list:
    """Insert rows in one statement, with a 'created' history record each."""
    return bulk_create_with_history(objs, model, default_user=actor)
