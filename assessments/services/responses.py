"""Writes to responses and answers: starting, saving as you go, submitting."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.models import (
    Answer,
    Partner,
    Response,
    ResponseStatus,
    Round,
    hash_token,
    new_token,
)
from assessments.services._checks import require
from frameworks.models import Framework, Item
from partnership_site.roles import Permission


@dataclass(frozen=True)
class GuestStart:
    response: Response
    resume_token: str  # shown to the guest once; only its hash is stored


@transaction.atomic
def start_response(
    *,
    actor,
    round_: Round,
    framework: Framework,
    partner: Partner | None,
    respondent_role: str = "",
) -> Response | GuestStart:
    """Begin (or, for a signed-in person, resume) a response. Guests get a resume token."""
    if not round_.accepts_answers:
        raise ValidationError("This round is not open for answers.")
    if not round_.round_frameworks.filter(framework=framework).exists():
        raise ValidationError("That framework is not part of this round.")
    if partner is not None and partner.partnership_id != round_.partnership_id:
        raise ValidationError({"partner": "Choose an organisation in this partnership."})
    if actor is not None and actor.is_authenticated:
        require(actor, Permission.ANSWER_QUESTIONNAIRES, round_.partnership)
        response, _ = Response.objects.get_or_create(
            round=round_,
            framework=framework,
            respondent=actor,
            defaults={"partner": partner, "respondent_role": respondent_role},
        )
        return response
    token = new_token()
    response = Response.objects.create(
        round=round_,
        framework=framework,
        partner=partner,
        respondent_role=respondent_role,
        resume_token_hash=hash_token(token),
    )
    return GuestStart(response=response, resume_token=token)


@dataclass(frozen=True)
class AnswerInput:
    value: int | None = None
    text: str = ""
    comment: str = ""


@transaction.atomic
def save_answers(*, actor, response: Response, answers: Mapping[int, AnswerInput]) -> int:
    """Store answers to items of the response's framework; returns how many were stored.

    Checks every item belongs to the framework and every value is on its scale before
    anything is written, so bad input stores nothing.
    """
    response = (
        Response.objects.select_for_update()
        .select_related("round", "framework")
        .get(pk=response.pk)
    )
    _check_answerable(actor, response)
    framework = response.framework
    items = Item.objects.filter(dimension__framework=framework, pk__in=list(answers)).in_bulk()
    errors = {}
    for item_id, answer in answers.items():
        item = items.get(item_id)
        if item is None:
            errors[str(item_id)] = "This question is not part of this questionnaire."
        elif item.is_scored and answer.value is None and not item.allows_not_applicable:
            errors[str(item_id)] = "Choose an answer."
        elif (
            item.is_scored
            and answer.value is not None
            and not (framework.scale_min <= answer.value <= framework.scale_max)
        ):
            errors[str(item_id)] = "Choose one of the answers shown."
        elif not item.is_scored and answer.value is not None:
            errors[str(item_id)] = "This question takes a written answer."
    if errors:
        raise ValidationError(errors)
    existing = {a.item_id: a for a in response.answers.filter(item_id__in=list(answers))}
    to_create, to_update = [], []
    for item_id, answer in answers.items():
        fields = {
            "value": answer.value,
            "text": answer.text.strip(),
            "comment": answer.comment.strip(),
        }
        if item_id in existing:
            stored = existing[item_id]
            for name, value in fields.items():
                setattr(stored, name, value)
            stored.updated_at = timezone.now()
            to_update.append(stored)
        else:
            to_create.append(Answer(response=response, item_id=item_id, **fields))
    Answer.objects.bulk_create(to_create)
    Answer.objects.bulk_update(to_update, ["value", "text", "comment", "updated_at"])
    Response.objects.filter(pk=response.pk).update(updated_at=timezone.now())
    return len(answers)


def _check_answerable(actor, response: Response) -> None:
    if response.is_submitted:
        raise ValidationError("This response has been submitted and can no longer change.")
    if not response.round.accepts_answers:
        raise ValidationError("This round is not open for answers.")
    if response.respondent_id is not None and (
        actor is None or not actor.is_authenticated or actor.pk != response.respondent_id
    ):
        raise PermissionDenied("This is someone else's response.")


def missing_items(response: Response) -> list[Item]:
    """Items that still need an answer before the response can be submitted."""
    answered = set(response.answers.values_list("item_id", flat=True))
    required = Item.objects.filter(dimension__framework_id=response.framework_id).select_related(
        "dimension"
    )
    return [item for item in required if item.pk not in answered and item.is_scored]


@transaction.atomic
def submit_response(*, actor, response: Response) -> Response:
    """Lock a response. Submitting twice is harmless: the second call changes nothing."""
    response = Response.objects.select_for_update().select_related("round").get(pk=response.pk)
    if response.is_submitted:
        return response
    _check_answerable(actor, response)
    missing = missing_items(response)
    if missing:
        raise ValidationError(
            {str(item.pk): "Answer this question, or choose 'Not applicable'." for item in missing}
        )
    response.status = ResponseStatus.SUBMITTED
    response.submitted_at = timezone.now()
    response.save(update_fields=["status", "submitted_at", "updated_at"])
    return response
