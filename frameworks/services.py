"""Every write to the framework library."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from frameworks.content_format import framework_to_data
from frameworks.models import (
    Dimension,
    DimensionAdvice,
    Framework,
    FrameworkStatus,
    Item,
    ScoreBand,
)


class FrameworkFrozen(Exception):
    """Raised on an attempt to change a version that responses already use."""

    def __init__(self, framework: Framework):
        super().__init__(
            f"{framework} is used by responses, so it cannot change. "
            "Make a new draft version instead."
        )
        self.framework = framework


class LoadOutcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FROZEN_DIFFERS = "left alone: frozen, and the file differs (make a new version)"


@dataclass(frozen=True)
class LoadResult:
    framework: Framework
    outcome: LoadOutcome


@transaction.atomic
def load_framework(
    *, data: dict, actor=None, status: str = FrameworkStatus.PUBLISHED
) -> LoadResult:
    """Create or refresh one framework version from validated content data.

    A version that responses use is never altered; an unused version whose content differs
    is rebuilt from the data; identical content is left untouched, so loading is idempotent.
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
        _replace_content(existing, data)
        return LoadResult(existing, LoadOutcome.UPDATED)

    framework = Framework(slug=data["slug"], version=data["version"], status=status)
    if status != FrameworkStatus.DRAFT:
        framework.published_at = timezone.now()
    framework.previous_version = (
        Framework.objects.filter(slug=data["slug"], version__lt=data["version"])
        .order_by("-version")
        .first()
    )
    _replace_content(framework, data)
    return LoadResult(framework, LoadOutcome.CREATED)


def _replace_content(framework: Framework, data: dict) -> None:
    scale = data["scale"] or {}
    framework.title = data["title"]
    framework.summary = data["summary"]
    framework.kind = data["kind"]
    framework.source = data["source"]
    framework.scale_min = scale.get("min")
    framework.scale_max = scale.get("max")
    framework.scale_labels = scale.get("labels", [])
    framework.scale_question = scale.get("question", "")
    framework.save()
    framework.dimensions.all().delete()
    framework.bands.all().delete()

    bands = ScoreBand.objects.bulk_create(
        ScoreBand(
            framework=framework,
            label=band["label"],
            lower_bound=band["lower"],
            colour=band["colour"],
            meaning=band["meaning"],
        )
        for band in data["bands"]
    )
    band_by_label = {band.label: band for band in bands}
    for d_position, d in enumerate(data["dimensions"], start=1):
        dimension = Dimension.objects.create(
            framework=framework,
            key=d["key"],
            position=d_position,
            title=d["title"],
            description=d["description"],
            source=d["source"],
            guidance=d["guidance"],
            local_context=d["local_context"],
        )
        Item.objects.bulk_create(
            Item(
                dimension=dimension,
                key=i["key"],
                position=i_position,
                statement=i["statement"],
                help_text=i["help"],
                response_type=i["response"],
                reverse_scored=i["reverse_scored"],
                weight=i["weight"],
                allows_not_applicable=i["allows_not_applicable"],
            )
            for i_position, i in enumerate(d["items"], start=1)
        )
        DimensionAdvice.objects.bulk_create(
            DimensionAdvice(dimension=dimension, band=band_by_label[label], text=text)
            for label, text in d["advice"].items()
        )


def assert_editable(framework: Framework) -> None:
    if framework.is_frozen:
        raise FrameworkFrozen(framework)
