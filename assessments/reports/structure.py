"""A framework's structure read once into plain, immutable objects for the pure folds."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from assessments.scoring import Band, ItemRule, Scale

if TYPE_CHECKING:  # for annotations only: this module stays in the pure core (ADR 0020)
    from frameworks.models import Framework


@dataclass(frozen=True)
class ItemSpec:
    id: int
    key: str
    statement: str
    rule: ItemRule
    scored: bool
    allows_not_applicable: bool


@dataclass(frozen=True)
class DimensionSpec:
    id: int
    key: str
    position: int
    title: str
    description: str
    guidance: str
    local_context: bool
    items: tuple[ItemSpec, ...]
    advice: dict[str, str] = field(default_factory=dict)  # band label -> suggested action

    @cached_property  # works on a frozen dataclass: it writes the instance's __dict__
    def scored_items(self) -> tuple[ItemSpec, ...]:
        return tuple(item for item in self.items if item.scored)


@dataclass(frozen=True)
class FrameworkSpec:
    id: int
    slug: str
    title: str
    version: int
    scale: Scale | None
    scale_labels: tuple[str, ...]
    bands: tuple[Band, ...]
    dimensions: tuple[DimensionSpec, ...]

    @cached_property
    def scored_dimensions(self) -> tuple[DimensionSpec, ...]:
        return tuple(d for d in self.dimensions if d.scored_items)


def framework_spec(framework: Framework) -> FrameworkSpec:
    """Read a framework version's dimensions, items, bands and advice (four queries)."""
    bands = list(framework.bands.all())
    band_label = {band.pk: band.label for band in bands}
    # The advice as plain values in the model's order within a dimension (by band), but
    # without the model's ordering by dimension, whose joins cost more than the rows.
    advice: dict[int, dict[str, str]] = {}
    for dimension_id, band_id, text in (
        framework.dimensions.filter(advice__isnull=False)
        .order_by("advice__band__lower_bound")
        .values_list("pk", "advice__band_id", "advice__text")
    ):
        advice.setdefault(dimension_id, {})[band_label[band_id]] = text
    dimensions = []
    for dimension in framework.dimensions.prefetch_related("items"):
        items = tuple(
            ItemSpec(
                id=item.pk,
                key=item.key,
                statement=item.statement,
                rule=ItemRule(
                    item_id=item.pk,
                    dimension_id=dimension.pk,
                    reverse_scored=item.reverse_scored,
                    weight=float(item.weight),
                ),
                scored=item.is_scored and framework.is_scored,
                allows_not_applicable=item.allows_not_applicable,
            )
            for item in dimension.items.all()
        )
        dimensions.append(
            DimensionSpec(
                id=dimension.pk,
                key=dimension.key,
                position=dimension.position,
                title=dimension.title,
                description=dimension.description,
                guidance=dimension.guidance,
                local_context=dimension.local_context,
                items=items,
                advice=advice.get(dimension.pk, {}),
            )
        )
    return FrameworkSpec(
        id=framework.pk,
        slug=framework.slug,
        title=framework.title,
        version=framework.version,
        scale=Scale(framework.scale_min, framework.scale_max) if framework.is_scored else None,
        scale_labels=tuple(framework.scale_labels),
        bands=tuple(Band(b.label, b.lower_bound, b.colour, b.meaning) for b in bands),
        dimensions=tuple(dimensions),
    )
