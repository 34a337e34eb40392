"""The facilitator's portfolio dashboard, its CSV download, and cohort benchmark pages.

Open to anyone who facilitates a partnership or a cohort; everyone else gets 403. Rows are
the partnerships the person facilitates (directly or through a cohort): aggregates only.
Filters, sorting and paging are plain GET parameters, so every view of the table has its
own address and works without JavaScript; the database filters, sorts and pages
(``selectors.dashboard``, ADR 0035), so a page reads only its own rows and the CSV streams.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from assessments.reports.benchmark import BENCHMARK_MINIMUM, cohort_benchmarks
from assessments.reports.dashboard import (
    NO_SCORE,
    STATUS_LABELS,
    Portfolio,
    build_portfolio,
    dashboard_rows,
    stream_rows,
)
from assessments.reports.dashboard_table import (
    COLUMN_KEYS,
    COLUMNS,
    CSV_HEADER,
    Filters,
    csv_row,
    filter_rows,
    sort_rows,
)
from assessments.selectors.portfolio import cohorts_facilitated_by
from assessments.views.exports import download_name, streaming_csv
from partnership_site.loaders import load_facilitated_cohort
from partnership_site.permissions import note_facilitator

PAGE_SIZE = 25
SORT_DIRECTIONS = (("asc", "Ascending"), ("desc", "Descending"))


class DashboardFilterForm(forms.Form):
    framework = forms.ChoiceField(label="Scores for", required=False)
    name = forms.CharField(label="Partnership name contains", max_length=100, required=False)
    region = forms.ChoiceField(label="ICB or region", required=False)
    band = forms.ChoiceField(label="Score band", required=False)
    status = forms.ChoiceField(
        label="Latest round",
        required=False,
        choices=[("", "Any status"), *STATUS_LABELS.items()],
    )
    attention = forms.BooleanField(label="Only partnerships that need attention", required=False)
    sort = forms.ChoiceField(
        label="Sort by", required=False, choices=[(c.key, c.label) for c in COLUMNS]
    )
    dir = forms.ChoiceField(label="Order", required=False, choices=SORT_DIRECTIONS)

    def __init__(self, data, *, data_portfolio: Portfolio):
        super().__init__(data)
        self.fields["framework"].choices = data_portfolio.framework_choices
        self.fields["region"].choices = [
            ("", "Any ICB or region"),
            *((r, r) for r in data_portfolio.region_choices),
        ]
        self.fields["band"].choices = [
            ("", "Any band"),
            *data_portfolio.band_choices,
            (NO_SCORE, "No score to show"),
        ]

    def value(self, name: str, default=""):
        """The field's cleaned value if valid, else the default: a bad filter is ignored."""
        if not self.is_bound:
            return default
        self.is_valid()
        return self.cleaned_data.get(name) or default


def _table(request: HttpRequest):
    """The rows after filtering and sorting, with what the page needs to describe them."""
    data = build_portfolio(request.user, slug=request.GET.get("framework") or None)
    cohorts = cohorts_facilitated_by(request.user)
    if not data.total and not cohorts:
        raise PermissionDenied("The dashboard is for facilitators.")
    note_facilitator(request.user)  # the header's Dashboard link needs no query of its own
    form = DashboardFilterForm(request.GET, data_portfolio=data)
    filters = Filters(
        name=form.value("name"),
        region=form.value("region"),
        band=form.value("band"),
        status=form.value("status"),
        attention=bool(form.value("attention", False)),
    )
    sort = form.value("sort", "name")
    sort = sort if sort in COLUMN_KEYS else "name"
    direction = form.value("dir", "asc")
    rows = sort_rows(filter_rows(data.rows, filters), sort, direction == "desc")
    params = {
        "framework": data.framework_slug or "",
        "name": filters.name,
        "region": filters.region,
        "band": filters.band,
        "status": filters.status,
        "attention": "on" if filters.attention else "",
        "sort": sort,
        "dir": direction,
    }
    return data, cohorts, form, filters, rows, params


def _query(params: dict, **changes) -> str:
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in ("", None)})


def _headers(params: dict, sort: str, direction: str) -> list[dict]:
    headers = []
    for column in COLUMNS:
        current = column.key == sort
        next_direction = "desc" if current and direction == "asc" else "asc"
        headers.append(
            {
                "key": column.key,
                "label": column.label,
                "hidden": column.hidden,
                "numeric": column.numeric,
                "url": _query(params, sort=column.key, dir=next_direction, page=""),
                "aria_sort": (
                    ("ascending" if direction == "asc" else "descending") if current else None
                ),
                "hint": f"sort {'descending' if next_direction == 'desc' else 'ascending'}",
            }
        )
    return headers


def _pages(page, params: dict) -> list[dict]:
    """NHS.UK numbered pagination: first, last, and the pages around the current one."""
    paginator = page.paginator
    items = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append(
                {
                    "number": number,
                    "url": _query(params, page=number),
                    "current": number == page.number,
                }
            )
    return items


@require_http_methods(["GET"])
def dashboard(request: HttpRequest) -> HttpResponse:
    data, cohorts, form, filters, rows, params = _table(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = dashboard_rows(page.object_list, data)  # only this page's rows
    return render(
        request,
        "assessments/dashboard/dashboard.html",
        {
            "portfolio": data,
            "cohorts": cohorts,
            "form": form,
            "filters": filters,
            "params": params,
            "page_obj": page,
            "pages": _pages(page, params) if page.paginator.num_pages > 1 else [],
            "previous_url": _query(params, page=page.previous_page_number())
            if page.has_previous()
            else "",
            "next_url": _query(params, page=page.next_page_number()) if page.has_next() else "",
            "headers": _headers(params, params["sort"], params["dir"]),
            "total": data.total,
            "needing_attention": data.needing_attention,
            "csv_url": _query(params),
        },
    )


@require_http_methods(["GET"])
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    """The same rows as the table with the same filters and order, every page."""
    data, _cohorts, _form, _filters, rows, _params = _table(request)
    name = download_name("partnerships", data.framework_slug or "dashboard", extension="csv")
    return streaming_csv(name, CSV_HEADER, (csv_row(row) for row in stream_rows(rows, data)))


@require_http_methods(["GET"])
def cohort_benchmark(request: HttpRequest, pk: int) -> HttpResponse:
    """Only the cohort's facilitators may see its benchmark (404 for anyone else)."""
    cohort = load_facilitated_cohort(request, pk)
    benchmarks = cohort_benchmarks([cohort.pk])[cohort.pk]
    return render(
        request,
        "assessments/dashboard/cohort_benchmark.html",
        {
            "cohort": cohort,
            "partnership_count": cohort.partnerships.count(),
            "benchmarks": benchmarks,
            "minimum": BENCHMARK_MINIMUM,
        },
    )
