"""Reads for the cohort pages: the cohorts a person may open, and a cohort's partnerships."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from assessments.models import Cohort, Partnership
from partnership_site.permissions import has_permission, partnerships_movable
from partnership_site.roles import Permission


def cohorts_for(user) -> QuerySet:
    """Every cohort for admins, else those the user facilitates; each with
    ``partnership_count`` (partnerships not archived)."""
    cohorts = (
        Cohort.objects.all()
        if has_permission(user, Permission.MANAGE_COHORTS)
        else Cohort.objects.facilitated_by(user)
    )
    return cohorts.annotate(
        partnership_count=Count(
            "partnerships", filter=Q(partnerships__archived_at__isnull=True), distinct=True
        )
    ).order_by("name")


def cohort_partnerships(user, cohort: Cohort) -> list[Partnership]:
    """The cohort's partnerships (not archived) by name, each with ``movable``: whether
    ``user`` may take it out."""
    movable = set(partnerships_movable(user, cohort).values_list("pk", flat=True))
    partnerships = list(cohort.partnerships.active().order_by("name"))
    for partnership in partnerships:
        partnership.movable = partnership.pk in movable
    return partnerships


def partnerships_to_add(user, cohort: Cohort) -> QuerySet:
    """Partnerships ``user`` may put in ``cohort`` that are not in it yet, by name."""
    return partnerships_movable(user, cohort).exclude(cohorts=cohort).order_by("name")
