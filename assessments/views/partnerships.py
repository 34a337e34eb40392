"""Pages for managing a partnership: my partnerships, partnership, partners, members, rounds.

Anyone signed in may open "My partnerships" and set up a partnership. Everything else is
scoped through ``Partnership.objects.visible_to(user)`` (404 for partnerships the user is not
part of) and changes need the manage permission (403 for members and facilitators). Every
write goes through ``assessments.services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.forms.partnerships import (
    AddMemberForm,
    LocalQuestionsForm,
    MemberRoleForm,
    PartnerForm,
    PartnershipForm,
    RoundForm,
    add_service_errors,
)
from assessments.models import Membership, Partner, Partnership, Round, RoundStatus
from assessments.selectors.partnerships import (
    my_partnerships as select_my_partnerships,
)
from assessments.selectors.partnerships import (
    partnership_overview,
    round_overview,
)
from assessments.services.partnerships import last_manager_problem, partner_removal_problem
from partnership_site.permissions import can_view_round_report, has_permission, roles_in
from partnership_site.roles import PartnershipRole, Permission

GET_POST = require_http_methods(["GET", "POST"])


def _can_manage(request: HttpRequest, partnership: Partnership) -> bool:
    return has_permission(request.user, Permission.MANAGE_PARTNERSHIP, partnership)


def _partnership(request: HttpRequest, pk: int, *, manage: bool = False) -> Partnership:
    """The partnership, if the user may see it (else 404) and, for changes, manage it (403)."""
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user), pk=pk)
    if manage and not _can_manage(request, partnership):
        raise PermissionDenied("Only the partnership's managers can do this.")
    return partnership


def load_round(request: HttpRequest, pk: int, *, manage: bool = False) -> Round:
    visible = Partnership.objects.visible_to(request.user)
    round_ = get_object_or_404(
        Round.objects.select_related("partnership").filter(partnership__in=visible), pk=pk
    )
    if manage and not _can_manage(request, round_.partnership):
        raise PermissionDenied("Only the partnership's managers can do this.")
    return round_


def _role_label(request: HttpRequest, partnership: Partnership) -> str:
    roles = roles_in(request.user, partnership)
    return ", ".join(PartnershipRole(role).label for role in sorted(roles))


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


# -- My partnerships and the partnership itself ----------------------------------------


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
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.create_partnership(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{partnership.name} has been set up. Next, add its partner organisations.",
            )
            return redirect("partnership_detail", pk=partnership.pk)
    return render(request, "assessments/partnerships/partnership_form.html", {"form": form})


@require_http_methods(["GET"])
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    return render(
        request,
        "assessments/partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "overview": partnership_overview(partnership),
            "can_manage": _can_manage(request, partnership),
            "role_label": _role_label(request, partnership),
        },
    )


@GET_POST
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk, manage=True)
    form = PartnershipForm(
        request.POST or None, initial=PartnershipForm.initial_for(partnership), button="Save"
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_partnership(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            partnership.refresh_from_db()  # show the saved name, not the rejected one
        else:
            messages.success(request, "The partnership's details have been saved.")
            return redirect("partnership_detail", pk=partnership.pk)
    return render(
        request,
        "assessments/partnerships/partnership_form.html",
        {"form": form, "partnership": partnership},
    )


# -- Partner organisations -------------------------------------------------------------


def _partner(partnership: Partnership, partner_pk: int) -> Partner:
    return get_object_or_404(partnership.partners, pk=partner_pk)


@GET_POST
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk, manage=True)
    form = PartnerForm(request.POST or None, button="Add organisation")
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.add_partner(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{partner.name} has been added.")
            return redirect("partnership_detail", pk=partnership.pk)
    return render(
        request,
        "assessments/partnerships/partner_form.html",
        {"form": form, "partnership": partnership},
    )


@GET_POST
def partner_edit(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    partnership = _partnership(request, pk, manage=True)
    partner = _partner(partnership, partner_pk)
    form = PartnerForm(request.POST or None, initial=PartnerForm.initial_for(partner))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_partner(actor=request.user, partner=partner, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            partner.refresh_from_db()
        else:
            messages.success(request, f"{partner.name} has been saved.")
            return redirect("partnership_detail", pk=partnership.pk)
    return render(
        request,
        "assessments/partnerships/partner_form.html",
        {"form": form, "partnership": partnership, "partner": partner},
    )


@GET_POST
def partner_remove(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    partnership = _partnership(request, pk, manage=True)
    partner = _partner(partnership, partner_pk)
    problem = partner_removal_problem(partner)
    error = ""
    if request.method == "POST":
        try:
            services.remove_partner(actor=request.user, partner=partner)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"{partner.name} has been removed.")
            return redirect("partnership_detail", pk=partnership.pk)
    return render(
        request,
        "assessments/partnerships/partner_remove.html",
        {"partnership": partnership, "partner": partner, "problem": problem, "error": error},
    )


# -- Members ---------------------------------------------------------------------------


def _membership(partnership: Partnership, membership_pk: int) -> Membership:
    return get_object_or_404(
        partnership.memberships.select_related("user", "partner", "partnership"),
        pk=membership_pk,
    )


@GET_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk, manage=True)
    form = AddMemberForm(
        request.POST or None,
        partnership=partnership,
        initial={"role": PartnershipRole.MEMBER},
        button="Add member",
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.add_member(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{_name(membership.user)} has been added as "
                f"{membership.get_role_display().lower()}.",
            )
            return redirect("partnership_detail", pk=partnership.pk)
    return render(
        request,
        "assessments/partnerships/member_form.html",
        {"form": form, "partnership": partnership},
    )


@GET_POST
def member_edit(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    partnership = _partnership(request, pk, manage=True)
    membership = _membership(partnership, membership_pk)
    form = MemberRoleForm(
        request.POST or None,
        partnership=partnership,
        initial={"role": membership.role, "partner": membership.partner_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_member(actor=request.user, membership=membership, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{_name(membership.user)}'s details have been saved.")
            return redirect("partnership_detail", pk=partnership.pk)
    return render(
        request,
        "assessments/partnerships/member_form.html",
        {"form": form, "partnership": partnership, "membership": membership},
    )


@GET_POST
def member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    partnership = _partnership(request, pk, manage=True)
    membership = _membership(partnership, membership_pk)
    problem = last_manager_problem(request.user, membership, None)
    error = ""
    if request.method == "POST":
        try:
            services.remove_member(actor=request.user, membership=membership)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            if membership.user_id == request.user.pk:
                messages.success(request, f"You have left {partnership.name}.")
                return redirect("my_partnerships")
            messages.success(
                request, f"{_name(membership.user)} has been removed from the partnership."
            )
            return redirect("partnership_detail", pk=partnership.pk)
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


# -- Rounds ----------------------------------------------------------------------------


@GET_POST
def round_create(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk, manage=True)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.create_round(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{round_.title} has been created as a draft. Open it when people can start "
                "answering.",
            )
            return redirect("round_detail", pk=round_.pk)
    return render(
        request,
        "assessments/partnerships/round_form.html",
        {"form": form, "partnership": partnership},
    )


def invitation_url(request: HttpRequest, round_: Round) -> str:
    """The round's invitation link, or "" while the guest pages are not in place."""
    try:
        path = reverse("invitation", args=[round_.invitation_token])
    except NoReverseMatch:
        return ""
    return request.build_absolute_uri(path)


@require_http_methods(["GET"])
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = load_round(request, pk)
    can_manage = _can_manage(request, round_.partnership)
    return render(
        request,
        "assessments/partnerships/round_detail.html",
        {
            "round": round_,
            "partnership": round_.partnership,
            "overview": round_overview(round_),
            "can_manage": can_manage,
            "can_view_report": can_view_round_report(request.user, round_),
            "invitation_url": invitation_url(request, round_) if can_manage else "",
            "invitation_count": round_.invitations.count() if can_manage else 0,
        },
    )


ROUND_ACTIONS = {
    "open": {
        "status": RoundStatus.OPEN,
        "button": "Open round",
        "done": "{title} is open. People can now answer.",
    },
    "close": {
        "status": RoundStatus.CLOSED,
        "button": "Close round",
        "done": "{title} is closed. Nobody can answer any more.",
    },
}


def _round_status_change(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    round_ = load_round(request, pk, manage=True)
    spec = ROUND_ACTIONS[action]
    error = ""
    if request.method == "POST":
        try:
            services.set_round_status(actor=request.user, round_=round_, status=spec["status"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, spec["done"].format(title=round_.title))
            return redirect("round_detail", pk=round_.pk)
    return render(
        request,
        "assessments/partnerships/round_status.html",
        {
            "round": round_,
            "partnership": round_.partnership,
            "action": action,
            "button": spec["button"],
            "error": error,
        },
    )


@GET_POST
def round_local_questions(request: HttpRequest, pk: int) -> HttpResponse:
    """A partnership's own questions for this round, kept out of the shared library."""
    round_ = load_round(request, pk, manage=True)
    form = LocalQuestionsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_local_questions(actor=request.user, round_=round_, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "Your questions have been added. They are reported separately and never "
                "compared with other partnerships.",
            )
            return redirect("round_detail", pk=round_.pk)
    return render(
        request,
        "assessments/partnerships/round_local_questions.html",
        {"form": form, "round": round_, "partnership": round_.partnership},
    )


@GET_POST
def round_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_status_change(request, pk, "open")


@GET_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_status_change(request, pk, "close")


@GET_POST
def round_new_link(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = load_round(request, pk, manage=True)
    if request.method == "POST":
        services.replace_invitation_token(actor=request.user, round_=round_)
        messages.success(
            request, "A new invitation link has been created. The old link no longer works."
        )
        return redirect("round_detail", pk=round_.pk)
    return render(
        request,
        "assessments/partnerships/round_new_link.html",
        {"round": round_, "partnership": round_.partnership},
    )
