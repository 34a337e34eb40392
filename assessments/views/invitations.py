"""Inviting people to a partnership by email (managers), and following an invitation link
(anyone holding it). ADR 0021.

The manager's pages say the same thing whether or not an address has an account. The
invitation page itself is open without signing in: the link is the key. It asks a new
address to set a password, or an address with an account to sign in (and, signed in,
accept). Links that no longer work get a plain page saying why.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST

from assessments import services
from assessments.forms.invitations import InvitePeopleForm, NewAccountForm
from assessments.models import INVITATION_VALID_DAYS, MembershipInvitation
from assessments.selectors.membership_invitations import outstanding_invitations
from assessments.services._people import allowed_domains_text
from assessments.services.membership_invitations import accounts_for
from assessments.views.service_forms import done, handle_service_form, service_refusal
from partnership_site.loaders import load_partnership
from partnership_site.roles import Permission

GET_POST = require_http_methods(["GET", "POST"])
MANAGE = Permission.MANAGE_PARTNERSHIP
SIGN_IN_BACKEND = "partnership_site.backends.EmailOrUsernameBackend"


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


@GET_POST
def invite_people(request: HttpRequest, pk: int) -> HttpResponse:
    """Paste addresses or upload a CSV; see invitations not yet accepted."""
    partnership = load_partnership(request, pk, permission=MANAGE)
    partners = list(partnership.partners.active().order_by("name"))
    form = InvitePeopleForm(request.POST or None, request.FILES or None, partners=partners)
    response = handle_service_form(
        request,
        form,
        lambda data: services.invite_people(
            actor=request.user, partnership=partnership, people=data["invitees"]
        ),
        on_success=lambda created: done(
            request,
            f"Invitations sent to {_people(len(created))}. Each invitation works for "
            f"{INVITATION_VALID_DAYS} days.",
            "invite_people",
            pk=partnership.pk,
        ),
    )
    return response or render(
        request,
        "assessments/invitations/invite_people.html",
        {
            "partnership": partnership,
            "form": form,
            "partners": [p.name for p in partners],
            "invitations": outstanding_invitations(partnership),
            "valid_days": INVITATION_VALID_DAYS,
            "domains": allowed_domains_text(),
        },
    )


def _invitation(request: HttpRequest, pk: int, invitation_pk: int) -> MembershipInvitation:
    partnership = load_partnership(request, pk, permission=MANAGE)
    return get_object_or_404(
        partnership.membership_invitations.select_related("partnership", "partner"),
        pk=invitation_pk,
    )


@require_POST
def invitation_resend(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    invitation = _invitation(request, pk, invitation_pk)
    error = service_refusal(
        lambda: services.resend_invitation(actor=request.user, invitation=invitation)
    )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            f"A new invitation has been sent to {invitation.email}. The old link no longer works.",
        )
    return redirect("invite_people", pk=pk)


@require_POST
def invitation_withdraw(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    invitation = _invitation(request, pk, invitation_pk)
    error = service_refusal(
        lambda: services.withdraw_invitation(actor=request.user, invitation=invitation)
    )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"The invitation to {invitation.email} has been withdrawn.")
    return redirect("invite_people", pk=pk)


def _unusable(request: HttpRequest, reason: str, invitation=None) -> HttpResponse:
    return render(
        request,
        "assessments/invitations/invitation_unusable.html",
        {"reason": reason, "invitation": invitation, "valid_days": INVITATION_VALID_DAYS},
        status=404 if reason == "unknown" else 410,
    )


@login_not_required
@GET_POST
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation email links to."""
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return _unusable(request, "unknown")
    if invitation.partnership.archived_at is not None:
        return _unusable(request, "withdrawn", invitation)
    if invitation.state != "pending":
        return _unusable(request, invitation.state, invitation)
    context = {"invitation": invitation, "partnership": invitation.partnership}
    user = request.user
    if accounts_for(invitation.email).exists():
        if not user.is_authenticated:
            sign_in = reverse("login") + "?" + urlencode({"next": request.path})
            return render(
                request,
                "assessments/invitations/accept_sign_in.html",
                {**context, "sign_in_url": sign_in},
            )
        if user.email.casefold() != invitation.email.casefold():
            return render(request, "assessments/invitations/accept_other_account.html", context)
        error = ""
        if request.method == "POST":
            error = service_refusal(
                lambda: services.accept_invitation(actor=user, invitation=invitation)
            )
            if not error:
                return _joined(request, invitation.partnership)
        return render(request, "assessments/invitations/accept.html", {**context, "error": error})
    if user.is_authenticated:
        return render(request, "assessments/invitations/accept_other_account.html", context)
    form = NewAccountForm(
        get_user_model()(username=invitation.email, email=invitation.email),
        request.POST or None,
        initial=NewAccountForm.initial_for(invitation.name or ""),
    )
    response = handle_service_form(
        request,
        form,
        lambda data: services.create_account_and_accept(
            invitation=invitation,
            first_name=data["first_name"],
            last_name=data["last_name"],
            password=data["new_password1"],
        ),
        on_success=lambda new_user: _signed_in(request, new_user, invitation),
    )
    return response or render(
        request, "assessments/invitations/accept_new_account.html", {**context, "form": form}
    )


def _signed_in(request: HttpRequest, user, invitation: MembershipInvitation) -> HttpResponse:
    login(request, user, backend=SIGN_IN_BACKEND)
    return _joined(request, invitation.partnership)


def _joined(request: HttpRequest, partnership) -> HttpResponse:
    return done(
        request, f"You have joined {partnership.name}.", "partnership_detail", pk=partnership.pk
    )
