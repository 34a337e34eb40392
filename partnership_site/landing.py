"""Where people land after signing in (with a password or an NHS account) when no ``next``
page was asked for: facilitators on the dashboard, everyone else on My partnerships."""

from django.urls import reverse

from partnership_site.permissions import is_facilitator


def landing_url(user) -> str:
    """The path to send ``user`` to after signing in, without a ``next``."""
    return reverse("dashboard") if is_facilitator(user) else reverse("my_partnerships")
