from django.contrib import admin

from frameworks.models import Dimension, DimensionAdvice, Framework, Item, ScoreBand


class FrozenAwareMixin:
    """Versions that responses use are shown read-only: past reports must never change."""

    def _framework_of(self, obj):
        return obj

    def _frozen(self, obj) -> bool:
        framework = self._framework_of(obj) if obj is not None else None
        return framework is not None and framework.is_frozen

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._frozen(obj)


class ScoreBandInline(admin.TabularInline):
    model = ScoreBand
    extra = 0


class DimensionInline(admin.TabularInline):
    model = Dimension
    extra = 0
    fields = ["position", "key", "title", "local_context"]
    show_change_link = True


@admin.register(Framework)
class FrameworkAdmin(FrozenAwareMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "version", "kind", "status", "published_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "slug", "summary"]
    readonly_fields = ["published_at", "previous_version", "created_at", "updated_at"]
    inlines = [ScoreBandInline, DimensionInline]


class ItemInline(admin.StackedInline):
    model = Item
    extra = 0


class DimensionAdviceInline(admin.TabularInline):
    model = DimensionAdvice
    extra = 0


@admin.register(Dimension)
class DimensionAdmin(FrozenAwareMixin, admin.ModelAdmin):
    list_display = ["title", "framework", "position", "local_context"]
    list_filter = ["framework__status", "framework"]
    search_fields = ["title", "description", "guidance"]
    inlines = [ItemInline, DimensionAdviceInline]

    def _framework_of(self, obj):
        return obj.framework
