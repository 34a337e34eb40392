"""Reading lists of people that managers paste or upload: one person per line, values
separated by commas (CSV), each bad line reported by its number.

Shared by the personal-links form (``round_access.PersonalInvitationsForm``) and the invite
form (``invitations.InvitePeopleForm``), so both read lists, and word their errors, alike.
"""

from __future__ import annotations

import csv
import io

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from assessments.services._people import domain_error

MAX_LIST_BYTES = 1_000_000  # 1 MB: far more than 500 people; a pasted document is refused
TOO_BIG = "The list is bigger than 1 MB. Split it into smaller lists of at most {people} people"
HEADER_WORDS = {"name", "email", "email address", "organisation", "role"}


def check_size(text: str, *, max_people: int) -> None:
    """Raise ``forms.ValidationError`` if ``text`` is over ``MAX_LIST_BYTES`` (UTF-8)."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_LIST_BYTES:
        raise forms.ValidationError(TOO_BIG.format(people=max_people))


def numbered_rows(text: str) -> list[tuple[int, list[str]]]:
    """Each non-blank line's number (from 1) and its values, trimmed. A first line of column
    names ("name, email, organisation, role") is skipped."""
    rows = []
    for number, row in enumerate(csv.reader(io.StringIO(text), skipinitialspace=True), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if not rows and cells and {c.casefold() for c in cells if c} <= HEADER_WORDS:
            continue
        rows.append((number, cells))
    return rows


class EmailList:
    """Checks the addresses of a list in order: each must be valid, in an allowed work domain
    (``RESPONDENT_EMAIL_DOMAINS``, ADR 0037) and appear once.
    Collects "Line N: …" messages in ``errors``."""

    def __init__(self):
        self.seen: set[str] = set()
        self.errors: list[str] = []

    def check(self, number: int, email: str) -> bool:
        try:
            validate_email(email)
        except ValidationError:
            self.errors.append(f"Line {number}: “{email}” is not a valid email address.")
            return False
        if problem := domain_error(email):
            self.errors.append(f"Line {number}: {problem}")
            return False
        key = email.casefold()
        if key in self.seen:
            self.errors.append(f"Line {number}: {email} appears more than once in the list.")
            return False
        self.seen.add(key)
        return True

    def error(self, number: int, message: str) -> None:
        self.errors.append(f"Line {number}: {message}")


def read_upload(upload, *, max_people: int) -> str:
    """The text of an uploaded CSV file (UTF-8, with or without a byte order mark; or
    Windows-1252, as older spreadsheets save it). Raises ``forms.ValidationError`` if it is
    over 1 MB or not text."""
    if upload.size > MAX_LIST_BYTES:
        raise forms.ValidationError(TOO_BIG.format(people=max_people))
    data = upload.read(MAX_LIST_BYTES + 1)
    if b"\x00" in data:
        raise forms.ValidationError("The file must be a CSV file saved from a spreadsheet")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
