"""Partnership report and trends pages: thin views over the report presenters."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from assessments.reports.round_report import build_round_report
from assessments.reports.trends import build_trends
from partnership_site.loaders import load_partnership, load_round
from partnership_site.permissions import can_read_comments, has_permission
from partnership_site.roles import Permission


def round_and_framework(request, pk, slug):
    """The loader for a round's report and its downloads: 404 unless the partnership is
    visible to the user, 403 unless they may see this round's report; the framework named by
    ``slug`` (the first one if None)."""
    round_ = load_round(request, pk, permission=Permission.VIEW_REPORT)
    frameworks = [link.framework for link in round_.round_frameworks.select_related("framework")]
    if not frameworks:
        raise Http404("This round has no frameworks.")
    framework = (
        frameworks[0] if slug is None else next((f for f in frameworks if f.slug == slug), None)
    )
    if framework is None:
        raise Http404("That framework is not part of this round.")
    return round_, frameworks, framework


@require_http_methods(["GET"])
def round_report(request, pk, slug=None):
    round_, frameworks, framework = round_and_framework(request, pk, slug)
    report = build_round_report(
        round_,
        framework,
        include_comments=can_read_comments(request.user, round_.partnership),
        with_benchmarks=True,
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
