from django.contrib import admin

from assessments.models import (
    ActionItem,
    Cohort,
    Membership,
    Partner,
    Partnership,
    Round,
    RoundFramework,
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


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "status", "opens_on", "closes_on"]
    list_filter = ["status"]
    search_fields = ["title", "partnership__name"]
    inlines = [RoundFrameworkInline]


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
