"""A partnership's members: change role or organisation, remove (managers only). People
join by invitation (``assessments.views.invitations``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.forms.partnerships import MemberRoleForm
from assessments.models import Membership, Partnership
from assessments.services.partnerships import last_manager_problem
from assessments.views.service_forms import done, handle_service_form, service_refusal
from partnership_site.loaders import load_partnership
from partnership_site.roles import Permission

GET_POST = require_http_methods(["GET", "POST"])
MANAGE = Permission.MANAGE_PARTNERSHIP


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _membership(partnership: Partnership, membership_pk: int) -> Membership:
    return get_object_or_404(
        partnership.memberships.select_related("user", "partner", "partnership"),
        pk=membership_pk,
    )


@GET_POST
def member_edit(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    partnership = load_partnership(request, pk, permission=MANAGE)
    membership = _membership(partnership, membership_pk)
    form = MemberRoleForm(
        request.POST or None,
        partnership=partnership,
        initial={"role": membership.role, "partner": membership.partner_id},
    )
    response = handle_service_form(
        request,
        form,
        lambda data: services.update_member(actor=request.user, membership=membership, **data),
        on_success=lambda _: done(
            request,
            f"{_name(membership.user)}'s details have been saved.",
            "partnership_detail",
            pk=partnership.pk,
        ),
    )
    return response or render(
        request,
        "assessments/partnerships/member_form.html",
        {"form": form, "partnership": partnership, "membership": membership},
    )


@GET_POST
def member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    partnership = load_partnership(request, pk, permission=MANAGE)
    membership = _membership(partnership, membership_pk)
    problem = last_manager_problem(request.user, membership, None)
    error = ""
    if request.method == "POST":
        error = service_refusal(
            lambda: services.remove_member(actor=request.user, membership=membership)
        )
        if not error:
            if membership.user_id == request.user.pk:
                return done(request, f"You have left {partnership.name}.", "my_partnerships")
            return done(
                request,
                f"{_name(membership.user)} has been removed from the partnership.",
                "partnership_detail",
                pk=partnership.pk,
            )
    return render(
        request,
        "assessments/partnerships/member_remove.html",
        {
            "partnership": partnership,
            "membership": membership,
            "member_name": _name(membership.user),
            "is_self": membership.user_id == request.user.pk,
            "problem": problem,
            "error": error,
        },
    )
