"""The round's shared link: asking for a personal link with a work email address (ADR 0037).

Anyone with the shared link may ask; the service (``services.request_personal_link``)
emails a personal link to the address, and the person answers through it. The page after a
valid request is the same whatever happened to the address (a new link, a link sent again,
nothing for a withdrawn one, a "sign in" note for a member), so it cannot be used to find
out who was invited. Requests are throttled in the cache (Django's cache framework): per IP
address, per round and per email address, each per clock hour; over a limit, the page says
to try again later and nothing is sent.
"""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.errors import InvalidInput, NotAllowedNow
from assessments.forms.questionnaire import LinkRequestForm
from assessments.selectors import responses as selectors
from assessments.services._people import allowed_domains_text
from assessments.views.questionnaire.access import link_not_found, round_closed
from assessments.views.service_forms import add_service_errors
from partnership_site.permissions import has_permission
from partnership_site.roles import Permission

REQUESTED_ADDRESS = "link_request_address"  # session: {str(round pk): the address typed}
WINDOW_SECONDS = 60 * 60


def _over_limit(kind: str, value: str, limit: int) -> bool:
    """Count one request against ``kind``/``value`` in this clock hour; True once over
    ``limit``. ``cache.add`` then ``incr`` is atomic in every cache Django ships."""
    hour = int(timezone.now().timestamp()) // WINDOW_SECONDS
    key = f"link-requests:{kind}:{value}:{hour}"
    cache.add(key, 0, timeout=WINDOW_SECONDS + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS + 60)
        count = 1
    return count > limit


def _throttled(request, round_, email: str) -> bool:
    ip = get_client_ip_address(request) or "unknown"
    checks = [
        ("ip", ip, settings.LINK_REQUESTS_PER_IP_PER_HOUR),
        ("round", str(round_.pk), settings.LINK_REQUESTS_PER_ROUND_PER_HOUR),
        ("address", email.strip().casefold(), settings.LINK_REQUESTS_PER_ADDRESS_PER_HOUR),
    ]
    # Count against every limit (no short cut), so one limit cannot hide another's use.
    over = [_over_limit(kind, value, limit) for kind, value, limit in checks]
    return any(over)


def _usable_round(request, token: str):
    """The round and what to show instead, if anything."""
    round_ = selectors.round_by_invitation_token(token)
    if round_ is None:
        return None, link_not_found(request, "shared")
    if has_permission(request.user, Permission.ANSWER_QUESTIONNAIRES, round_.partnership):
        return round_, redirect("round_answer", round_.pk)
    if not round_.accepts_answers:
        return round_, round_closed(request, round_)
    if not round_.open_link_enabled:
        return round_, redirect("invitation", token)
    return round_, None


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def link_request(request, token: str):
    """Work email address, organisation and role; then "check your email"."""
    round_, instead = _usable_round(request, token)
    if instead is not None:
        return instead
    partners = list(round_.partnership.partners.active().order_by("name"))
    if not partners:
        return render(
            request, "assessments/questionnaire/invitation_not_ready.html", {"round": round_}
        )
    form = LinkRequestForm(
        request.POST if request.method == "POST" else None,
        partners=partners,
        domains=allowed_domains_text(),
    )
    status = 200
    throttled = False
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if _throttled(request, round_, email):
            throttled, status = True, 429
        else:
            try:
                services.request_personal_link(
                    round_=round_,
                    email=email,
                    partner=form.chosen_partner(),
                    respondent_role=form.cleaned_data["respondent_role"],
                )
            except NotAllowedNow:
                return round_closed(request, round_)
            except InvalidInput as error:
                add_service_errors(form, error)
            else:
                request.session.setdefault(REQUESTED_ADDRESS, {})[str(round_.pk)] = email.strip()
                request.session.modified = True
                return redirect("link_request_sent", token)
    return render(
        request,
        "assessments/questionnaire/link_request.html",
        {"round": round_, "form": form, "throttled": throttled},
        status=status,
    )


@login_not_required
@never_cache
@require_http_methods(["GET"])
def link_request_sent(request, token: str):
    """The same page for every request: check your email."""
    round_ = selectors.round_by_invitation_token(token)
    if round_ is None:
        return link_not_found(request, "shared")
    email = request.session.get(REQUESTED_ADDRESS, {}).get(str(round_.pk), "")
    return render(
        request,
        "assessments/questionnaire/link_request_sent.html",
        {"round": round_, "email": email},
    )
