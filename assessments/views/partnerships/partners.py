"""A partnership's partner organisations: add, edit, remove, archive (managers only)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.forms.partnerships import PartnerForm
from assessments.models import Partner, Partnership
from assessments.services.partnerships import partner_removal_problem
from assessments.views.service_forms import done, handle_service_form, service_refusal
from partnership_site.loaders import load_partnership
from partnership_site.roles import Permission

GET_POST = require_http_methods(["GET", "POST"])
MANAGE = Permission.MANAGE_PARTNERSHIP


def _partner(partnership: Partnership, partner_pk: int) -> Partner:
    return get_object_or_404(partnership.partners, pk=partner_pk)


@GET_POST
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = load_partnership(request, pk, permission=MANAGE)
    form = PartnerForm(request.POST or None, button="Add organisation")
    response = handle_service_form(
        request,
        form,
        lambda data: services.add_partner(actor=request.user, partnership=partnership, **data),
        on_success=lambda partner: done(
            request, f"{partner.name} has been added.", "partnership_detail", pk=partnership.pk
        ),
    )
    return response or render(
        request,
        "assessments/partnerships/partner_form.html",
        {"form": form, "partnership": partnership},
    )


@GET_POST
def partner_edit(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    partnership = load_partnership(request, pk, permission=MANAGE)
    partner = _partner(partnership, partner_pk)
    form = PartnerForm(request.POST or None, initial=PartnerForm.initial_for(partner))
    response = handle_service_form(
        request,
        form,
        lambda data: services.update_partner(actor=request.user, partner=partner, **data),
        on_success=lambda _: done(
            request, f"{partner.name} has been saved.", "partnership_detail", pk=partnership.pk
        ),
        on_error=partner.refresh_from_db,
    )
    return response or render(
        request,
        "assessments/partnerships/partner_form.html",
        {"form": form, "partnership": partnership, "partner": partner},
    )


@GET_POST
def partner_remove(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    partnership = load_partnership(request, pk, permission=MANAGE)
    partner = _partner(partnership, partner_pk)
    problem = partner_removal_problem(partner)
    error = ""
    if request.method == "POST":
        error = service_refusal(
            lambda: services.remove_partner(actor=request.user, partner=partner)
        )
        if not error:
            return done(
                request,
                f"{partner.name} has been removed.",
                "partnership_detail",
                pk=partnership.pk,
            )
    return render(
        request,
        "assessments/partnerships/partner_remove.html",
        {"partnership": partnership, "partner": partner, "problem": problem, "error": error},
    )


@GET_POST
def partner_archive(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    """Confirm archiving an organisation (one that holds responses cannot be removed), or
    restoring an archived one."""
    partnership = load_partnership(request, pk, permission=MANAGE)
    partner = _partner(partnership, partner_pk)
    archived = partner.archived_at is not None
    error = ""
    if request.method == "POST":
        service = services.restore_partner if archived else services.archive_partner
        error = service_refusal(lambda: service(actor=request.user, partner=partner))
        if not error:
            message = "is offered again" if archived else "has been archived"
            return done(
                request, f"{partner.name} {message}.", "partnership_detail", pk=partnership.pk
            )
    return render(
        request,
        "assessments/partnerships/partner_archive.html",
        {
            "partnership": partnership,
            "partner": partner,
            "archived": archived,
            "error": error,
            "response_count": partner.responses.count(),
        },
    )
