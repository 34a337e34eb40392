"""Guests without an account: the round's invitation link, who they are, their resume link."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from assessments import services
from assessments.forms.questionnaire import RespondentForm
from assessments.selectors import responses as selectors
from assessments.views.questionnaire.access import (
    guest_plan,
    guest_response_pks,
    link_not_found,
    remember_guest_response,
    response_access,
    round_closed,
    save_guest_plan,
    signs_in_again,
)
from assessments.views.questionnaire.respondents import STATUS_TAGS
from assessments.views.service_forms import add_service_errors
from partnership_site.permissions import has_permission
from partnership_site.roles import Permission


def _is_member(request, round_) -> bool:
    return has_permission(request.user, Permission.ANSWER_QUESTIONNAIRES, round_.partnership)


@login_not_required
@never_cache
def invitation(request, token: str):
    """What the round is about, how answers are used, and (for a returning guest in the same
    browser) the questionnaires they have started."""
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
            and round_.partnership.partners.for_shared_link().exists(),
        },
    )


@login_not_required
@never_cache
def invitation_start(request, token: str):
    """Which organisation, which role, which questionnaires; then the first questionnaire."""
    round_ = selectors.round_by_invitation_token(token)
    if round_ is None:
        return link_not_found(request, "shared")
    if _is_member(request, round_):
        return redirect("round_answer", round_.pk)
    if not round_.accepts_answers:
        return round_closed(request, round_)
    if request.method == "POST":
        # This form was sent before (a double click): back to what it started.
        replay = services.guest_start_replay(
            round_=round_, form_token=request.POST.get("form_token", "")
        )
        if replay is not None:
            remember_guest_response(request, replay.response, replay.resume_token)
            return redirect("questionnaire_section", replay.response.pk, 1)
    frameworks = selectors.round_frameworks(round_)
    started = selectors.responses_in_round(round_, pks=guest_response_pks(request))
    available = [f for f in frameworks if f.pk not in started]
    if not available:
        return redirect("invitation", token)
    if not round_.open_link_enabled:
        return redirect("invitation", token)
    # Only organisations that said how many people they asked: the shared link can never
    # take more answers for an organisation than that (ADR 0010). With none, say so plainly
    # rather than offer a form nobody can complete.
    partners = list(round_.partnership.partners.for_shared_link())
    if not partners:
        return render(
            request, "assessments/questionnaire/invitation_not_ready.html", {"round": round_}
        )
    plan = guest_plan(request, round_)
    form = RespondentForm(
        request.POST if request.method == "POST" else None,
        partners=partners,
        frameworks=available,
        initial={"partner": plan.get("partner"), "respondent_role": plan.get("role")},
    )
    if request.method == "POST" and form.is_valid():
        chosen_pks = form.cleaned_data.get("frameworks") or [available[0].pk]
        chosen = [f for f in available if f.pk in chosen_pks]
        partner = form.chosen_partner()
        role = form.cleaned_data["respondent_role"]
        try:
            # The same form sent twice (a double click) gives the same response.
            start = services.start_guest_responses(
                actor=AnonymousUser(),
                round_=round_,
                frameworks=chosen,
                partner=partner,
                respondent_role=role,
                form_token=request.POST.get("form_token", ""),
            )
        except ValidationError as error:
            round_.refresh_from_db()
            if not round_.accepts_answers or not round_.open_link_enabled:
                return round_closed(request, round_)
            add_service_errors(form, error)
        else:
            return _started(request, round_, start, chosen, partner, role)
    return render(
        request,
        "assessments/questionnaire/invitation_start.html",
        {
            "round": round_,
            "form": form,
            "only_framework": available[0],
            "asks_frameworks": "frameworks" in form.fields,
            "form_token": request.POST.get("form_token") or services.new_form_token(),
        },
    )


def _started(request, round_, start, chosen, partner, role):
    remember_guest_response(request, start.response, start.resume_token)
    save_guest_plan(
        request,
        round_,
        {
            "partner": partner.pk if partner else None,
            "role": role,
            "frameworks": [f.pk for f in chosen],
        },
    )
    return redirect("questionnaire_section", start.response.pk, 1)


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
