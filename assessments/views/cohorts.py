"""Cohort pages: a facilitator's cohorts and the partnerships in each; admins (and the
cohort's facilitators, for partnerships that have given them access) add and remove them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.forms.cohorts import AddToCohortForm
from assessments.selectors.cohorts import (
    cohort_icbs,
    cohort_partnerships,
    cohorts_for,
    partnerships_to_add,
)
from assessments.views.service_forms import done, handle_service_form, service_refusal
from partnership_site.loaders import load_cohort, load_cohort_partnership
from partnership_site.permissions import has_permission
from partnership_site.roles import Permission

GET_POST = require_http_methods(["GET", "POST"])


@require_http_methods(["GET"])
def cohort_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "assessments/cohorts/cohort_list.html", {"cohorts": cohorts_for(request.user)}
    )


@GET_POST
def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The cohort's partnerships, and (for those who may) the form to add one."""
    cohort = load_cohort(request, pk)
    choices = partnerships_to_add(request.user, cohort)
    form = AddToCohortForm(request.POST or None, choices=choices)
    response = handle_service_form(
        request,
        form,
        lambda data: services.add_partnership_to_cohort(
            actor=request.user, cohort=cohort, partnership=data["partnership"]
        ),
        on_success=lambda _: done(
            request,
            f"{form.cleaned_data['partnership'].name} is now in {cohort.name}.",
            "cohort_detail",
            pk=cohort.pk,
        ),
    )
    icbs = cohort_icbs(cohort)
    icb = request.GET.get("icb", "")
    icb = icb if icb in dict(icbs) else ""
    return response or render(
        request,
        "assessments/cohorts/cohort_detail.html",
        {
            "cohort": cohort,
            "partnerships": cohort_partnerships(request.user, cohort, icb=icb),
            "icbs": icbs,
            "icb": icb,
            "form": form,
            "can_add": choices.exists(),
            "admin": has_permission(request.user, Permission.MANAGE_COHORTS),
        },
    )


@GET_POST
def cohort_remove(request: HttpRequest, pk: int, partnership_pk: int) -> HttpResponse:
    """Confirm, then take a partnership out of the cohort."""
    cohort = load_cohort(request, pk)
    partnership = load_cohort_partnership(request, cohort, partnership_pk)
    error = ""
    if request.method == "POST":
        error = service_refusal(
            lambda: services.remove_partnership_from_cohort(
                actor=request.user, cohort=cohort, partnership=partnership
            )
        )
        if not error:
            return done(
                request,
                f"{partnership.name} is no longer in {cohort.name}.",
                "cohort_detail",
                pk=cohort.pk,
            )
    return render(
        request,
        "assessments/cohorts/cohort_remove.html",
        {"cohort": cohort, "partnership": partnership, "error": error},
    )
