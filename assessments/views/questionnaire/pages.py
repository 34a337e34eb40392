"""The questionnaire: a page per section, check answers, submit, confirmation, my result.

Every view opens the response through ``response_access`` (its owner, or the guest whose
session holds its resume link; 404 for anyone else). A submitted response, or one in a round
that is not open, accepts nothing: GETs say so and POSTs get 409 / 403 with the same page.
Each page reads the response, the sections, this section's items and their answers in a
fixed number of queries, whatever the number of items on it or answered; saving a section
without errors does not read its stored answers at all.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from assessments import services
from assessments.errors import InvalidInput, field_messages
from assessments.forms.questionnaire import SectionForm, answer_label
from assessments.reports.results import personal_result
from assessments.selectors import responses as selectors
from assessments.views.questionnaire.access import (
    ResponseAccess,
    accepts_answers,
    response_access,
    round_closed,
    signs_in_again,
    take_kept_page,
)

CHANGE = "change"  # ?change=1: a Change link from check answers; go back there after saving


def _page(request, template, access: ResponseAccess, context=None, status=200):
    response = access.response
    context = {
        "access": access,
        "response": response,
        "round": response.round,
        "framework": response.framework,
        "resume_url": access.resume_url(request),
        "round_url": access.round_url(),
        **(context or {}),
    }
    return render(request, f"assessments/questionnaire/{template}", context, status=status)


def _already_submitted(request, access: ResponseAccess):
    return _page(
        request,
        "already_submitted.html",
        access,
        status=409 if request.method == "POST" else 200,
    )


def _locked(request, access: ResponseAccess):
    """The page to show instead of the questionnaire, if the response can't change."""
    if access.response.is_submitted:
        return _already_submitted(request, access)
    if not accepts_answers(access.response):
        return round_closed(request, access.response.round, access=access)
    return None


def _after_service_refusal(request, access: ResponseAccess):
    """A service refused a change the page allowed: the response was submitted or the round
    closed in the meantime (another tab, a manager)."""
    fresh = response_access(request, access.response.pk)
    return _locked(request, fresh) or redirect("response_continue", fresh.response.pk)


@login_not_required
@never_cache
@signs_in_again
def response_continue(request, pk: int):
    """Where to carry on: the first section with an unanswered question, else check answers."""
    access = response_access(request, pk)
    response = access.response
    if response.is_submitted:
        return redirect("my_result", pk)
    if not accepts_answers(response):
        return round_closed(request, response.round, access=access)
    number = selectors.first_unfinished_section(response)
    if number is None:
        return redirect("check_answers", pk)
    return redirect("questionnaire_section", pk, number)


@login_not_required
@never_cache
@signs_in_again
def section(request, pk: int, number: int):
    access = response_access(request, pk)
    if locked := _locked(request, access):
        return locked
    response = access.response
    sections = selectors.sections(response.framework)
    if not 1 <= number <= len(sections):
        raise Http404("No such section.")
    dimension = sections[number - 1]
    items = selectors.section_items(dimension)
    changing = request.GET.get(CHANGE) == "1"
    form_kwargs = {
        "framework": response.framework,
        "items": items,
        # Read only to render the page: a page saved without errors never needs them.
        "answers": lambda: selectors.answers_by_item(response, items),
    }

    if request.method == "POST":
        form = SectionForm(request.POST, **form_kwargs)
        if SectionForm.unexpected_fields(request.POST, form.fields):
            return _page(request, "bad_request.html", access, status=400)
        if form.is_valid():
            try:
                services.save_answers(actor=access.actor, response=response, answers=form.answers())
            except InvalidInput as error:
                for key, messages in field_messages(error).items():
                    field = form.field_for_item(int(key)) if key and key.isdigit() else None
                    for message in messages:
                        form.add_error(field, message)
            except ValidationError:  # NotAllowedNow, or any other refusal
                return _after_service_refusal(request, access)
            else:
                if "later" in request.POST:
                    return redirect("questionnaire_saved", pk)
                if changing or number == len(sections):
                    return redirect("check_answers", pk)
                return redirect("questionnaire_section", pk, number + 1)
    else:
        kept = take_kept_page(request, access)
        form = SectionForm(kept, **form_kwargs) if kept is not None else SectionForm(**form_kwargs)

    if changing:
        back_url = reverse("check_answers", args=[pk])
    elif number > 1:
        back_url = reverse("questionnaire_section", args=[pk, number - 1])
    else:
        back_url = access.round_url()
    return _page(
        request,
        "section.html",
        access,
        {
            "form": form,
            "dimension": dimension,
            "number": number,
            "total": len(sections),
            "back_url": back_url,
            "changing": changing,
            "kept": request.method == "GET" and form.is_bound,
        },
    )


@login_not_required
@never_cache
@signs_in_again
def saved(request, pk: int):
    """Saved for later: how to come back."""
    access = response_access(request, pk)
    if access.response.is_submitted:
        return redirect("my_result", pk)
    return _page(request, "saved.html", access)


@login_not_required
@never_cache
@signs_in_again
def check_answers(request, pk: int):
    """Every answer by section with Change links; submitting locks the response."""
    access = response_access(request, pk)
    response = access.response
    if response.is_submitted:
        # Pressing Submit twice: the second press finds it done and shows the same page.
        return redirect("questionnaire_submitted", pk)
    if not accepts_answers(response):
        return round_closed(request, response.round, access=access)
    missing_ids = set()
    if request.method == "POST":
        try:
            services.submit_response(actor=access.actor, response=response)
        except InvalidInput as error:
            missing_ids = {int(key) for key in field_messages(error) if key and key.isdigit()}
        except ValidationError:  # NotAllowedNow, or any other refusal
            return _after_service_refusal(request, access)
        else:
            return redirect("questionnaire_submitted", pk)
    sections = selectors.questionnaire_answers(response)
    framework = response.framework
    errors = []
    for part in sections:
        part.answer_rows = []
        for item, answer in part.rows:
            error = item.pk in missing_ids
            change_url = reverse("questionnaire_section", args=[pk, part.number]) + f"?{CHANGE}=1"
            part.answer_rows.append(
                {
                    "item": item,
                    "answer": answer,
                    "label": answer_label(answer, framework),
                    "error": error,
                    "change_url": f"{change_url}#item-{item.pk}",
                }
            )
            if error:
                errors.append(
                    {
                        "item": item,
                        "statement": item.statement.rstrip("."),
                        "section": part.number,
                        "url": f"{change_url}#item-{item.pk}",
                        "row_id": f"answer-{item.pk}",
                    }
                )
    return _page(
        request,
        "check_answers.html",
        access,
        {
            "sections": sections,
            "errors": errors,
            "back_url": reverse("questionnaire_section", args=[pk, len(sections)])
            if sections
            else None,
        },
    )


def _next_questionnaire(request, access: ResponseAccess) -> dict:
    """What this person could answer next in the round: for guests who started through the
    shared link before ADR 0037, the questionnaires they chose and have not started; for
    members, the round's questionnaires they have not started."""
    response = access.response
    round_ = response.round
    if not round_.accepts_answers:
        return {}
    frameworks = selectors.round_frameworks(round_)
    if access.is_guest and response.response_set_id is not None:
        # The guest's choices are stored with their responses: the same on every device.
        remaining = response.response_set.remaining_frameworks()
        if not remaining:
            return {}
        return {
            "next_framework": remaining[0],
            "remaining": remaining,
            "next_form_token": services.new_form_token(),
        }
    if access.is_guest:
        # A personal link's page lists its questionnaires (the person goes back to it); the
        # shared link no longer starts any (ADR 0037).
        return {}
    started = selectors.responses_in_round(round_, respondent=access.actor)
    remaining = [f for f in frameworks if f.pk not in started]
    if not remaining:
        return {}
    return {"next_framework": remaining[0], "remaining": remaining}


@login_not_required
@never_cache
@signs_in_again
def submitted(request, pk: int):
    """Confirmation: the NHS.UK panel, what happens next, and the next questionnaire."""
    access = response_access(request, pk)
    if not access.response.is_submitted:
        return redirect("check_answers", pk)
    return _page(request, "submitted.html", access, _next_questionnaire(request, access))


@login_not_required
@never_cache
@signs_in_again
def my_result(request, pk: int):
    """A person's own result: a score and band per section, with the guidance."""
    access = response_access(request, pk)
    if not access.response.is_submitted:
        return redirect("response_continue", pk)
    return _page(request, "result.html", access, {"result": personal_result(access.response)})
