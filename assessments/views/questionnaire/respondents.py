"""A signed-in member's way in: the round page listing its questionnaires, and starting one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from assessments import services
from assessments.forms.questionnaire import RespondentForm
from assessments.models import ResponseStatus, Round
from assessments.selectors import responses as selectors
from assessments.views.questionnaire.access import round_closed
from partnership_site.loaders import load_round
from partnership_site.roles import Permission


def _round_for_respondent(request, pk: int) -> Round:
    """404 for people outside the partnership; 403 for those in it who may not answer."""
    return load_round(request, pk, permission=Permission.ANSWER_QUESTIONNAIRES)


STATUS_TAGS = {
    None: ("Not started", "grey"),
    ResponseStatus.IN_PROGRESS: ("In progress", "blue"),
    ResponseStatus.SUBMITTED: ("Submitted", "green"),
}


def round_answer(request, pk: int):
    """The round's questionnaires, each with its status and what to do next."""
    round_ = _round_for_respondent(request, pk)
    responses = selectors.responses_in_round(round_, respondent=request.user)
    rows = []
    for framework in selectors.round_frameworks(round_):
        response = responses.get(framework.pk)
        label, colour = STATUS_TAGS[response.status if response else None]
        rows.append(
            {
                "framework": framework,
                "response": response,
                "status": label,
                "colour": colour,
            }
        )
    return render(
        request,
        "assessments/questionnaire/round_answer.html",
        {"round": round_, "rows": rows},
    )


def round_start(request, pk: int, framework_pk: int):
    """Start one questionnaire: asks for the person's role (and organisation) if not known."""
    round_ = _round_for_respondent(request, pk)
    link = get_object_or_404(
        round_.round_frameworks.select_related("framework"), framework_id=framework_pk
    )
    framework = link.framework
    existing = selectors.responses_in_round(round_, respondent=request.user).get(framework.pk)
    if existing is not None:
        return redirect("response_continue", existing.pk)
    if not round_.accepts_answers:
        return round_closed(request, round_)
    membership = (
        round_.partnership.memberships.select_related("partner").filter(user=request.user).first()
    )
    partner = membership.partner if membership else None
    known_role = selectors.last_respondent_role(request.user, round_.partnership)
    form = RespondentForm(
        request.POST if request.method == "POST" else None,
        partners=None if partner else list(round_.partnership.partners.active()),
        ask_role=not known_role,
    )
    if request.method == "POST" and form.is_valid():
        try:
            response = services.start_response(
                actor=request.user,
                round_=round_,
                framework=framework,
                partner=partner or form.chosen_partner(),
                respondent_role=known_role or form.cleaned_data["respondent_role"],
            )
        except ValidationError as refusal:
            round_.refresh_from_db()
            if not round_.accepts_answers:
                return round_closed(request, round_)
            # The round is open: the refusal is this person's (already answered another way).
            messages.error(request, " ".join(refusal.messages))
            return redirect("round_answer", round_.pk)
        return redirect("questionnaire_section", response.pk, 1)
    return render(
        request,
        "assessments/questionnaire/start.html",
        {
            "round": round_,
            "framework": framework,
            "form": form,
            "section_count": framework.dimensions.count(),
            "partner": partner,
        },
    )
