"""A personal invitation link: one named person answers as the organisation and role their
manager chose. The link is their way back too, on any device; it never gives a second
response to a questionnaire (a submitted one shows their result)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from assessments import services
from assessments.models import RespondentRole
from assessments.selectors import responses as selectors
from assessments.views.questionnaire.access import remember_personal_link, round_closed
from assessments.views.questionnaire.respondents import STATUS_TAGS


def _invitation(request, token: str):
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        raise Http404("No such invitation.")
    remember_personal_link(request, invitation, token)
    return invitation


@login_not_required
@never_cache
@require_http_methods(["GET"])
def personal_invitation(request, token: str):
    """Who the link is for, the questionnaires with their status, and the way in."""
    invitation = _invitation(request, token)
    round_ = invitation.round
    started = selectors.responses_by_invitation(invitation)
    rows = []
    for framework in selectors.round_frameworks(round_):
        response = started.get(framework.pk)
        label, colour = STATUS_TAGS[response.status if response else None]
        rows.append(
            {"framework": framework, "response": response, "status": label, "colour": colour}
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
    framework = next(
        (f for f in selectors.round_frameworks(invitation.round) if f.pk == framework_pk), None
    )
    if framework is None:
        raise Http404("That questionnaire is not part of this round.")
    try:
        response = services.start_personal_response(invitation=invitation, framework=framework)
    except ValidationError:
        return round_closed(request, invitation.round)
    if response.is_submitted:
        return redirect("my_result", response.pk)
    return redirect("response_continue", response.pk)
