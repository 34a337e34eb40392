"""Who may open a response, and the guest session that saves guests pasting their link.

A signed-in person's response is theirs alone. A guest's response is opened with its
private resume link (/resume/<token>/); the link's token is then kept in the guest's session
so they can move between pages, and so every page can show them the link again. The
database holds only the token's SHA-256 hash. The session store (server side) holds the
token for as long as the session lives: anyone able to read that store could already take
over the session itself, so this adds no new way in.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from assessments.models import Response, Round, RoundStatus, hash_token
from assessments.selectors import responses as selectors

GUEST_RESPONSES = "guest_responses"  # {str(response pk): resume token}
GUEST_PLANS = "guest_plans"  # {str(round pk): {"partner": pk, "role": str, "frameworks": [pk]}}


def remember_guest_response(request, response: Response, token: str) -> None:
    request.session.setdefault(GUEST_RESPONSES, {})[str(response.pk)] = token
    request.session.modified = True


def guest_token(request, response: Response) -> str | None:
    """The resume token for this response held in the session, if it matches."""
    token = request.session.get(GUEST_RESPONSES, {}).get(str(response.pk))
    if not token or not response.resume_token_hash:
        return None
    if not hmac.compare_digest(hash_token(token), response.resume_token_hash):
        return None
    return token


def guest_response_pks(request) -> list[int]:
    return [int(pk) for pk in request.session.get(GUEST_RESPONSES, {}) if pk.isdigit()]


def guest_plan(request, round_: Round) -> dict:
    return request.session.get(GUEST_PLANS, {}).get(str(round_.pk), {})


def save_guest_plan(request, round_: Round, plan: dict) -> None:
    request.session.setdefault(GUEST_PLANS, {})[str(round_.pk)] = plan
    request.session.modified = True


@dataclass(frozen=True)
class ResponseAccess:
    response: Response
    actor: object  # the signed-in owner, or an anonymous user for a guest
    resume_token: str | None = None  # guests only

    @property
    def is_guest(self) -> bool:
        return self.resume_token is not None

    def resume_url(self, request) -> str | None:
        if self.resume_token is None:
            return None
        return request.build_absolute_uri(reverse("resume", args=[self.resume_token]))

    def round_url(self) -> str:
        """Where the person started: the round page, or the invitation page for guests."""
        round_ = self.response.round
        if self.is_guest:
            return reverse("invitation", args=[round_.invitation_token])
        return reverse("round_answer", args=[round_.pk])


def response_access(request, pk: int) -> ResponseAccess:
    """The response if this person may open it; 404 otherwise (never saying whose it is)."""
    response = selectors.response_for_pages(pk)
    if response is None:
        raise Http404("No such response.")
    if response.respondent_id is not None:
        if not request.user.is_authenticated or request.user.pk != response.respondent_id:
            raise Http404("No such response.")
        return ResponseAccess(response=response, actor=request.user)
    token = guest_token(request, response)
    if token is None:
        raise Http404("No such response.")
    return ResponseAccess(response=response, actor=AnonymousUser(), resume_token=token)


def round_closed(request, round_: Round, *, access: ResponseAccess | None = None):
    """The page for a round that is not open: it says so, and accepts nothing (a POST gets
    403: nothing was saved)."""
    return render(
        request,
        "assessments/questionnaire/round_closed.html",
        {
            "round": round_,
            "not_yet_open": round_.status == RoundStatus.DRAFT,
            "access": access,
            "response": access.response if access else None,
        },
        status=403 if request.method == "POST" else 200,
    )
