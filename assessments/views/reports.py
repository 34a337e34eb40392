"""Partnership report and trends pages: thin views over the report presenters."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from assessments.reports.round_report import build_round_report
from assessments.reports.trends import build_trends
from assessments.selectors.rounds import report_frameworks
from partnership_site.loaders import load_partnership, load_round
from partnership_site.permissions import can_read_comments, has_permission
from partnership_site.roles import Permission


def report_loader(request, pk, slug):
    """The loader for a round's report and its downloads: 404 unless the partnership is
    visible to the user, 403 unless they may see this round's report; the round's frameworks
    as ``rounds.report_frameworks`` reads them (stored counts and previous round with each),
    and the one named by ``slug`` (the first one if None)."""
    round_ = load_round(request, pk, permission=Permission.VIEW_REPORT)
    loaded = report_frameworks(round_)
    if not loaded:
        raise Http404("This round has no frameworks.")
    chosen = (
        loaded[0] if slug is None else next((f for f in loaded if f.framework.slug == slug), None)
    )
    if chosen is None:
        raise Http404("That framework is not part of this round.")
    return round_, loaded, chosen


@require_http_methods(["GET"])
def round_report(request, pk, slug=None):
    round_, loaded, chosen = report_loader(request, pk, slug)
    frameworks, framework = [f.framework for f in loaded], chosen.framework
    report = build_round_report(
        round_,
        framework,
        include_comments=can_read_comments(request.user, round_.partnership),
        with_benchmarks=True,
        loaded=chosen,
    )
    closed = round_.results_released and not report.suppressed
    return render(
        request,
        "assessments/reports/round_report.html",
        {
            "report": report,
            "round": round_,
            "frameworks": frameworks,
            "framework": framework,
            "can_plan": has_permission(request.user, Permission.PLAN_ACTIONS, round_.partnership),
            "can_set_targets": closed
            and has_permission(request.user, Permission.SET_TARGETS, round_.partnership),
            "can_see_workshop": closed,
        },
    )


@require_http_methods(["GET"])
def trends(request, pk, slug=None):
    partnership = load_partnership(request, pk, permission=Permission.VIEW_REPORT)
    result = build_trends(partnership, slug, user=request.user)
    if result is None:
        raise Http404("No framework has closed rounds to compare.")
    return render(request, "assessments/reports/trends.html", {"trends": result})
