"""Correlated subqueries the selectors share."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def correlated_count(queryset: QuerySet, outer_field: str = "partner") -> Coalesce:
    """A correlated COUNT(*) of ``queryset`` rows whose ``outer_field`` is the outer row's
    primary key; 0 when there are none."""
    counted = (
        queryset.filter(**{outer_field: OuterRef("pk")})
        .order_by()
        .values(outer_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
