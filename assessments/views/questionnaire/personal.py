"""A personal invitation link: one named person answers as the organisation and role their
manager chose, each questionnaire at most once.

The link starts questionnaires; it never opens one that has been started. Each response gets
a private resume token kept in the person's browser (as for guests, ADR 0009), so drafts and
results open only there or through the private link shown on every page. Whoever else knows
the personal link (the manager who issued it) sees no more than the manager's own page shows:
whether each questionnaire was started or submitted (ADR 0011)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from assessments import services
from assessments.models import RespondentRole
from assessments.selectors import responses as selectors
from assessments.views.questionnaire.access import (
    guest_token,
    link_not_found,
    remember_guest_response,
    remember_personal_link,
    round_closed,
)
from assessments.views.questionnaire.respondents import STATUS_TAGS


def _invitation(request, token: str):
    """The personal invitation ``token`` opens (remembered for this browser), or None."""
    invitation = selectors.invitation_by_token(token)
    if invitation is not None:
        remember_personal_link(request, invitation, token)
    return invitation


@login_not_required
@never_cache
@require_http_methods(["GET"])
def personal_invitation(request, token: str):
    """Who the link is for, the questionnaires with their status, and the way in."""
    invitation = _invitation(request, token)
    if invitation is None:
        return link_not_found(request, "personal")
    round_ = invitation.round
    started = selectors.responses_by_invitation(invitation)
    rows = []
    for framework in selectors.round_frameworks(round_):
        response = started.get(framework.pk)
        label, colour = STATUS_TAGS[response.status if response else None]
        rows.append(
            {
                "framework": framework,
                "response": response,
                "status": label,
                "colour": colour,
                # Only the browser holding the response's private token may open it.
                "mine": bool(response and guest_token(request, response)),
            }
        )
    return render(
        request,
        "assessments/questionnaire/personal_invitation.html",
        {
            "invitation": invitation,
            "round": round_,
            "token": token,
            "rows": rows,
            "role": RespondentRole(invitation.respondent_role).label.split(" (")[0],
            "can_answer": round_.accepts_answers and not invitation.is_withdrawn,
        },
    )


@login_not_required
@never_cache
@require_POST
def personal_start(request, token: str, framework_pk: int):
    """Start (or go back to) this person's response to one questionnaire."""
    invitation = _invitation(request, token)
    if invitation is None:
        return link_not_found(request, "personal")
    framework = next(
        (f for f in selectors.round_frameworks(invitation.round) if f.pk == framework_pk), None
    )
    if framework is None:
        raise Http404("That questionnaire is not part of this round.")
    try:
        start = services.start_personal_response(invitation=invitation, framework=framework)
    except ValidationError as refusal:
        round_ = invitation.round
        round_.refresh_from_db()
        if not round_.accepts_answers:
            return round_closed(request, round_)
        # The round is open: the refusal is this person's (already answered another way).
        messages.error(request, " ".join(refusal.messages))
        return redirect("personal_invitation", token)
    response = start.response
    if start.resume_token is not None:
        remember_guest_response(request, response, start.resume_token)
    elif not guest_token(request, response):
        # Started elsewhere: the link alone must not open someone's draft or result.
        messages.info(
            request,
            f"{framework.title} has already been "
            f"{'submitted' if response.is_submitted else 'started'} with this link in another "
            "browser. To carry on or see the result, use the private link shown there.",
        )
        return redirect("personal_invitation", token)
    if response.is_submitted:
        return redirect("my_result", response.pk)
    return redirect("response_continue", response.pk)
