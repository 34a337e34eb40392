"""Downloads of a round's report and of trends: PDF pack, Excel workbook and CSVs.

Every download is loaded through the same checks as the page it comes from (the report's
loader, the trends page's permission, the dashboard's facilitator rule) and is built from
the same presenters. CSVs stream (StreamingHttpResponse over a lazy iterator), start with a
UTF-8 byte-order mark so that Excel reads accents and dashes correctly, and pass every cell
through the formula guard. File names carry the partnership, the round and today's date.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from assessments.models import Partnership, RoundStatus
from assessments.reports.analyst_csv import ANALYST_HEADER, analyst_rows
from assessments.reports.csv_export import REPORT_HEADER, csv_lines, report_rows
from assessments.reports.pdf_pack import PdfUnavailable, render_pdf
from assessments.reports.round_pack import build_round_pack
from assessments.reports.round_report import build_round_report
from assessments.reports.workbook import build_workbook
from assessments.selectors.portfolio import cohorts_facilitated_by
from assessments.views.reports import report_loader
from partnership_site.loaders import load_partnership
from partnership_site.permissions import can_view_round_report
from partnership_site.roles import Permission

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def streaming_csv(filename: str, header, rows) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def download_name(*parts: str, extension: str) -> str:
    """``riverside-pcn-spring-review-2026-03-31.pdf``: the parts and today's date, slugged."""
    return f"{slugify(' '.join(parts))}-{timezone.localdate().isoformat()}.{extension}"


def _closed_round(request, pk):
    round_, loaded, _ = report_loader(request, pk, None)
    if round_.status != RoundStatus.CLOSED:
        raise Http404("Board packs are made once a round has closed.")
    return round_, loaded


def _pack(round_, loaded):
    return build_round_pack(round_, [f.framework for f in loaded], loaded=loaded)


@require_http_methods(["GET"])
def round_report_csv(request, pk, slug):
    """The report's figures, one per row, for people's own analysis. No comments."""
    round_, _, chosen = report_loader(request, pk, slug)
    report = build_round_report(round_, chosen.framework, include_comments=False, loaded=chosen)
    name = download_name(
        round_.partnership.name, round_.title, chosen.framework.slug, extension="csv"
    )
    return streaming_csv(name, REPORT_HEADER, report_rows(report))


@require_http_methods(["GET"])
def round_report_pdf(request, pk):
    pack = _pack(*_closed_round(request, pk))
    round_ = pack.round
    try:
        pdf = render_pdf(pack)
    except PdfUnavailable:
        return HttpResponse(
            "The PDF report pack cannot be made on this server: its PDF libraries (Pango) are "
            "not installed. The Excel workbook and the CSV files still work.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = download_name(round_.partnership.name, round_.title, extension="pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET"])
def round_report_xlsx(request, pk):
    pack = _pack(*_closed_round(request, pk))
    round_ = pack.round
    response = HttpResponse(build_workbook(pack), content_type=XLSX)
    name = download_name(round_.partnership.name, round_.title, extension="xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET"])
def trends_csv(request, pk):
    """Every closed round the person may see × framework × dimension × published group."""
    partnership = load_partnership(request, pk, permission=Permission.VIEW_REPORT)
    user = request.user
    rows = analyst_rows(
        [partnership.pk], include=lambda link: can_view_round_report(user, link.round)
    )
    name = download_name(partnership.name, "trends", extension="csv")
    return streaming_csv(name, ANALYST_HEADER, rows)


@require_http_methods(["GET"])
def portfolio_csv(request):
    """The same figures for every partnership the person facilitates (403 for others)."""
    ids = (
        Partnership.objects.facilitated_by(request.user)
        .order_by("name", "pk")
        .values_list("pk", flat=True)
    )
    if not ids.exists() and not cohorts_facilitated_by(request.user):
        raise PermissionDenied("The portfolio download is for facilitators.")
    name = download_name("portfolio", "closed rounds", extension="csv")
    return streaming_csv(name, ANALYST_HEADER, analyst_rows(ids.iterator(chunk_size=500)))
