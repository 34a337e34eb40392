"""The admin for partnerships, rounds, actions and cohorts.

Nothing that holds responses can be deleted here: ``Response.round`` is PROTECT, so the
delete pages refuse a round or partnership with responses, and the delete links are not
offered for them. Partnerships are archived instead (actions on the list). Every change is
recorded with the admin's name (django-simple-history); a partnership's "History" page is
its whole audit trail: details, partner organisations, members, rounds and actions.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from assessments.models import (
    ActionItem,
    Cohort,
    Membership,
    Partner,
    Partnership,
    Response,
    Round,
    RoundFramework,
    RoundStatus,
)
from assessments.selectors.history import partnership_history
from assessments.services.archive import archive_partnership, restore_partnership
from assessments.services.results import store_results


def _has_responses(**lookup) -> bool:
    return Response.objects.filter(**lookup).exists()


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0
    # Managers archive and restore organisations on the service's partnership page.
    readonly_fields = ["archived_at"]

    def has_delete_permission(self, request, obj=None):
        return obj is None or not _has_responses(round__partnership=obj)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class ArchivedFilter(admin.SimpleListFilter):
    title = "in service"
    parameter_name = "archived"

    def lookups(self, request, model_admin):
        return [("no", "In service"), ("yes", "Archived")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(archived_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(archived_at__isnull=False)
        return queryset


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "region", "population", "archived_at"]
    list_filter = [ArchivedFilter, "kind"]
    search_fields = ["name", "region"]
    readonly_fields = ["archived_at"]
    inlines = [PartnerInline, MembershipInline]
    actions = ["archive", "restore"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _has_responses(round__partnership=obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Bulk delete would only fail for partnerships with responses; archive instead.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description="Archive the selected partnerships (keeps all their results)")
    def archive(self, request, queryset):
        self._each(request, queryset, archive_partnership, "archived")

    @admin.action(description="Bring the selected archived partnerships back into service")
    def restore(self, request, queryset):
        self._each(request, queryset, restore_partnership, "brought back into service")

    def _each(self, request, queryset, service, done: str) -> None:
        count = 0
        for partnership in queryset:
            try:
                service(actor=request.user, partnership=partnership)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            except PermissionDenied as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, f"{count} partnership{'s' if count != 1 else ''} {done}.")

    def history_view(self, request, object_id, extra_context=None):
        """The whole audit trail of the partnership, not only its own row's changes."""
        partnership = self.get_object(request, object_id)
        if partnership is None or not self.has_view_or_change_permission(request, partnership):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {partnership}",
            "subtitle": None,
            "opts": self.model._meta,
            "original": partnership,
            "entries": partnership_history(partnership),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/assessments/partnership/audit_trail.html", context)


class RoundFrameworkInline(admin.TabularInline):
    model = RoundFramework
    extra = 0

    def _closed(self, obj) -> bool:
        return obj is not None and obj.status == RoundStatus.CLOSED

    def has_add_permission(self, request, obj=None):
        return not self._closed(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._closed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._closed(obj) or (obj is not None and _has_responses(round=obj)):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Round)
class RoundAdmin(SimpleHistoryAdmin):
    """Rounds, with the same rule as everywhere: a closed round is final. Its status cannot
    be changed here (and ``Round.save`` refuses a reopen from any other route)."""

    list_display = ["title", "partnership", "status", "opens_on", "closes_on", "closed_at"]
    list_filter = ["status"]
    search_fields = ["title", "partnership__name"]
    readonly_fields = ["closed_at"]
    inlines = [RoundFrameworkInline]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status == RoundStatus.CLOSED:
            fields += ["status", "anonymity_threshold"]
        return fields

    def save_model(self, request, obj, form, change):
        if obj.status == RoundStatus.CLOSED and obj.closed_at is None:
            obj.closed_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Closing here is closing: results are stored in the same transaction (the admin's
        # change view is atomic), once the round's frameworks are saved (ADR 0031).
        if "status" in form.changed_data and form.instance.status == RoundStatus.CLOSED:
            store_results(round_=form.instance)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _has_responses(round=obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "owner", "due_on", "status"]
    list_filter = ["status"]
    search_fields = ["title", "owner", "partnership__name"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    """Cohorts group partnerships; their facilitators see those partnerships' aggregates."""

    list_display = ["name", "region"]
    search_fields = ["name", "region"]
    autocomplete_fields = ["partnerships", "facilitators"]


# Responses and answers are deliberately not in the admin: no screen shows who said what.
