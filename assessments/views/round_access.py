"""Who may answer a round: its closing date, its shared link and personal invitation links.

Managers only (403 for others; 404 for partnerships the user is not part of). Writes go
through ``assessments.services``; a closed round accepts none of them (it is final).
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from assessments import services
from assessments.forms.round_access import ExtendRoundForm, PersonalInvitationsForm
from assessments.models import RespondentRole, RoundStatus
from assessments.reports.csv_export import csv_safe
from assessments.selectors.invitations import invitation_rows
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
            "The shared link is now in use. Anyone with it can answer."
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
        },
    )


@GET_POST
def round_invitations(request: HttpRequest, pk: int) -> HttpResponse:
    """Personal links: the people invited, whether they have answered, and a form to add more."""
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
                f"{len(created)} personal link{'s' if len(created) != 1 else ''} created. "
                "Copy each link below, or download them all, and send each person their own.",
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
            "rows": invitation_rows(round_, link=lambda token: _absolute(request, token)),
        },
    )


def _absolute(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("personal_invitation", args=[token]))


@require_http_methods(["GET"])
def round_invitations_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Name, email, organisation, role and link of everyone invited, for a mail merge."""
    round_ = load_round(request, pk, permission=Permission.MANAGE_PARTNERSHIP)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = slugify(f"{round_.partnership.name} {round_.title} personal links")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # so spreadsheets read the names as UTF-8
    writer = csv.writer(response)
    writer.writerow(["name", "email", "organisation", "role", "link", "status"])
    for row in invitation_rows(round_, link=lambda token: _absolute(request, token)):
        writer.writerow(
            [
                csv_safe(row.name),
                csv_safe(row.email),
                csv_safe(row.organisation),
                row.role,
                row.link if not row.withdrawn else "",
                row.status,
            ]
        )
    return response


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


def _emailed(request: HttpRequest, pk: int, action) -> HttpResponse:
    sent = []
    error = service_refusal(lambda: sent.append(action()))
    if error:
        messages.error(request, error)
    elif sent[0] == 0:
        messages.success(request, "Everyone has already been sent their link.")
    else:
        people = "1 person" if sent[0] == 1 else f"{sent[0]} people"
        messages.success(request, f"Personal links emailed to {people}.")
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
    )
