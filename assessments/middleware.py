"""Middleware of the assessments app: guests' links, and rounds that close on their date."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from assessments.services.rounds import close_due_rounds
from assessments.views.questionnaire.access import store_guest_links

# Cache key (per day) meaning "due rounds were closed recently in this cache".
ROUNDS_CHECKED_KEY = "assessments:due-rounds-checked:{day}"
ROUNDS_CHECK_INTERVAL = 300  # seconds between checks on requests, within one day


class GuestLinksMiddleware:
    """Keeps guests' private resume links in their own browser, never on the server."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        store_guest_links(request, response)
        return response


class CloseDueRoundsMiddleware:
    """Closes rounds whose closing date has passed before any view reads a round (ADR 0023).

    Cheap: a cache read on most requests. The first request of each day (the key holds the
    date, so a new day is always checked at once) and then one every
    ``ROUNDS_CHECK_INTERVAL`` seconds runs ``close_due_rounds``, which is one indexed query
    (``round_status_closes_on``) when nothing is due. A round becomes due only when the date
    changes, so no page ever shows an open round whose closing date has passed.
    ``manage.py close_due_rounds`` does the same from cron. ``CLOSE_DUE_ROUNDS_ON_REQUESTS``
    (default True) turns the check off, for tests that make requests without a database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = ROUNDS_CHECKED_KEY.format(day=timezone.localdate().isoformat())
        enabled = getattr(settings, "CLOSE_DUE_ROUNDS_ON_REQUESTS", True)
        if enabled and cache.add(key, True, timeout=ROUNDS_CHECK_INTERVAL):
            close_due_rounds(actor=None)
        return self.get_response(request)
