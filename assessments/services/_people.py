"""Checks shared by the services that take a pasted or uploaded list of people (personal
links, ``services.invitations``; partnership invitations, ``services.membership_invitations``).

Every bad line is reported, each message starting "Line N: " when the line is known, so the
manager can mend the whole list at once; nothing is stored unless every line is good.

Every address must be in ``settings.RESPONDENT_EMAIL_DOMAINS`` (ADR 0037): people counted
towards the suppression threshold must have mailboxes their employer runs, so a manager
cannot make up respondents with addresses they control.
"""

from __future__ import annotations

from collections.abc import Container, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from assessments.models import Partner
from partnership_site.email_domains import (
    describe_domains,
    email_domain_allowed,
    is_plain_mailbox,
)

CHOOSE_ORGANISATION = "choose one of this partnership's organisations."


def line_prefix(line: int) -> str:
    """ "Line 3: " for a numbered line, nothing for a person entered on their own."""
    return f"Line {line}: " if line else ""


def allowed_domains_text() -> str:
    """The allowed work domains in words, as messages and pages give them."""
    return describe_domains(settings.RESPONDENT_EMAIL_DOMAINS)


def domain_error(email: str) -> str | None:
    """A (valid) address outside ``RESPONDENT_EMAIL_DOMAINS``, or not a plain mailbox
    (``email_domains.is_plain_mailbox``: one person must not count as several through
    "name+tag" addresses): the message, else None."""
    if not email_domain_allowed(email, settings.RESPONDENT_EMAIL_DOMAINS):
        return (
            f"{email} is not a work address this service accepts: use an address "
            f"{allowed_domains_text()}."
        )
    if not is_plain_mailbox(email):
        return (
            f"{email} is not a plain work address: give the person's own address, without a "
            "“+” tag or “%”, “!” or quotation marks."
        )
    return None


def address_error(email: str, taken: Sequence[tuple[Container[str], str]]) -> str | None:
    """The first problem with one address, or None: not a valid email address, outside the
    allowed work domains (``domain_error``), or its case-folded form in one of ``taken``'s
    sets (checked in order), with that set's message, in which ``{email}`` stands for the
    address as typed."""
    try:
        validate_email(email)
    except ValidationError:
        return f"“{email}” is not a valid email address."
    if problem := domain_error(email):
        return problem
    key = email.casefold()
    for addresses, message in taken:
        if key in addresses:
            return message.format(email=email)
    return None


def organisation_error(
    partner: Partner | None, partnership_id: int, *, required: bool
) -> str | None:
    """A problem with the organisation a line names, or None: missing (when ``required``),
    in another partnership, or archived."""
    if partner is None:
        return CHOOSE_ORGANISATION if required else None
    if partner.partnership_id != partnership_id or partner.archived_at is not None:
        return CHOOSE_ORGANISATION
    return None
