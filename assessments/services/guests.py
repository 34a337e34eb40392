"""Guests who started through a round's shared link before ADR 0037: the rest of their set.

The shared link no longer starts questionnaires: it asks for a work email address and sends
a personal link (``services.link_requests``). Guests who started before that change chose
their organisation, role and questionnaires as a ``ResponseSet`` (ADR 0024); they may still
start the questionnaires they chose, as the same organisation and role, under the old
shared-link cap (``responses._check_open_link_place``), until the round closes.

Starting is idempotent. Each start form carries a random one-time ``form_token``; the new
response's resume token is derived from it (HMAC under SECRET_KEY, with the round and
questionnaire), and only the derived token's hash is stored. Sending the same form twice (a
double click, a retried request) finds the response the first send made, by that hash, and
hands back the same resume token. The round's row is locked while starting, so two
concurrent sends queue, and ``Response.resume_token_hash`` is unique.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.crypto import salted_hmac

from assessments.errors import NotAllowedNow
from assessments.models import Response, ResponseSet, Round, hash_token, new_token
from assessments.services.responses import GuestStart, start_response
from frameworks.models import Framework

FORM_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")
TOKEN_SALT = "assessments.guest-start"


def new_form_token() -> str:
    """A one-time token for a start form (32 URL-safe characters)."""
    return new_token()


def _resume_token(form_token: str, round_: Round, framework: Framework) -> str:
    """The resume token a start form gives: 64 hex digits, never stored (only its hash)."""
    if not FORM_TOKEN.match(form_token or ""):
        return new_token()  # no usable form token (an old page): a fresh, one-off start
    return salted_hmac(
        TOKEN_SALT, f"{round_.pk}:{framework.pk}:{form_token}", algorithm="sha256"
    ).hexdigest()


def _replayed(token: str) -> Response | None:
    return Response.objects.filter(resume_token_hash=hash_token(token)).first()


@transaction.atomic
def start_next_in_set(
    *, actor, response_set: ResponseSet, framework: Framework, form_token: str
) -> GuestStart:
    """Start the next questionnaire a guest chose, with the organisation and role they gave.

    Idempotent: the same ``form_token`` gives the same response. Raises ``NotAllowedNow`` when the
    questionnaire was not chosen or has been started already (from another device).
    """
    round_ = Round.objects.select_for_update().get(pk=response_set.round_id)
    token = _resume_token(form_token, round_, framework)
    if (existing := _replayed(token)) is not None:
        return GuestStart(response=existing, resume_token=token)
    if framework not in response_set.remaining_frameworks():
        raise NotAllowedNow("You have already started this questionnaire.")
    start = start_response(
        actor=actor,
        round_=round_,
        framework=framework,
        partner=response_set.partner,
        respondent_role=response_set.respondent_role,
        resume_token=token,
    )
    Response.objects.filter(pk=start.response.pk).update(response_set=response_set)
    start.response.response_set = response_set
    return start
