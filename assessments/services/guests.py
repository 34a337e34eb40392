"""Guests starting questionnaires through a round's shared link: once, and as one set.

A guest's choices (organisation, role, the questionnaires they will answer) are stored with
their responses as a ``ResponseSet``, so any browser holding one of their resume links sees
the same "Next questionnaire" (ADR 0024).

Starting is idempotent. Each start form carries a random one-time ``form_token``; the new
response's resume token is derived from it (HMAC under SECRET_KEY, with the round and
questionnaire), and only the derived token's hash is stored. Sending the same form twice (a
double click, a retried request) finds the response the first send made, by that hash, and
hands back the same resume token: one response, and the browser holds its link whichever
reply it kept. The round's row is locked while starting, so two concurrent sends queue, and
``Response.resume_token_hash`` is unique, so they could never both insert.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.db import transaction
from django.utils.crypto import salted_hmac

from assessments.errors import InvalidInput, NotAllowedNow
from assessments.models import Partner, Response, ResponseSet, Round, hash_token, new_token
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


def guest_start_replay(*, round_: Round, form_token: str) -> GuestStart | None:
    """The start a start form already made (it was sent before), or None. Reads only."""
    if not FORM_TOKEN.match(form_token or ""):
        return None
    response_set = ResponseSet.objects.filter(
        round=round_, form_token_hash=hash_token(form_token)
    ).first()
    first = response_set and response_set.responses.order_by("pk").first()
    if first is None:
        return None
    token = _resume_token(form_token, round_, first.framework)
    if first.resume_token_hash != hash_token(token):  # SECRET_KEY changed since
        return None
    return GuestStart(response=first, resume_token=token)


@transaction.atomic
def start_guest_responses(
    *,
    actor,
    round_: Round,
    frameworks: Sequence[Framework],
    partner: Partner | None,
    respondent_role: str,
    form_token: str,
) -> GuestStart:
    """Start the first of the questionnaires a guest chose, recording their choices.

    ``actor`` is an anonymous user (or None from a command). Returns the response and its
    resume token; the same ``form_token`` again returns the same response and token.
    Raises ``ValidationError`` as ``start_response`` does, or for no questionnaires.
    """
    if not frameworks:
        raise InvalidInput({"frameworks": "Select at least one questionnaire"})
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if (replay := guest_start_replay(round_=round_, form_token=form_token)) is not None:
        return replay
    token = _resume_token(form_token, round_, frameworks[0])
    start = start_response(
        actor=actor,
        round_=round_,
        framework=frameworks[0],
        partner=partner,
        respondent_role=respondent_role,
        resume_token=token,
    )
    response_set = ResponseSet.objects.create(
        round=round_,
        partner=partner,
        respondent_role=respondent_role,
        form_token_hash=hash_token(form_token) if FORM_TOKEN.match(form_token or "") else None,
    )
    response_set.frameworks.set(frameworks)
    Response.objects.filter(pk=start.response.pk).update(response_set=response_set)
    start.response.response_set = response_set
    return start


@transaction.atomic
def start_next_in_set(
    *, actor, response_set: ResponseSet, framework: Framework, form_token: str
) -> GuestStart:
    """Start the next questionnaire a guest chose, with the organisation and role they gave.

    Idempotent like ``start_guest_responses``. Raises ``NotAllowedNow`` when the
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
