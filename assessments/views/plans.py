"""A closed round's targets and consensus workshop (thin views: the report's loader for
access, ``assessments.services.plans`` for every write, ``reports.workshop`` for the page).

Everyone who may read the round's report may read its workshop page and agenda; managers
set targets (SET_TARGETS); managers and facilitators record agreed positions
(RECORD_CONSENSUS). Figures come only from the published report (disclosure control).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.forms.plans import ConsensusForm, TargetsForm
from assessments.reports.round_report import build_round_report
from assessments.reports.workshop import build_workshop
from assessments.views.reports import report_loader
from assessments.views.service_forms import handle_service_form
from partnership_site.loaders import require_permission
from partnership_site.permissions import has_permission
from partnership_site.roles import Permission


def _report(request, pk, slug):
    round_, loaded, chosen = report_loader(request, pk, slug)
    framework = chosen.framework
    report = build_round_report(round_, framework, include_comments=False, loaded=chosen)
    return round_, [f.framework for f in loaded], framework, report


def _too_few(request, round_, framework, report) -> HttpResponse:
    """With too few responses there are no figures to set targets or agree positions on."""
    return render(
        request,
        "assessments/plans/too_few.html",
        {"round": round_, "framework": framework, "report": report},
    )


@require_http_methods(["GET", "POST"])
def round_targets(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    round_, _, framework, report = _report(request, pk, slug)
    require_permission(request, Permission.SET_TARGETS, round_.partnership)
    if report.suppressed:
        return _too_few(request, round_, framework, report)
    rows = report.dimensions
    initial = {f"target_{d.id}": d.plan.target for d in rows if d.plan}
    form = TargetsForm(request.POST or None, initial=initial, rows=rows)
    dimensions = {d.id: d for d in framework.dimensions.all()}

    def saved(_):
        messages.success(request, "The targets have been saved.")
        return redirect(reverse("round_report", args=[round_.pk, framework.slug]) + "#dimensions")

    response = handle_service_form(
        request,
        form,
        lambda _: services.set_targets(
            actor=request.user,
            round_=round_,
            targets={dimensions[i]: score for i, score in form.targets_by_id().items()},
        ),
        on_success=saved,
    )
    return response or render(
        request,
        "assessments/plans/targets.html",
        {"form": form, "round": round_, "framework": framework, "report": report},
    )


def _consensus_form(round_, framework, row, data=None):
    return ConsensusForm(
        data,
        prefix=f"d{row.id}",
        initial={"score": row.plan.agreed.score, "rationale": row.plan.agreed.rationale}
        if row.plan and row.plan.agreed
        else None,
        action_url=reverse("workshop_record", args=[round_.pk, framework.slug, row.id]),
    )


def _workshop_page(request, round_, frameworks, framework, report, *, forms=None, status=200):
    if report.suppressed:
        return _too_few(request, round_, framework, report)
    workshop = build_workshop(report)
    can_record = has_permission(request.user, Permission.RECORD_CONSENSUS, round_.partnership)
    forms = forms or {}
    if can_record:
        for item in workshop.items:
            forms.setdefault(item.row.id, _consensus_form(round_, framework, item.row))
    return render(
        request,
        "assessments/plans/workshop.html",
        {
            "round": round_,
            "frameworks": frameworks,
            "framework": framework,
            "workshop": workshop,
            "entries": [(item, forms.get(item.row.id)) for item in workshop.items],
            "has_errors": any(f.errors for f in forms.values()),
            "can_record": can_record,
            "can_plan": has_permission(request.user, Permission.PLAN_ACTIONS, round_.partnership),
        },
        status=status,
    )


@require_http_methods(["GET"])
def workshop(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    return _workshop_page(request, *_report(request, pk, slug))


@require_http_methods(["GET"])
def workshop_agenda(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    round_, _, framework, report = _report(request, pk, slug)
    if report.suppressed:
        return _too_few(request, round_, framework, report)
    return render(
        request,
        "assessments/plans/agenda.html",
        {"round": round_, "framework": framework, "workshop": build_workshop(report)},
    )


@require_http_methods(["POST"])
def workshop_record(request: HttpRequest, pk: int, slug: str, dimension_pk: int) -> HttpResponse:
    round_, frameworks, framework, report = _report(request, pk, slug)
    require_permission(request, Permission.RECORD_CONSENSUS, round_.partnership)
    row = next((d for d in report.dimensions if d.id == dimension_pk), None)
    if row is None:
        raise Http404("That dimension is not in this report.")
    dimension = framework.dimensions.get(pk=dimension_pk)
    form = _consensus_form(round_, framework, row, request.POST)

    def saved(_):
        messages.success(request, f"The agreed position for {row.title} has been recorded.")
        url = reverse("workshop", args=[round_.pk, framework.slug])
        return redirect(f"{url}#item-{row.key}")

    response = handle_service_form(
        request,
        form,
        lambda data: services.record_consensus(
            actor=request.user, round_=round_, dimension=dimension, **data
        ),
        on_success=saved,
    )
    return response or _workshop_page(
        request, round_, frameworks, framework, report, forms={row.id: form}
    )
