"""A framework's structure read once into plain, immutable objects for the pure folds.

``answered_spec`` keeps a frozen version's structure in Django's default cache (ADR 0043).
Why a frozen version's structure can be kept: a framework version that any response uses is
frozen. ``frameworks.guards`` refuses every save or delete of it (bar its lifecycle fields:
status, published_at, updated_at) and of its dimensions, items, score bands and advice, and a
response is never deleted (``Response.round`` and ``Response.framework`` are PROTECT, and no
service deletes one). So once a version has a response its ``FrameworkSpec`` never changes.
The caller says whether responses use the version: a closed round's stored result with at
least one respondent is such proof. Any other version (a draft being edited, a version nobody
has answered yet) is read afresh every time, because an admin may be changing it in another
process. The cache key names the version's id, slug, number and creation time, so a test
database that hands a deleted row's id to a new framework never meets an older structure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from django.core.cache import cache

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


# Entries live as long as the cache keeps them (a frozen structure never goes stale): 30 days
# bounds a file-based cache's disk use (CACHE_DIR) for versions no longer read.
TIMEOUT_S = 30 * 24 * 60 * 60


def spec_cache_key(framework: Framework) -> str:
    """The default cache's key for ``framework``'s structure."""
    created = framework.created_at.isoformat() if framework.created_at else "unsaved"
    return f"framework-spec:{framework.pk}:{framework.slug}:{framework.version}:{created}"


def answered_spec(framework: Framework, *, respondents: int) -> FrameworkSpec:
    """``framework``'s structure. ``respondents``: how many submitted responses the caller
    knows use this version (a closed round's stored count, 0 if unknown). With at least one the
    version is frozen and its structure comes from the default cache (read with
    ``structure.framework_spec``, four queries, on a miss); with none it is read afresh."""
    if respondents < 1:
        return framework_spec(framework)
    key = spec_cache_key(framework)
    spec = cache.get(key)
    if spec is None:
        spec = framework_spec(framework)
        cache.set(key, spec, TIMEOUT_S)
    return spec
