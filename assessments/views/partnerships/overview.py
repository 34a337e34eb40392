"""My partnerships, and setting up, showing and editing a partnership."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.forms.partnerships import PartnershipForm
from assessments.models import Partnership
from assessments.selectors.partnerships import my_partnerships as select_my_partnerships
from assessments.selectors.partnerships import partnership_overview
from assessments.views.service_forms import done, handle_service_form
from partnership_site.loaders import load_partnership
from partnership_site.permissions import has_permission, roles_in
from partnership_site.roles import PartnershipRole, Permission

GET_POST = require_http_methods(["GET", "POST"])


def _role_label(request: HttpRequest, partnership: Partnership) -> str:
    roles = roles_in(request.user, partnership)
    return ", ".join(PartnershipRole(role).label for role in sorted(roles))


@require_http_methods(["GET"])
def my_partnerships(request: HttpRequest) -> HttpResponse:
    entries = select_my_partnerships(request.user)
    return render(
        request,
        "assessments/partnerships/my_partnerships.html",
        {
            "belongs": [e for e in entries if not e.facilitates],
            "facilitates": [e for e in entries if e.facilitates],
        },
    )


@GET_POST
def partnership_create(request: HttpRequest) -> HttpResponse:
    form = PartnershipForm(request.POST or None, button="Create partnership")
    response = handle_service_form(
        request,
        form,
        lambda data: services.create_partnership(actor=request.user, **data),
        on_success=lambda partnership: done(
            request,
            f"{partnership.name} has been set up. Next, add its partner organisations.",
            "partnership_detail",
            pk=partnership.pk,
        ),
    )
    return response or render(
        request, "assessments/partnerships/partnership_form.html", {"form": form}
    )


@require_http_methods(["GET"])
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = load_partnership(request, pk)
    return render(
        request,
        "assessments/partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "overview": partnership_overview(partnership),
            "can_manage": has_permission(request.user, Permission.MANAGE_PARTNERSHIP, partnership),
            "role_label": _role_label(request, partnership),
        },
    )


@GET_POST
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = load_partnership(request, pk, permission=Permission.MANAGE_PARTNERSHIP)
    form = PartnershipForm(
        request.POST or None, initial=PartnershipForm.initial_for(partnership), button="Save"
    )
    response = handle_service_form(
        request,
        form,
        lambda data: services.update_partnership(
            actor=request.user, partnership=partnership, **data
        ),
        on_success=lambda _: done(
            request,
            "The partnership's details have been saved.",
            "partnership_detail",
            pk=partnership.pk,
        ),
        # Show the saved name, not the rejected one.
        on_error=partnership.refresh_from_db,
    )
    return response or render(
        request,
        "assessments/partnerships/partnership_form.html",
        {"form": form, "partnership": partnership},
    )
