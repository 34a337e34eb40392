"""The framework version page: its fields, score bands and dimensions edited in place; YAML
export and import, preview and history (the lifecycle and version differences are in
frameworks/admin/lifecycle.py).
A version that responses use is shown read-only, with why and what to do instead."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin

from frameworks import services
from frameworks.admin.forms import (
    FrameworkForm,
    ImportForm,
    OrderedInlineFormSet,
    without_position_uniqueness,
)
from frameworks.admin.history import content_history
from frameworks.admin.lifecycle import LifecycleAdminMixin, version_before
from frameworks.admin.mixins import (
    FrozenInlineMixin,
    FrozenReadOnlyMixin,
    response_count,
    with_response_counts,
)
from frameworks.content_yaml import export_framework, file_name, read_yaml
from frameworks.models import Dimension, Framework, FrameworkStatus, ScoreBand

SMALL_TEXT = {"widget": forms.Textarea(attrs={"rows": 2, "cols": 48})}

# The format of a framework file, shown on the admin page the import form links to.
FORMAT_DOC = Path(settings.BASE_DIR) / "docs" / "framework-content.md"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class ScoreBandInline(FrozenInlineMixin, admin.TabularInline):
    model = ScoreBand
    extra = 0
    fields = ["label", "lower_bound", "colour", "meaning"]
    ordering = ["lower_bound"]
    formfield_overrides = {models.TextField: SMALL_TEXT}
    verbose_name_plural = "Score bands (lowest first; the first starts at 0)"


class DimensionInline(FrozenInlineMixin, admin.TabularInline):
    model = Dimension
    form = without_position_uniqueness(forms.ModelForm)
    formset = OrderedInlineFormSet
    extra = 0
    fields = ["position", "key", "title", "local_context", "contents"]
    readonly_fields = ["contents"]
    ordering = ["position"]
    verbose_name_plural = "Dimensions (one questionnaire page each; open one to edit its items)"

    def get_queryset(self, request):
        bands = (
            ScoreBand.objects.filter(framework=OuterRef("framework"))
            .order_by()
            .values("framework")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                item_total=Count("items", distinct=True),
                advice_total=Count("advice", distinct=True),
                band_total=Subquery(bands),
            )
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "key":
            formfield.widget.attrs.update(size=22)
        return formfield

    @admin.display(description="Items and advice")
    def contents(self, obj):
        if obj is None or obj.pk is None:
            return "Save, then open it to add items"
        url = reverse("admin:frameworks_dimension_change", args=[obj.pk])
        return format_html(
            '<a href="{}">Open</a> <span class="fw-quiet">{} · advice {}/{}</span>',
            url,
            _plural(getattr(obj, "item_total", 0), "item"),
            getattr(obj, "advice_total", 0),
            getattr(obj, "band_total", None) or 0,
        )


class LibraryFilter(admin.SimpleListFilter):
    title = "library or local"
    parameter_name = "owner"

    def lookups(self, request, model_admin):
        return [
            ("library", "Shared library"),
            ("local", "A partnership's local questions"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "library":
            return queryset.filter(partnership__isnull=True)
        if self.value() == "local":
            return queryset.filter(partnership__isnull=False)
        return queryset


@admin.register(Framework)
class FrameworkAdmin(LifecycleAdminMixin, FrozenReadOnlyMixin, SimpleHistoryAdmin):
    form = FrameworkForm
    change_form_template = "admin/frameworks/framework/change_form.html"
    change_list_template = "admin/frameworks/framework/change_list.html"
    list_display = ["title", "version", "status_tag", "kind", "in_use", "published_on"]
    list_filter = ["status", "kind", LibraryFilter]
    search_fields = [
        "title",
        "slug",
        "summary",
        "dimensions__title",
        "dimensions__items__statement",
    ]
    search_help_text = "Search titles, short names, summaries, dimensions and item statements."
    inlines = [ScoreBandInline, DimensionInline]
    actions = ["publish_selected", "new_draft_of_selected", "retire_selected", "export_selected"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "version", "kind", "summary", "source"]}),
        (
            "Scale",
            {
                "fields": ["scale_min", "scale_max", "scale_labels", "scale_question"],
                "description": "How respondents answer rated and checklist frameworks. "
                "Reflection frameworks have no scale.",
            },
        ),
        (
            "Lifecycle",
            {"fields": ["status", "use", "previous_version", "published_at", "updated_at"]},
        ),
    ]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}

    # Lists ---------------------------------------------------------------------------------

    def get_queryset(self, request):
        return with_response_counts(super().get_queryset(request))

    @admin.display(description="Status", ordering="status")
    def status_tag(self, obj):
        return format_html(
            '<span class="fw-tag fw-tag--{}">{}</span>', obj.status, obj.get_status_display()
        )

    @admin.display(description="Published", ordering="published_at")
    def published_on(self, obj):
        return obj.published_at.date() if obj.published_at else "–"

    @admin.display(description="In use", ordering="response_total")
    def in_use(self, obj):
        total = getattr(obj, "response_total", None)
        if total is None:
            total = obj.responses.count()
        return f"in use by {_plural(total, 'response')}" if total else "not in use"

    @admin.display(description="In use")
    def use(self, obj):
        if obj is None or obj.pk is None:
            return "Not yet"
        responses = obj.responses.count()
        rounds = obj.rounds.count()
        if not responses and not rounds:
            return "Not in use"
        return f"In use by {_plural(responses, 'response')} in {_plural(rounds, 'round')}"

    @admin.display(description="Scale labels")
    def scale_labels_shown(self, obj):
        if obj is None or not obj.is_scored:
            return "–"
        return format_html_join(
            mark_safe("<br>"), "{} – {}", ((value, label) for value, label in obj.scale_points)
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only: the labels beside their values rather than as a JSON list.
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        "scale_labels_shown" if f == "scale_labels" else f
                        for f in options["fields"]
                    ],
                },
            )
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = [
            "status",
            "use",
            "previous_version",
            "published_at",
            "updated_at",
            "scale_labels_shown",
        ]
        if obj is not None:
            fields += ["slug", "version"]
        return fields

    # The change page -----------------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        framework = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if framework is not None:
            context["lifecycle"] = self._lifecycle(request, framework)
        return super().change_view(request, object_id, form_url, extra_context=context)

    def _lifecycle(self, request, framework: Framework) -> dict:
        versions = list(
            with_response_counts(Framework.objects.filter(slug=framework.slug)).order_by("version")
        )
        draft = next((v for v in versions if v.status == FrameworkStatus.DRAFT), None)
        responses = response_count(request, framework)
        return {
            "framework": framework,
            "responses": responses,
            "frozen": responses > 0,
            "versions": versions,
            "draft": draft if draft is not None and draft.pk != framework.pk else None,
            "before": version_before(framework),
            "problems": self._checklist(framework) if framework.is_draft else [],
            "may_change": request.user.has_perm("frameworks.change_framework"),
            "may_add": request.user.has_perm("frameworks.add_framework"),
        }

    def _checklist(self, framework: Framework) -> list[dict]:
        """The publishing checklist, each problem linked to its dimension's page if in one."""
        dimensions = list(framework.dimensions.order_by("position").values_list("pk", flat=True))
        checklist = []
        for problem in services.publish_checklist(framework):
            index = problem.dimension_index
            url = None
            if index is not None and index < len(dimensions):
                url = reverse("admin:frameworks_dimension_change", args=[dimensions[index]])
            checklist.append({"text": str(problem), "url": url})
        return checklist

    # Lifecycle views -----------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        name = "frameworks_framework_"
        return [
            path("import/", view(self.import_view), name=name + "import"),
            path("format/", view(self.format_view), name=name + "format"),
            *self.lifecycle_urls(),
            path("<path:object_id>/export/", view(self.export_view), name=name + "export"),
            path(
                "<path:object_id>/content-history/",
                view(self.content_history_view),
                name=name + "content_history",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, object_id):
        framework = self._framework_or_404(request, object_id)
        if not self.has_view_permission(request, framework):
            raise PermissionDenied
        return _yaml_download(framework)

    def content_history_view(self, request, object_id):
        framework = self._framework_or_404(request, object_id)
        if not self.has_view_permission(request, framework):
            raise PermissionDenied
        page = Paginator(content_history(framework), 100).get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Change history: {framework.title}, version {framework.version}",
            "opts": self.model._meta,
            "original": framework,
            "page": page,
        }
        return TemplateResponse(request, "admin/frameworks/framework/content_history.html", context)

    def format_view(self, request):
        """The YAML format, as docs/framework-content.md describes it, on a page the import
        form can link to (the repository's docs are not on the site)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": "The framework file format",
            "opts": self.model._meta,
            "text": FORMAT_DOC.read_text(encoding="utf-8"),
        }
        return TemplateResponse(request, "admin/frameworks/framework/format.html", context)

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        problems = []
        if request.method == "POST" and form.is_valid():
            data, problems = read_yaml(form.cleaned_data["file"])
            if not problems:
                framework = services.import_version(data=data, actor=request.user)
                self.message_user(
                    request,
                    f"Imported {framework.title} as draft version {framework.version}. "
                    "Check it, preview it, then publish it.",
                    messages.SUCCESS,
                )
                return redirect(self._change_url(framework))
        context = {
            **self.admin_site.each_context(request),
            "title": "Import a framework from a YAML file",
            "opts": self.model._meta,
            "form": form,
            "problems": problems,
            "file_name": getattr(request.FILES.get("file"), "name", ""),
        }
        return TemplateResponse(request, "admin/frameworks/framework/import.html", context)

    # List actions --------------------------------------------------------------------------

    def _each(self, request, queryset, step, done):
        for framework in queryset.order_by("slug", "version"):
            try:
                result = step(framework=framework, actor=request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    f"{framework.title} version {framework.version}: " + " ".join(error.messages),
                    messages.ERROR,
                )
            else:
                self.message_user(request, done(result), messages.SUCCESS)

    @admin.action(description="Make a new draft version of each selected", permissions=["add"])
    def new_draft_of_selected(self, request, queryset):
        self._each(
            request,
            queryset,
            services.new_draft_version,
            lambda f: f"{f.title}: version {f.version} is a new draft.",
        )

    @admin.action(description="Export the selected as YAML", permissions=["view"])
    def export_selected(self, request, queryset):
        frameworks = list(queryset.order_by("slug", "version"))
        if len(frameworks) == 1:
            return _yaml_download(frameworks[0])
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for framework in frameworks:
                archive.writestr(
                    file_name(framework, with_version=True), export_framework(framework)
                )
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="frameworks.zip"'
        return response


def _yaml_download(framework: Framework) -> HttpResponse:
    response = HttpResponse(
        export_framework(framework), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name(framework)}"'
    return response
