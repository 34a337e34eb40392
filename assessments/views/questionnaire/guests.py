"""Guests without an account: the round's shared link (which now sends personal links,
``link_requests``, ADR 0037), and the resume links of guests who started before that."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from assessments import services
from assessments.selectors import responses as selectors
from assessments.services._people import allowed_domains_text
from assessments.views.questionnaire.access import (
    guest_response_pks,
    link_not_found,
    remember_guest_response,
    response_access,
    round_closed,
    signs_in_again,
)
from assessments.views.questionnaire.respondents import STATUS_TAGS
from partnership_site.permissions import has_permission
from partnership_site.roles import Permission


def _is_member(request, round_) -> bool:
    return has_permission(request.user, Permission.ANSWER_QUESTIONNAIRES, round_.partnership)


@login_not_required
@never_cache
def invitation(request, token: str):
    """What the round is about, how answers are used, the way to ask for a personal link,
    and (for a guest who started before ADR 0037, in the same browser) their questionnaires."""
    round_ = selectors.round_by_invitation_token(token)
    if round_ is None:
        return link_not_found(request, "shared")
    if _is_member(request, round_):
        return redirect("round_answer", round_.pk)
    frameworks = selectors.round_frameworks(round_)
    started = selectors.responses_in_round(round_, pks=guest_response_pks(request))
    rows = []
    for framework in frameworks:
        response = started.get(framework.pk)
        label, colour = STATUS_TAGS[response.status if response else None]
        rows.append(
            {"framework": framework, "response": response, "status": label, "colour": colour}
        )
    return render(
        request,
        "assessments/questionnaire/invitation.html",
        {
            "round": round_,
            "rows": rows,
            "started_any": bool(started),
            "all_started": len(started) == len(frameworks),
            "link_in_use": round_.open_link_enabled,
            "link_usable": round_.open_link_enabled
            and round_.partnership.partners.active().exists(),
            "domains": allowed_domains_text(),
        },
    )


@login_not_required
@never_cache
def resume(request, token: str):
    """A guest's private link: back to where they left off, or to their result."""
    response = selectors.response_by_resume_token(token)
    if response is None or response.respondent_id is not None:
        return link_not_found(request, "private")
    remember_guest_response(request, response, token)
    if response.is_submitted:
        return redirect("my_result", response.pk)
    return redirect("response_continue", response.pk)


@login_not_required
@never_cache
@require_POST
@signs_in_again
def next_questionnaire(request, pk: int):
    """Start the next questionnaire a guest chose, from the confirmation page of one they
    submitted (with whichever of their resume links this browser holds), as the same
    organisation and role. The same form sent twice starts it once."""
    access = response_access(request, pk)
    response_set = access.response.response_set
    if response_set is None:
        raise Http404("No questionnaires were chosen with this response.")
    framework = get_object_or_404(response_set.frameworks, pk=request.POST.get("framework"))
    try:
        start = services.start_next_in_set(
            actor=access.actor,
            response_set=response_set,
            framework=framework,
            form_token=request.POST.get("form_token", ""),
        )
    except ValidationError:  # started elsewhere already, or the round closed
        if not response_set.round.accepts_answers:
            return round_closed(request, response_set.round, access=access)
        return redirect("questionnaire_submitted", pk)
    remember_guest_response(request, start.response, start.resume_token)
    return redirect("questionnaire_section", start.response.pk, 1)
