"""Who may answer a round: its closing date, its shared link and personal invitation links.

Managers only (403 for others; 404 for partnerships the user is not part of). Writes go
through ``assessments.services``; a closed round accepts none of them (it is final).
Personal links go only by email to each person: no page or download here shows a link
(ADR 0037).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from assessments import services
from assessments.forms.round_access import ExtendRoundForm, PersonalInvitationsForm
from assessments.models import RespondentRole, RoundStatus
from assessments.selectors.invitations import invitation_rows
from assessments.services._people import allowed_domains_text
from assessments.views.service_forms import done, handle_service_form, service_refusal
from assessments.views.shared_link import shared_link_unusable, warn_if_shared_link_unusable
from partnership_site.loaders import load_round
from partnership_site.roles import Permission

GET_POST = require_http_methods(["GET", "POST"])


def _open_round(request: HttpRequest, pk: int):
    round_ = load_round(request, pk, permission=Permission.MANAGE_PARTNERSHIP)
    if round_.status == RoundStatus.CLOSED:
        raise PermissionDenied("This round is closed: its results are final.")
    return round_


@GET_POST
def round_extend(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the closing date later. (A closed round cannot be reopened: see ADR 0010.)"""
    round_ = _open_round(request, pk)
    form = ExtendRoundForm(
        request.POST or None, current=round_.closes_on, initial={"closes_on": round_.closes_on}
    )
    response = handle_service_form(
        request,
        form,
        lambda data: services.extend_closing_date(
            actor=request.user, round_=round_, closes_on=data["closes_on"]
        ),
        on_success=lambda _: done(
            request,
            f"{round_.title} now closes on {round_.closes_on:%-d %B %Y}.",
            "round_detail",
            pk=round_.pk,
        ),
    )
    return response or render(
        request,
        "assessments/partnerships/round_extend.html",
        {"form": form, "round": round_, "partnership": round_.partnership},
    )


@GET_POST
def round_open_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn the shared invitation link on or off, after a page that says what it means."""
    round_ = _open_round(request, pk)
    enable = not round_.open_link_enabled
    if request.method == "POST":
        services.set_open_link(actor=request.user, round_=round_, enabled=enable)
        messages.success(
            request,
            "The shared link is now in use. Anyone with it can ask for a personal link "
            "with their work email address."
            if enable
            else "The shared link has been stopped. Personal links still work.",
        )
        warn_if_shared_link_unusable(request, round_)
        return redirect("round_detail", pk=round_.pk)
    return render(
        request,
        "assessments/partnerships/round_open_link.html",
        {
            "round": round_,
            "partnership": round_.partnership,
            "enable": enable,
            "shared_link_unusable": shared_link_unusable(round_, enabled=enable),
            "domains": allowed_domains_text(),
        },
    )


@GET_POST
def round_invitations(request: HttpRequest, pk: int) -> HttpResponse:
    """Personal links: the people invited, whether they have been sent their link and have
    answered, and a form to add more. Links go only by email (ADR 0037): never shown here."""
    round_ = load_round(request, pk, permission=Permission.MANAGE_PARTNERSHIP)
    partners = list(round_.partnership.partners.active())
    form = PersonalInvitationsForm(request.POST or None, partners=partners)
    response = None
    if round_.status != RoundStatus.CLOSED:
        response = handle_service_form(
            request,
            form,
            lambda data: services.create_personal_invitations(
                actor=request.user, round_=round_, people=data["people"]
            ),
            on_success=lambda created: done(
                request,
                _created_message(len(created), round_.status),
                "round_invitations",
                pk=round_.pk,
            ),
        )
    return response or render(
        request,
        "assessments/partnerships/round_invitations.html",
        {
            "round": round_,
            "partnership": round_.partnership,
            "form": form,
            "partners": partners,
            "roles": [label.split(" (")[0] for _, label in RespondentRole.choices],
            "rows": invitation_rows(round_),
            "domains": allowed_domains_text(),
        },
    )


def _created_message(count: int, status: str) -> str:
    people = "1 person" if count == 1 else f"{count} people"
    if status == RoundStatus.OPEN:
        return f"Personal links emailed to {people}."
    return f"{people.capitalize()} invited. Their links are emailed when you send invitations."


@GET_POST
def invitation_withdraw(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    round_ = load_round(request, pk, permission=Permission.MANAGE_PARTNERSHIP)
    invitation = get_object_or_404(
        round_.invitations.select_related("round__partnership"), pk=invitation_pk
    )
    if request.method == "POST":
        services.withdraw_personal_invitation(actor=request.user, invitation=invitation)
        messages.success(request, f"The personal link for {invitation.name} no longer works.")
        return redirect("round_invitations", pk=round_.pk)
    return render(
        request,
        "assessments/partnerships/invitation_withdraw.html",
        {"round": round_, "partnership": round_.partnership, "invitation": invitation},
    )


def _emailed(request: HttpRequest, pk: int, action, *, resend: bool = False) -> HttpResponse:
    sent = []
    error = service_refusal(lambda: sent.append(action()))
    if error:
        messages.error(request, error)
    elif sent[0] == 0:
        messages.success(request, "Everyone has already been sent their link.")
    else:
        people = "1 person" if sent[0] == 1 else f"{sent[0]} people"
        messages.success(
            request,
            f"A new personal link has been emailed to {people}. The link sent before no "
            "longer works."
            if resend
            else f"Personal links emailed to {people}.",
        )
    return redirect("round_invitations", pk=pk)


@require_POST
def round_invitations_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Email each person not yet emailed (and not withdrawn) their own link."""
    round_ = load_round(request, pk, permission=Permission.MANAGE_PARTNERSHIP)
    return _emailed(
        request, pk, lambda: services.email_personal_links(actor=request.user, round_=round_)
    )


@require_POST
def invitation_send(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    """Email one person their link again."""
    round_ = load_round(request, pk, permission=Permission.MANAGE_PARTNERSHIP)
    invitation = get_object_or_404(round_.invitations, pk=invitation_pk)
    return _emailed(
        request,
        pk,
        lambda: services.email_personal_links(
            actor=request.user, round_=round_, invitation=invitation
        ),
        resend=True,
    )
