"""Who may open a response, and how a guest's browser keeps their private link.

A signed-in person's response is theirs alone. A guest's response is opened with its
private resume link (/resume/<token>/). The server stores only the token's SHA-256 hash; the
token itself stays in the guest's browser, in a signed, HTTP-only cookie, so they can move
between pages and every page can show them the link again (see docs/adr).
"""

from __future__ import annotations

import functools
import hmac
import json
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse

from assessments.forms.questionnaire import ANSWER_FIELD
from assessments.links import token_matches
from assessments.models import Response, Round, RoundStatus, hash_token
from assessments.selectors import responses as selectors

GUEST_LINKS_COOKIE = "guest_links"  # signed JSON: {str(response pk): resume token}
GUEST_LINKS_SALT = "assessments.guest-links"
GUEST_LINKS_MAX_AGE = 60 * 60 * 24 * 120  # seconds: long enough to outlast a round
PERSONAL_LINKS = "personal_links"  # session: {str(invitation pk): token} opened in this browser
# session: {"path": str, "response": pk, "data": [[name, value], ...]}: what a signed-out
# respondent typed on a page, kept until they sign in again and see it (ADR 0024).
KEPT_PAGE = "kept_page"
KEPT_FIELDS_LIMIT = 300  # answer fields a page can have, with their hidden initial values
KEPT_VALUE_LIMIT = 5000  # characters: the longest answer a field accepts (MAX_TEXT_LENGTH)


class SignInAgain(Exception):  # noqa: N818 (a signal, not an error)
    """The response belongs to an account and nobody is signed in: their session ended."""


def signs_in_again(view):
    """Send a person whose session ended to sign in, and back to the same page after.

    What they had typed on a page they posted is kept in their (new) session, not saved,
    and shown again on that page once they have signed in as the response's owner."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except SignInAgain as signal:
            if request.method == "POST":
                keep_typed_page(request, response_pk=signal.args[0])
            return redirect_to_login(request.get_full_path())

    return wrapper


def keep_typed_page(request, *, response_pk: int) -> None:
    """Keep the answer fields (and their hidden initial values) of a POST, bounded in size."""
    data = [
        [name, value[:KEPT_VALUE_LIMIT]]
        for name, value in request.POST.items()
        if ANSWER_FIELD.match(name.removeprefix("initial-")) and isinstance(value, str)
    ][:KEPT_FIELDS_LIMIT]
    request.session[KEPT_PAGE] = {
        "path": request.get_full_path(),
        "response": response_pk,
        "data": data,
    }


def take_kept_page(request, access: ResponseAccess) -> QueryDict | None:
    """What the response's owner typed on this page before their session ended, once.
    Only for a signed-in owner (never a guest or someone else signing in on the computer)."""
    kept = request.session.get(KEPT_PAGE)
    if not isinstance(kept, dict) or kept.get("path") != request.get_full_path():
        return None
    if kept.get("response") != access.response.pk or access.response.respondent_id is None:
        return None
    del request.session[KEPT_PAGE]
    data = QueryDict(mutable=True)
    for name, value in kept.get("data", []):
        data.appendlist(name, value)
    return data


def remember_personal_link(request, invitation, token: str) -> None:
    """This browser has opened a personal link: its responses may be opened here."""
    request.session.setdefault(PERSONAL_LINKS, {})[str(invitation.pk)] = token
    request.session.modified = True


def personal_token(request, response: Response) -> str | None:
    """The personal link token this browser holds for the response's invitation, if valid."""
    if response.invitation_id is None:
        return None
    token = request.session.get(PERSONAL_LINKS, {}).get(str(response.invitation_id))
    if not isinstance(token, str) or not token_matches(response.invitation, token):
        return None
    return token


def _guest_links(request) -> dict[str, str]:
    if not hasattr(request, "_guest_links"):
        raw = request.get_signed_cookie(GUEST_LINKS_COOKIE, default=None, salt=GUEST_LINKS_SALT)
        try:
            links = json.loads(raw) if raw else {}
        except ValueError:
            links = {}
        request._guest_links = links if isinstance(links, dict) else {}
    return request._guest_links


def remember_guest_response(request, response: Response, token: str) -> None:
    _guest_links(request)[str(response.pk)] = token
    request._guest_links_changed = True


def store_guest_links(request, http_response) -> None:
    """Write the guest's links back to their browser (called by GuestLinksMiddleware)."""
    if getattr(request, "_guest_links_changed", False):
        http_response.set_signed_cookie(
            GUEST_LINKS_COOKIE,
            json.dumps(_guest_links(request)),
            salt=GUEST_LINKS_SALT,
            max_age=GUEST_LINKS_MAX_AGE,
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
            samesite="Lax",
        )


def guest_token(request, response: Response) -> str | None:
    """The resume token for this response held by the guest's browser, if it matches."""
    token = _guest_links(request).get(str(response.pk))
    if not isinstance(token, str) or not token or not response.resume_token_hash:
        return None
    if not hmac.compare_digest(hash_token(token), response.resume_token_hash):
        return None
    return token


def guest_response_pks(request) -> list[int]:
    return [int(pk) for pk in _guest_links(request) if pk.isdigit()]


@dataclass(frozen=True)
class ResponseAccess:
    response: Response
    actor: object  # the signed-in owner, or an anonymous user for a guest
    resume_token: str | None = None  # guests only
    personal_token: str | None = None  # people answering through a personal link

    @property
    def is_guest(self) -> bool:
        return self.resume_token is not None or self.personal_token is not None

    def resume_url(self, request) -> str | None:
        if self.resume_token is None:
            return None
        return request.build_absolute_uri(reverse("resume", args=[self.resume_token]))

    def round_url(self) -> str:
        """Where the person started: the round page, or the invitation page for guests."""
        round_ = self.response.round
        if self.personal_token is not None:
            return reverse("personal_invitation", args=[self.personal_token])
        if self.is_guest:
            return reverse("invitation", args=[round_.invitation_token])
        return reverse("round_answer", args=[round_.pk])


def response_access(request, pk: int) -> ResponseAccess:
    """The response if this person may open it; 404 otherwise (never saying whose it is).

    Raises ``SignInAgain`` when the response belongs to an account and nobody is signed in
    (their session ended): views wrapped in ``signs_in_again`` send them to sign in."""
    response = selectors.response_for_pages(pk)
    if response is None:
        raise Http404("No such response.")
    if response.respondent_id is not None:
        if not request.user.is_authenticated:
            raise SignInAgain(response.pk)
        if request.user.pk != response.respondent_id:
            raise Http404("No such response.")
        return ResponseAccess(response=response, actor=request.user)
    # Guests and people with a personal link alike: only the browser holding the response's
    # private resume token opens it. The personal link alone never does (ADR 0011).
    token = guest_token(request, response)
    if token is None:
        raise Http404("No such response.")
    return ResponseAccess(
        response=response,
        actor=AnonymousUser(),
        resume_token=token,
        personal_token=personal_token(request, response),
    )


def accepts_answers(response: Response) -> bool:
    """The round is open and, for a personal link, the link has not been withdrawn."""
    if response.invitation_id is not None and response.invitation.is_withdrawn:
        return False
    return response.round.accepts_answers


def link_not_found(request, kind: str) -> HttpResponse:
    """The friendly page (status 404) for a link that matches nothing: mistyped, cut short
    or replaced. ``kind`` is "shared", "personal" or "private" (a guest's resume link)."""
    return render(
        request, "assessments/questionnaire/link_not_found.html", {"kind": kind}, status=404
    )


def round_closed(request, round_: Round, *, access: ResponseAccess | None = None):
    """The page for a round that is not open: it says so, and accepts nothing (a POST gets
    403: nothing was saved)."""
    return render(
        request,
        "assessments/questionnaire/round_closed.html",
        {
            "round": round_,
            "not_yet_open": round_.status == RoundStatus.DRAFT,
            "withdrawn": bool(
                access
                and access.response.invitation_id
                and access.response.invitation.is_withdrawn
                and round_.accepts_answers
            ),
            "access": access,
            "response": access.response if access else None,
        },
        status=403 if request.method == "POST" else 200,
    )
