"""A partnership's audit trail ("History"), for its managers: who changed its details,
partner organisations, members, rounds and actions, and when. Never responses or answers."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from assessments.selectors.history import partnership_history as select_history
from partnership_site.loaders import load_partnership
from partnership_site.roles import Permission

PER_PAGE = 50


@require_http_methods(["GET"])
def partnership_history(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = load_partnership(request, pk, permission=Permission.MANAGE_PARTNERSHIP)
    page = Paginator(select_history(partnership), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "assessments/partnerships/history.html",
        {"partnership": partnership, "page": page},
    )
