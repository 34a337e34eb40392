"""A signed-in member's way in: the round page listing its questionnaires, and starting one."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from assessments import services
from assessments.forms.questionnaire import RespondentForm
from assessments.models import Membership, ResponseStatus, Round, RoundFramework
from assessments.selectors import responses as selectors
from assessments.views.questionnaire.access import round_closed
from partnership_site.permissions import has_permission, roles_in
from partnership_site.roles import Permission


def _round_for_respondent(request, pk: int) -> Round:
    """404 for people outside the partnership; 403 for those in it who may not answer."""
    round_ = get_object_or_404(Round.objects.select_related("partnership"), pk=pk)
    if not roles_in(request.user, round_.partnership):
        raise Http404("No such round.")
    if not has_permission(request.user, Permission.ANSWER_QUESTIONNAIRES, round_.partnership):
        raise PermissionDenied("Your role in this partnership does not answer questionnaires.")
    return round_


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
        RoundFramework.objects.select_related("framework"), round=round_, framework_id=framework_pk
    )
    framework = link.framework
    existing = selectors.responses_in_round(round_, respondent=request.user).get(framework.pk)
    if existing is not None:
        return redirect("response_continue", existing.pk)
    if not round_.accepts_answers:
        return round_closed(request, round_)
    membership = (
        Membership.objects.select_related("partner")
        .filter(user=request.user, partnership=round_.partnership)
        .first()
    )
    partner = membership.partner if membership else None
    known_role = selectors.last_respondent_role(request.user, round_.partnership)
    form = RespondentForm(
        request.POST if request.method == "POST" else None,
        partners=None if partner else list(round_.partnership.partners.all()),
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
        except ValidationError:
            round_.refresh_from_db()
            return round_closed(request, round_)
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
