from django.contrib import admin
from django.utils import timezone

from assessments.models import (
    ActionItem,
    Cohort,
    Membership,
    Partner,
    Partnership,
    Round,
    RoundFramework,
    RoundStatus,
)


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "population"]
    list_filter = ["kind"]
    search_fields = ["name", "region"]
    inlines = [PartnerInline, MembershipInline]


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
        return not self._closed(obj) and super().has_delete_permission(request, obj)


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
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


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
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
