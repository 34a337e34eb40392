"""Reading downloads in tests as a spreadsheet would: CSVs must stream and start with a
UTF-8 byte-order mark."""

import csv
import io

from django.http import StreamingHttpResponse
from openpyxl import load_workbook
from pypdf import PdfReader

BOM = "\ufeff"


def csv_text(response) -> str:
    """The CSV's text after its byte-order mark (asserted, as is streaming)."""
    assert isinstance(response, StreamingHttpResponse), "CSV downloads stream"
    raw = b"".join(response.streaming_content)
    text = raw.decode("utf-8")
    assert text.startswith(BOM), "CSV downloads start with a UTF-8 byte-order mark"
    return text[len(BOM) :]


def csv_dicts(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(csv_text(response))))


def pdf_pages(response) -> list[str]:
    """The text of each page of a PDF download."""

    assert response["Content-Type"] == "application/pdf"
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def workbook(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def download_text(response) -> str:
    """Everything a download says, as text: CSV, PDF, Excel workbook or HTML."""
    content_type = response["Content-Type"]
    if content_type.startswith("text/csv"):
        return csv_text(response)
    if content_type == "application/pdf":
        return "\n".join(pdf_pages(response))
    if content_type.startswith("application/vnd.openxmlformats"):
        book = workbook(response)
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return response.content.decode()
