"""Reads of the framework library."""

from __future__ import annotations

from django.db.models import Prefetch

from frameworks.models import Dimension, Framework, Item


def framework_sections(framework: Framework) -> list[Dimension]:
    """The version's dimensions in order, each with its items in order (two queries)."""
    return list(
        framework.dimensions.order_by("position").prefetch_related(
            Prefetch("items", queryset=Item.objects.order_by("position"))
        )
    )
