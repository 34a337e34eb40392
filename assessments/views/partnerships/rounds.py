"""Assessment rounds: create, show, open, close, local questions and the shared link."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.forms.partnerships import LocalQuestionsForm, RoundForm
from assessments.models import Round, RoundStatus
from assessments.selectors.answered import answered_count
from assessments.selectors.partnerships import round_overview
from assessments.selectors.reminders import last_reminders
from assessments.services._people import allowed_domains_text
from assessments.views.service_forms import done, handle_service_form, service_refusal
from assessments.views.shared_link import shared_link_unusable, warn_if_shared_link_unusable
from partnership_site.loaders import load_partnership, load_round
from partnership_site.permissions import can_view_round_report, has_permission
from partnership_site.roles import Permission

GET_POST = require_http_methods(["GET", "POST"])
MANAGE = Permission.MANAGE_PARTNERSHIP


@GET_POST
def round_create(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = load_partnership(request, pk, permission=MANAGE)
    form = RoundForm(request.POST or None)
    response = handle_service_form(
        request,
        form,
        lambda data: services.create_round(actor=request.user, partnership=partnership, **data),
        on_success=lambda round_: done(
            request,
            f"{round_.title} has been created as a draft. Open it when people can start answering.",
            "round_detail",
            pk=round_.pk,
        ),
    )
    return response or render(
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
    can_manage = has_permission(request.user, MANAGE, round_.partnership)
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
            "last": last_reminders(round_) if can_manage else None,
            "domains": allowed_domains_text(),
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
    round_ = load_round(request, pk, permission=MANAGE)
    spec = ROUND_ACTIONS[action]
    error = ""
    if request.method == "POST":
        error = service_refusal(
            lambda: services.set_round_status(
                actor=request.user, round_=round_, status=spec["status"]
            )
        )
        if not error:
            if spec["status"] == RoundStatus.OPEN:
                warn_if_shared_link_unusable(request, round_)
            return done(request, spec["done"].format(title=round_.title), "round_detail", pk=pk)
    return render(
        request,
        "assessments/partnerships/round_status.html",
        {
            "round": round_,
            "partnership": round_.partnership,
            "action": action,
            "button": spec["button"],
            "error": error,
            "shared_link_unusable": spec["status"] == RoundStatus.OPEN
            and shared_link_unusable(round_),
        },
    )


@GET_POST
def round_local_questions(request: HttpRequest, pk: int) -> HttpResponse:
    """A partnership's own questions for this round, kept out of the shared library."""
    round_ = load_round(request, pk, permission=MANAGE)
    answered = answered_count(round_.pk)
    warning = services.asking_again_warning(answered) if answered.questionnaires else ""
    form = LocalQuestionsForm(request.POST or None, warning=warning)
    response = handle_service_form(
        request,
        form,
        lambda data: services.add_local_questions(actor=request.user, round_=round_, **data),
        on_success=lambda _: done(
            request,
            "Your questions have been added. They are reported separately and never "
            "compared with other partnerships.",
            "round_detail",
            pk=round_.pk,
        ),
    )
    return response or render(
        request,
        "assessments/partnerships/round_local_questions.html",
        {
            "form": form,
            "round": round_,
            "partnership": round_.partnership,
            "answered": answered,
            "warning": warning,
        },
    )


@GET_POST
def round_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_status_change(request, pk, "open")


@GET_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_status_change(request, pk, "close")


@GET_POST
def round_new_link(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = load_round(request, pk, permission=MANAGE)
    if round_.status == RoundStatus.CLOSED:
        messages.error(request, "This round is closed, so its shared link cannot be replaced.")
        return redirect("round_detail", pk=round_.pk)
    if request.method == "POST":
        error = service_refusal(
            lambda: services.replace_invitation_token(actor=request.user, round_=round_)
        )
        if error:
            messages.error(request, error)
            return redirect("round_detail", pk=round_.pk)
        return done(
            request,
            "A new invitation link has been created. The old link no longer works.",
            "round_detail",
            pk=round_.pk,
        )
    return render(
        request,
        "assessments/partnerships/round_new_link.html",
        {"round": round_, "partnership": round_.partnership},
    )


@GET_POST
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change everything about a draft round; other rounds go back to the round page."""
    round_ = load_round(request, pk, permission=MANAGE)
    if round_.status != RoundStatus.DRAFT:
        messages.info(
            request,
            "Only a draft round can be edited. You can change an open round's closing date.",
        )
        return redirect("round_detail", pk=pk)
    form = RoundForm(request.POST or None, initial=RoundForm.initial_for(round_), button="Save")
    response = handle_service_form(
        request,
        form,
        lambda data: services.update_draft_round(actor=request.user, round_=round_, **data),
        on_success=lambda saved: done(
            request, f"{saved.title} has been saved.", "round_detail", pk=pk
        ),
        on_error=round_.refresh_from_db,
    )
    return response or render(
        request,
        "assessments/partnerships/round_form.html",
        {
            "form": form,
            "partnership": round_.partnership,
            "round": round_,
            "has_local_questions": round_.round_frameworks.filter(
                framework__partnership__isnull=False
            ).exists(),
        },
    )


@GET_POST
def round_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete a draft round nobody has answered."""
    round_ = load_round(request, pk, permission=MANAGE)
    partnership = round_.partnership
    error = ""
    if request.method == "POST":
        error = service_refusal(
            lambda: services.delete_draft_round(actor=request.user, round_=round_)
        )
        if not error:
            return done(
                request,
                f"{round_.title} has been deleted.",
                "partnership_detail",
                pk=partnership.pk,
            )
    return render(
        request,
        "assessments/partnerships/round_delete.html",
        {
            "round": round_,
            "partnership": partnership,
            "error": error,
            "can_delete": round_.status == RoundStatus.DRAFT,
            "invitation_count": round_.invitations.count(),
        },
    )
