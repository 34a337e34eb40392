"""Reads for the cohort pages: the cohorts a person may open, and a cohort's partnerships."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from assessments.icbs import ICBS
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


def cohort_icbs(cohort: Cohort) -> list[tuple[str, str]]:
    """``[(ODS code, ICB name)]`` of the ICBs the cohort's partnerships are in, by name."""
    codes = set(cohort.partnerships.active().exclude(icb="").values_list("icb", flat=True))
    return sorted(((c, ICBS[c].short_name) for c in codes if c in ICBS), key=lambda c: c[1])


def cohort_partnerships(user, cohort: Cohort, *, icb: str = "") -> list[Partnership]:
    """The cohort's partnerships (not archived) by name, only those in ICB ``icb`` (an ODS
    code) if given, each with ``movable``: whether ``user`` may take it out."""
    movable = set(partnerships_movable(user, cohort).values_list("pk", flat=True))
    partnerships = cohort.partnerships.active().order_by("name")
    if icb:
        partnerships = partnerships.filter(icb=icb)
    partnerships = list(partnerships)
    for partnership in partnerships:
        partnership.movable = partnership.pk in movable
    return partnerships


def partnerships_to_add(user, cohort: Cohort) -> QuerySet:
    """Partnerships ``user`` may put in ``cohort`` that are not in it yet, by name."""
    return partnerships_movable(user, cohort).exclude(cohorts=cohort).order_by("name")
