"""A closed round's PDF report pack, rendered by WeasyPrint from HTML and print CSS.

The pack (cover, one-page summary, each framework's dimension table, radar and heatmaps,
the agreed actions) is a template over the round pack (round_pack.py), so it shows exactly
the report page's groups, figures and charts: the radar is the page's own server-side SVG.
A4 pages carry a running header (partnership and round) and "Page n of m".

Fonts are the machine's, found through fontconfig (Debian's fonts-liberation2, metric twin
of Arial, the NHS.UK fallback font): nothing is ever fetched. The URL fetcher refuses every
address except inline ``data:`` URLs, so a stray link in content cannot make the server
reach out to the network while it renders.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from assessments.reports.round_pack import RoundPack

try:
    from weasyprint import CSS, HTML
    from weasyprint.urls import default_url_fetcher
except OSError as error:  # Pango is missing: every other page still works
    CSS = HTML = default_url_fetcher = None
    MISSING_LIBRARIES = str(error)
else:
    MISSING_LIBRARIES = ""


class PdfUnavailable(RuntimeError):
    """Raised when the machine lacks WeasyPrint's system libraries (Pango, see README)."""


TEMPLATE = "assessments/reports/pack/pack.html"
STYLESHEET = "assessments/reports/pack/pack.css"  # given to WeasyPrint: no inline <style>


class FetchRefused(ValueError):
    """Raised (and reported by WeasyPrint as a skipped resource) for any non-inline URL."""


def offline_url_fetcher(url: str, *args, **kwargs):
    """WeasyPrint's fetcher for ``data:`` URLs only; everything else is refused."""
    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    raise FetchRefused(f"The report pack loads nothing from outside: {url}")


def pack_html(pack: RoundPack) -> str:
    return render_to_string(TEMPLATE, {"pack": pack, "round": pack.round})


def render_pdf(pack: RoundPack) -> bytes:
    """The pack as PDF bytes (A4). Raises ``PdfUnavailable`` without Pango."""
    if HTML is None:
        raise PdfUnavailable(MISSING_LIBRARIES)
    document = HTML(string=pack_html(pack), url_fetcher=offline_url_fetcher, base_url="/")
    return document.write_pdf(
        stylesheets=[CSS(string=render_to_string(STYLESHEET), url_fetcher=offline_url_fetcher)],
        pdf_identifier=f"round-{pack.round.pk}".encode(),
        uncompressed_pdf=False,
    )
