"""Pages for a version's parts: a dimension with its items and per-band advice in place; items,
score bands and advice on their own (for search and history). All read-only when frozen."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from frameworks.admin.forms import OrderedInlineFormSet, without_position_uniqueness
from frameworks.admin.mixins import FrozenInlineMixin, FrozenReadOnlyMixin, framework_of
from frameworks.models import (
    Dimension,
    DimensionAdvice,
    Framework,
    Item,
    ScoreBand,
)


def _editable_frameworks():
    """Versions new parts may be added to: those no response uses."""
    return Framework.objects.filter(responses__isnull=True).distinct()


class ItemInline(FrozenInlineMixin, admin.StackedInline):
    """Items stacked, a few fields to a line, so long statements stay readable."""

    model = Item
    form = without_position_uniqueness(forms.ModelForm)
    formset = OrderedInlineFormSet
    extra = 0
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("position", "key", "response_type", "weight"),
                    "statement",
                    "help_text",
                    ("reverse_scored", "allows_not_applicable"),
                ]
            },
        )
    ]
    ordering = ["position"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 80})},
        models.DecimalField: {
            "widget": forms.NumberInput(attrs={"step": "0.01", "class": "fw-weight"})
        },
    }
    verbose_name_plural = "Items (in the order respondents see them)"


class DimensionAdviceInline(FrozenInlineMixin, admin.TabularInline):
    """One row per score band: what the partnership might do when the dimension is there."""

    model = DimensionAdvice
    extra = 0
    fields = ["band", "text"]
    ordering = ["band__lower_bound"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 90})}
    }
    verbose_name = "advice for a band"
    verbose_name_plural = "Suggested action for each score band"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(formfield and formfield.widget, RelatedFieldWidgetWrapper):
            formfield.widget = formfield.widget.widget  # a plain list of the version's bands
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        request._advice_dimension = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        dimension = getattr(request, "_advice_dimension", None)
        if db_field.name == "band" and dimension is not None and dimension.pk is not None:
            kwargs["queryset"] = ScoreBand.objects.filter(framework=dimension.framework_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def missing_bands(self, dimension) -> list[ScoreBand]:
        if dimension is None or dimension.pk is None:
            return []
        given = set(dimension.advice.values_list("band_id", flat=True))
        return [band for band in dimension.framework.bands.all() if band.pk not in given]

    def get_extra(self, request, obj=None, **kwargs):
        if not self.has_add_permission(request, obj):
            return 0
        return len(self.missing_bands(obj))


@admin.register(Dimension)
class DimensionAdmin(FrozenReadOnlyMixin, SimpleHistoryAdmin):
    change_form_template = "admin/frameworks/dimension/change_form.html"
    list_display = ["title", "framework_version", "position", "local_context"]
    list_filter = ["framework__status", "local_context"]
    search_fields = ["title", "key", "description", "guidance", "framework__title"]
    list_select_related = ["framework"]
    inlines = [ItemInline, DimensionAdviceInline]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}
    fields = [
        "framework",
        "position",
        "key",
        "title",
        "description",
        "source",
        "guidance",
        "local_context",
    ]

    @admin.display(description="Framework version", ordering="framework__title")
    def framework_version(self, obj):
        return f"{obj.framework.title} v{obj.framework.version}"

    def get_readonly_fields(self, request, obj=None):
        return ["framework"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "framework":
            kwargs["queryset"] = _editable_frameworks()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, DimensionAdviceInline):
            kwargs["initial"] = [{"band": band.pk} for band in inline.missing_bands(obj)]
        return kwargs

    def change_view(self, request, object_id, form_url="", extra_context=None):
        dimension = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if dimension is not None:
            framework = dimension.framework
            context["framework"] = framework
            context["framework_url"] = reverse(
                "admin:frameworks_framework_change", args=[framework.pk]
            )
            context["frozen_responses"] = framework.responses.count()
            siblings = list(framework.dimensions.order_by("position"))
            index = next(i for i, d in enumerate(siblings) if d.pk == dimension.pk)
            context["previous_dimension"] = siblings[index - 1] if index > 0 else None
            context["next_dimension"] = siblings[index + 1] if index + 1 < len(siblings) else None
        return super().change_view(request, object_id, form_url, extra_context=context)


class _PartAdmin(FrozenReadOnlyMixin, SimpleHistoryAdmin):
    """Parts also edited on their framework's or dimension's page: here for search and history."""

    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}

    @admin.display(description="Framework version")
    def framework_version(self, obj):
        framework = framework_of(obj)
        url = reverse("admin:frameworks_framework_change", args=[framework.pk])
        return format_html('<a href="{}">{} v{}</a>', url, framework.title, framework.version)


@admin.register(Item)
class ItemAdmin(_PartAdmin):
    list_display = ["statement", "key", "dimension", "framework_version", "response_type"]
    list_filter = ["dimension__framework__status", "response_type", "reverse_scored"]
    search_fields = ["statement", "key", "help_text"]
    list_select_related = ["dimension__framework"]

    def get_readonly_fields(self, request, obj=None):
        return ["dimension"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "dimension":
            kwargs["queryset"] = Dimension.objects.filter(
                framework__in=_editable_frameworks()
            ).select_related("framework")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ScoreBand)
class ScoreBandAdmin(_PartAdmin):
    list_display = ["label", "lower_bound", "colour", "framework_version"]
    list_filter = ["framework__status", "colour"]
    search_fields = ["label", "meaning", "framework__title"]
    list_select_related = ["framework"]

    def get_readonly_fields(self, request, obj=None):
        return ["framework"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "framework":
            kwargs["queryset"] = _editable_frameworks()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(DimensionAdvice)
class DimensionAdviceAdmin(_PartAdmin):
    list_display = ["dimension", "band", "framework_version"]
    list_filter = ["dimension__framework__status", "band__label"]
    search_fields = ["text", "dimension__title"]
    list_select_related = ["dimension__framework", "band"]

    def get_readonly_fields(self, request, obj=None):
        return ["dimension", "band"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("dimension", "band"):
            model = Dimension if db_field.name == "dimension" else ScoreBand
            kwargs["queryset"] = model.objects.filter(
                framework__in=_editable_frameworks()
            ).select_related("framework")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
