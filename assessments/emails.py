"""Composing and sending the service's emails (ADR 0022).

Every email has a subject and a plain-text body from templates/email/<name>_subject.txt and
templates/email/<name>.txt, and an HTML part made from the same text (templates/email/
base.html: paragraphs and links only), so what people read is the same in every mail client.
Links are absolute, built from ``settings.SITE_URL``, because commands send email with no
request to take a host from.

Emails never say what anyone answered: the context given to reminder templates holds the
round, its dates and the recipient's name, nothing about responses.

Sending goes through Django's email framework (console backend by default, SMTP when
EMAIL_HOST is set; settings.py). ``send`` raises whatever the backend raises
(``smtplib.SMTPException``, ``OSError``): callers send inside their transaction, so a failure
records nothing as sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

EMAIL_NAMES = (
    "membership_invitation_new",
    "membership_invitation_existing",
    "personal_link",
    "link_request_member",
    "reminder_not_answered",
    "reminder_actions_due",
)


def absolute_url(path: str) -> str:
    """``path`` (from ``reverse``) on the configured site: "https://host/path"."""
    return settings.SITE_URL + path


def url(name: str, *args) -> str:
    """The absolute URL of the named route."""
    return absolute_url(reverse(name, args=args))


@dataclass(frozen=True)
class Email:
    """One rendered email: subject, plain text and the recipient address."""

    to: str
    subject: str
    text: str

    def message(self, connection=None) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[self.to],
            connection=connection,
        )
        message.attach_alternative(
            render_to_string("email/base.html", {"subject": self.subject, "text": self.text}),
            "text/html",
        )
        return message


def render(name: str, *, to: str, context: dict) -> Email:
    """Render templates/email/<name>_subject.txt and <name>.txt with ``context`` (plus
    ``service_name`` and ``site_url``). Raises ``TemplateDoesNotExist`` for an unknown name."""
    context = {"service_name": settings.SERVICE_NAME, "site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"email/{name}_subject.txt", context).split())
    text = render_to_string(f"email/{name}.txt", context).strip() + "\n"
    return Email(to=to, subject=subject, text=text)


def send(emails: Iterable[Email]) -> int:
    """Send the emails over one connection; returns how many were sent."""
    emails = list(emails)
    if not emails:
        return 0
    connection = get_connection()
    return connection.send_messages([email.message(connection) for email in emails]) or 0
