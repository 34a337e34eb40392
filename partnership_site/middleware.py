"""Middleware the whole service needs: no caching of pages, and an idle timeout for sessions
on shared computers."""

import time

from django.conf import settings
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """``Cache-Control: no-store`` (with ``private, no-cache, must-revalidate, max-age=0``
    and an ``Expires`` in the past) on every response a view makes, unless the view set its
    own ``Cache-Control``.

    Pages and downloads hold results, comments, names and invitation links; on a shared NHS
    computer none of them may be kept by the browser or by a proxy. Static files are served
    by WhiteNoise before this runs and keep their long cache lifetimes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


RENEWED_AT_KEY = "_renewed_at"  # Unix time (seconds) the session's idle timer last restarted


def start_idle_timer(sender, request, user, **kwargs):
    """On sign-in (``user_logged_in``): the idle timer starts with the new session."""
    request.session[RENEWED_AT_KEY] = int(time.time())


class SessionIdleTimeoutMiddleware:
    """Signs people out after ``SESSION_COOKIE_AGE`` seconds without a request.

    Django ends a database session ``SESSION_COOKIE_AGE`` after it was last saved. This
    saves a signed-in session again when a request comes more than
    ``SESSION_RENEW_INTERVAL`` seconds (default 60) after the last renewal, so the idle
    limit is exact to within a minute while most requests write nothing (unlike
    ``SESSION_SAVE_EVERY_REQUEST``, which writes on every request).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            renewed_at = session.get(RENEWED_AT_KEY)
            now = int(time.time())
            interval = getattr(settings, "SESSION_RENEW_INTERVAL", 60)
            if renewed_at is not None and now - renewed_at >= interval:
                session[RENEWED_AT_KEY] = now
        return self.get_response(request)
