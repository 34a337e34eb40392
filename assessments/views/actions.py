"""The action plan: a partnership's actions with filters and a printable view, one action
with its progress notes, and the forms to add or change an action (thin views: access
through the loaders, writes through ``assessments.services.actions``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.forms.actions import ActionForm, NoteForm
from assessments.reports.action_plan import Filters, build_action_plan, plan_row
from assessments.reports.round_report import build_round_report
from assessments.selectors import actions as selectors
from assessments.views.service_forms import handle_service_form
from partnership_site.loaders import load_action, load_partnership, load_round
from partnership_site.permissions import can_edit_action, has_permission
from partnership_site.roles import Permission

GET_POST = require_http_methods(["GET", "POST"])


def _plan(request: HttpRequest, pk: int, template: str) -> HttpResponse:
    partnership = load_partnership(request, pk, permission=Permission.VIEW_ACTIONS)
    actions = selectors.plan_actions(partnership.pk)
    plan = build_action_plan(
        actions,
        current_owner_ids=selectors.current_owner_ids(partnership.pk),
        editable_ids={a.pk for a in actions if can_edit_action(request.user, a)},
        filters=Filters.from_query(request.GET),
        today=timezone.localdate(),
    )
    return render(
        request,
        template,
        {
            "partnership": partnership,
            "plan": plan,
            "can_plan": has_permission(request.user, Permission.PLAN_ACTIONS, partnership),
            "query": request.GET.urlencode(),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET"])
def action_plan(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan(request, pk, "assessments/actions/action_plan.html")


@require_http_methods(["GET"])
def action_plan_print(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan(request, pk, "assessments/actions/action_plan_print.html")


def _suggestion(request: HttpRequest, partnership, form_dimensions) -> tuple[dict, object]:
    """Initial values from a report's suggested action (``?round=&dimension=``): the
    dimension's advice for the band it scored in, as published in that round's report."""
    round_pk, dimension_pk = request.GET.get("round", ""), request.GET.get("dimension", "")
    if not (round_pk.isdigit() and dimension_pk.isdigit()):
        return {}, None
    round_ = load_round(request, int(round_pk), permission=Permission.VIEW_REPORT)
    if round_.partnership_id != partnership.pk:
        raise Http404("That round belongs to another partnership.")
    dimension = next((d for d in form_dimensions if d.pk == int(dimension_pk)), None)
    if dimension is None:
        return {}, round_
    report = build_round_report(round_, dimension.framework, include_comments=False)
    found = next((s for s in report.suggested_actions if s.dimension_id == dimension.pk), None)
    initial = {"dimension": dimension.pk}
    if found is not None:
        first = found.advice.split(". ")[0].rstrip(".")
        initial |= {
            "title": first[:200],
            "description": f"{found.advice}\n\nWhy: {found.reason}.",
        }
    return initial, round_


@GET_POST
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = load_partnership(request, pk, permission=Permission.PLAN_ACTIONS)
    dimensions = selectors.plan_dimensions(partnership.pk)
    initial, raised_in = _suggestion(request, partnership, dimensions)
    form = ActionForm(
        request.POST or None,
        initial=initial,
        partnership=partnership,
        owners=selectors.possible_owners(partnership.pk),
        dimensions=dimensions,
        button="Add action",
    )

    def created(action):
        messages.success(request, f"“{action.title}” has been added to the action plan.")
        warning = services.due_date_warning(action.due_on)
        if warning:
            messages.warning(request, warning)
        return redirect("action_plan", pk=partnership.pk)

    response = handle_service_form(
        request,
        form,
        lambda _: services.create_action(
            actor=request.user,
            partnership=partnership,
            raised_in=raised_in,
            **form.service_arguments(),
        ),
        on_success=created,
    )
    return response or render(
        request,
        "assessments/actions/action_form.html",
        {"form": form, "partnership": partnership, "raised_in": raised_in},
    )


def _note_url(action) -> str:
    return reverse("action_note_add", args=[action.partnership_id, action.pk])


@require_http_methods(["GET"])
def action_detail(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    action = load_action(request, pk, action_pk)
    can_edit = can_edit_action(request.user, action)
    row = plan_row(
        action,
        current_owner_ids=selectors.current_owner_ids(action.partnership_id),
        today=timezone.localdate(),
        can_edit=can_edit,
    )
    return render(
        request,
        "assessments/actions/action_detail.html",
        {
            "partnership": action.partnership,
            "action": row,
            "note_form": NoteForm(
                initial={"written_on": timezone.localdate()}, action_url=_note_url(action)
            )
            if can_edit
            else None,
        },
    )


@GET_POST
def action_edit(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    action = load_action(request, pk, action_pk, edit=True)
    form = ActionForm(
        request.POST or None,
        initial=ActionForm.initial_for(action),
        partnership=action.partnership,
        owners=selectors.possible_owners(action.partnership_id),
        dimensions=selectors.plan_dimensions(action.partnership_id),
        former_owner=action.owner_user,
    )

    def saved(_):
        messages.success(request, f"“{action.title}” has been saved.")
        return redirect("action_detail", pk=pk, action_pk=action.pk)

    response = handle_service_form(
        request,
        form,
        lambda _: services.update_action(
            actor=request.user, action=action, **form.service_arguments()
        ),
        on_success=saved,
    )
    return response or render(
        request,
        "assessments/actions/action_form.html",
        {"form": form, "partnership": action.partnership, "action": action},
    )


@require_http_methods(["POST"])
def action_note_add(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    action = load_action(request, pk, action_pk, edit=True)
    form = NoteForm(request.POST, action_url=_note_url(action))

    def added(_):
        messages.success(request, "The progress note has been added.")
        return redirect("action_detail", pk=pk, action_pk=action.pk)

    response = handle_service_form(
        request,
        form,
        lambda data: services.add_progress_note(actor=request.user, action=action, **data),
        on_success=added,
    )
    if response:
        return response
    row = plan_row(
        action,
        current_owner_ids=selectors.current_owner_ids(action.partnership_id),
        today=timezone.localdate(),
        can_edit=True,
    )
    return render(
        request,
        "assessments/actions/action_detail.html",
        {"partnership": action.partnership, "action": row, "note_form": form},
        status=200,
    )
