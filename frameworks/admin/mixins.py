"""Frozen versions are read-only in the admin, and every admin write goes through the
services (frameworks/services), which refuse to change a frozen version themselves."""

from __future__ import annotations

from django.db.models import Count

from frameworks import services
from frameworks.models import Dimension, DimensionAdvice, Framework, Item, ScoreBand


def framework_of(obj) -> Framework | None:
    if obj is None:
        return None
    if isinstance(obj, Framework):
        return obj
    if isinstance(obj, Dimension | ScoreBand):
        return obj.framework if obj.framework_id is not None else None
    if isinstance(obj, Item | DimensionAdvice):
        return obj.dimension.framework if obj.dimension_id is not None else None
    raise TypeError(f"not framework content: {obj!r}")


def response_count(request, framework: Framework | None) -> int:
    """Responses using the version, counted once per request."""
    if framework is None or framework.pk is None:
        return 0
    cache = request.__dict__.setdefault("_framework_response_counts", {})
    if framework.pk not in cache:
        cache[framework.pk] = framework.responses.count()
    return cache[framework.pk]


def is_frozen(request, obj) -> bool:
    return response_count(request, framework_of(obj)) > 0


class FrozenReadOnlyMixin:
    """For model admins: view-only (no change, no delete) when the version is frozen; saves
    and deletes go through the services."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not is_frozen(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not is_frozen(request, obj)

    def revert_disabled(self, request, obj=None):
        """No "Revert" from the history of a frozen version (the service would refuse)."""
        return is_frozen(request, obj) or super().revert_disabled(request, obj)

    def save_model(self, request, obj, form, change):
        services.save_content(obj=obj, actor=request.user)

    def delete_model(self, request, obj):
        services.delete_content(obj=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.delete_content(obj=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        rows = formset.save(commit=False)
        services.save_parts(
            framework=framework_of(form.instance),
            saved=rows,
            deleted=formset.deleted_objects,
            actor=request.user,
        )
        formset.save_m2m()


class FrozenInlineMixin:
    """For inlines: no adding, changing or deleting rows of a frozen version (``obj`` is the
    parent being shown: a framework or a dimension)."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not is_frozen(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not is_frozen(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not is_frozen(request, obj)


def with_response_counts(queryset):
    return queryset.annotate(response_total=Count("responses", distinct=True))
