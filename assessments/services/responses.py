"""Writes to responses and answers: starting, saving as you go, submitting."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from assessments.errors import InvalidInput, NotAllowedNow
from assessments.models import (
    Answer,
    Partner,
    PersonalInvitation,
    RespondentRole,
    Response,
    ResponseStatus,
    Round,
    hash_token,
    new_token,
)
from assessments.services._checks import require
from frameworks.models import Framework, Item, ResponseType
from partnership_site.roles import Permission

# The parts of an answer ``AnswerInput.fields`` may name, in the order they are written.
ANSWER_PARTS = ("value", "text", "comment")

# Long enough for a paragraph of evidence; short enough that a pasted document is refused.
MAX_COMMENT_LENGTH = 2000
MAX_TEXT_LENGTH = 5000


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
    resume_token: str | None = None,
) -> Response | GuestStart:
    """Begin (or, for a signed-in person, resume) a response. Guests get a resume token.

    ``actor`` is the signed-in person answering with their account, an anonymous user (or
    None, from a management command) for a guest answering through the invitation link.
    A guest's ``resume_token`` may be given (assessments.services.guests derives it from a
    one-time form token); by default it is random.
    """
    if not round_.accepts_answers:
        raise NotAllowedNow("This round is not open for answers.")
    if not round_.round_frameworks.filter(framework=framework).exists():
        raise InvalidInput("That framework is not part of this round.")
    if partner is not None and partner.partnership_id != round_.partnership_id:
        raise InvalidInput({"partner": "Choose an organisation in this partnership."})
    if partner is not None and partner.archived_at is not None:
        raise InvalidInput({"partner": f"{partner.name} is no longer a partner organisation."})
    if respondent_role and respondent_role not in RespondentRole.values:
        raise InvalidInput({"respondent_role": "Choose one of the roles shown."})
    if actor is not None and actor.is_authenticated:
        require(actor, Permission.ANSWER_QUESTIONNAIRES, round_.partnership)
        # The round row serialises this with a personal link's start (one person, one answer).
        round_ = Round.objects.select_for_update().get(pk=round_.pk)
        existing = Response.objects.filter(
            round=round_, framework=framework, respondent=actor
        ).first()
        if existing is not None:
            return existing
        if _answered_by_personal_link(round_, framework, actor.email):
            raise NotAllowedNow(ANSWERED_BY_LINK)
        return Response.objects.create(
            round=round_,
            framework=framework,
            respondent=actor,
            partner=partner,
            respondent_role=respondent_role,
        )
    _check_open_link_place(round_, framework, partner)
    token = resume_token or new_token()
    response = Response.objects.create(
        round=round_,
        framework=framework,
        partner=partner,
        respondent_role=respondent_role,
        resume_token_hash=hash_token(token),
    )
    return GuestStart(response=response, resume_token=token)


ANSWERED_BY_LINK = (
    "You have already started or answered this questionnaire with your personal link. Use that "
    "link to carry on: each person answers once."
)
ANSWERED_WITH_ACCOUNT = (
    "You have already started or answered this questionnaire after signing in to your account. "
    "Sign in to carry on: each person answers once."
)


def _answered_by_personal_link(round_: Round, framework: Framework, email: str) -> bool:
    """Whether a personal link for this address (any letter case) already has a response to
    this questionnaire in the round."""
    if not email:
        return False
    return Response.objects.filter(
        round=round_, framework=framework, invitation__email__iexact=email
    ).exists()


def _answered_with_account(round_: Round, framework: Framework, email: str) -> bool:
    """Whether an account with this address (any letter case) already has a response to this
    questionnaire in the round."""
    return Response.objects.filter(
        round=round_, framework=framework, respondent__email__iexact=email
    ).exists()


OPEN_LINK_FULL = (
    "{partner} already has as many answers as the number of people it asked to answer. If you "
    "have not answered yet, ask your partnership manager for a personal link."
)


def _check_open_link_place(round_: Round, framework: Framework, partner: Partner | None) -> None:
    """The shared link's guard against ballot stuffing (ADR 0010): it must be switched on, the
    guest must name an organisation that has said how many people it asked, and no answer
    comes through the link once the organisation's submitted responses to this
    questionnaire, by any route, reach that number. Checked when a guest starts and again
    when they submit (``_check_open_link_room``), with the partner row locked so two guests
    cannot race; responses left unfinished take nobody's place."""
    if not round_.open_link_enabled:
        raise NotAllowedNow("This round's shared invitation link is not in use.")
    if partner is None:
        raise InvalidInput({"partner": "Choose the organisation you work for."})
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    if not partner.people_invited:
        raise InvalidInput(
            {
                "partner": f"{partner.name} has not said how many people it asked to answer, "
                "so the shared link cannot take answers for it. Ask your partnership manager "
                "for a personal link."
            }
        )
    _check_open_link_room(round_, framework, partner)


def _check_open_link_room(round_: Round, framework: Framework, partner: Partner) -> None:
    """Raises ``ValidationError`` when the organisation has as many submitted responses to
    the questionnaire as people it asked. The caller holds the partner row's lock."""
    taken = Response.objects.filter(
        round=round_, framework=framework, partner=partner, status=ResponseStatus.SUBMITTED
    ).count()
    if taken >= (partner.people_invited or 0):
        raise InvalidInput({"partner": OPEN_LINK_FULL.format(partner=partner.name)})


@dataclass(frozen=True)
class PersonalStart:
    response: Response
    resume_token: str | None  # only when the response was just created; only its hash is kept


@transaction.atomic
def start_personal_response(
    *, invitation: PersonalInvitation, framework: Framework
) -> PersonalStart:
    """Begin, or find, the one response a personal link may give to a questionnaire.

    The organisation and role come from the invitation, never from the person. A new
    response gets a private resume token, like a guest's (ADR 0009): from then on only the
    browser holding that token (or its private link) can open the response, its draft or its
    result. The personal link alone never can, so whoever else knows the link (the manager
    who issued it) cannot read what the person answered (ADR 0011). Calling it again returns
    the same response with no token: a link never gives a second response.

    Raises ``ValidationError`` for a withdrawn link, a round that is not open (unless the
    response already exists), or a questionnaire not in the round.
    """
    invitation = (
        PersonalInvitation.objects.select_for_update().select_related("round").get(pk=invitation.pk)
    )
    existing = Response.objects.filter(invitation=invitation, framework=framework).first()
    if existing is not None:
        return PersonalStart(response=existing, resume_token=None)
    if invitation.is_withdrawn:
        raise NotAllowedNow("This personal link has been withdrawn.")
    round_ = Round.objects.select_for_update().get(pk=invitation.round_id)
    if not round_.accepts_answers:
        raise NotAllowedNow("This round is not open for answers.")
    if not round_.round_frameworks.filter(framework=framework).exists():
        raise InvalidInput("That framework is not part of this round.")
    if _answered_with_account(round_, framework, invitation.email):
        raise NotAllowedNow(ANSWERED_WITH_ACCOUNT)
    token = new_token()
    response = Response.objects.create(
        round=round_,
        framework=framework,
        partner_id=invitation.partner_id,
        respondent_role=invitation.respondent_role,
        invitation=invitation,
        resume_token_hash=hash_token(token),
    )
    return PersonalStart(response=response, resume_token=token)


@dataclass(frozen=True)
class AnswerInput:
    """One answer as given: a scale value (None for "not applicable"), or text for a
    free-text item (empty text removes the answer), and an optional comment.

    ``fields`` names the parts ("value", "text", "comment") to write over an answer already
    stored; the others keep their stored values (a page changes only what the person changed
    on it, ADR 0024). None writes every part. A new answer always gets every part."""

    value: int | None = None
    text: str = ""
    comment: str = ""
    fields: frozenset[str] | None = None


@transaction.atomic
def save_answers(*, actor, response: Response, answers: Mapping[int, AnswerInput]) -> int:
    """Store answers to items of the response's framework; returns how many were stored.

    Checks every item belongs to the framework and every value is on its scale before
    anything is written, so bad input stores nothing. Writes in bulk: one ``INSERT … ON
    CONFLICT (response, item) DO UPDATE`` per distinct set of parts written (a page sends
    at most four: rating, comment, both, or a free-text answer's every part), so the number
    of queries does not depend on the number of answers. An empty answer to a free-text
    item removes any earlier answer to it.
    """
    response = _locked(response)
    _check_owner(actor, response)
    _check_open(response)
    framework = response.framework
    items = Item.objects.filter(dimension__framework=framework, pk__in=list(answers)).in_bulk()
    errors = {}
    for item_id, answer in answers.items():
        error = _answer_error(items.get(item_id), answer, framework)
        if error:
            errors[str(item_id)] = error
    if errors:
        raise InvalidInput(errors)
    cleared = {
        item_id
        for item_id, answer in answers.items()
        if items[item_id].response_type == ResponseType.TEXT and not answer.text.strip()
    }
    if cleared:
        response.answers.filter(item_id__in=cleared).delete()
    # One upsert per set of parts to write: a new answer is inserted with every part, a
    # stored one has only those parts (and updated_at) overwritten. The unique constraint on
    # (response, item) is the conflict target: no answer is read first or ever duplicated.
    by_parts: dict[tuple[str, ...], list[Answer]] = {}
    for item_id, answer in answers.items():
        if item_id in cleared:
            continue
        parts = tuple(
            name for name in ANSWER_PARTS if answer.fields is None or name in answer.fields
        )
        by_parts.setdefault(parts, []).append(
            Answer(
                response=response,
                item_id=item_id,
                value=answer.value,
                text=answer.text.strip(),
                comment=answer.comment.strip(),
            )
        )
    for parts, rows in by_parts.items():
        Answer.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["response", "item"],
            update_fields=[*parts, "updated_at"],
        )
    Response.objects.filter(pk=response.pk).update(updated_at=timezone.now())
    return sum(len(rows) for rows in by_parts.values())


def _answer_error(item: Item | None, answer: AnswerInput, framework: Framework) -> str | None:
    if item is None:
        return "This question is not part of this questionnaire."
    if len(answer.comment) > MAX_COMMENT_LENGTH:
        return f"Evidence or example must be {MAX_COMMENT_LENGTH} characters or fewer."
    if not item.is_scored:
        if answer.value is not None:
            return "This question takes a written answer."
        if len(answer.text) > MAX_TEXT_LENGTH:
            return f"Your answer must be {MAX_TEXT_LENGTH} characters or fewer."
        return None
    if answer.text:
        return "Choose one of the answers shown."
    if answer.value is None:
        return None if item.allows_not_applicable else "Choose an answer."
    if isinstance(answer.value, bool) or not isinstance(answer.value, int):
        return "Choose one of the answers shown."
    if not (framework.scale_min <= answer.value <= framework.scale_max):
        return "Choose one of the answers shown."
    return None


def _locked(response: Response) -> Response:
    return (
        Response.objects.select_for_update(of=("self",))
        .select_related("round__partnership", "framework", "invitation")
        .get(pk=response.pk)
    )


def _check_owner(actor, response: Response) -> None:
    """A signed-in person's response is theirs alone, while they may still answer in the
    partnership. A guest's response is reached only through its resume link: the caller
    checks that (the token or the guest's session) before calling a service."""
    if response.respondent_id is None:
        return
    if actor is None or not actor.is_authenticated or actor.pk != response.respondent_id:
        raise PermissionDenied("This is someone else's response.")
    require(actor, Permission.ANSWER_QUESTIONNAIRES, response.round.partnership)


def _check_open(response: Response) -> None:
    if response.is_submitted:
        raise NotAllowedNow("This response has been submitted and can no longer change.")
    if not response.round.accepts_answers:
        raise NotAllowedNow("This round is not open for answers.")
    if response.invitation_id is not None and response.invitation.is_withdrawn:
        raise NotAllowedNow("This personal link has been withdrawn.")


def missing_items(response: Response) -> list[Item]:
    """Items that still need an answer before the response can be submitted, in order."""
    answered = response.answers.values("item_id")
    return list(
        Item.objects.filter(
            dimension__framework_id=response.framework_id, response_type=ResponseType.SCALE
        )
        .exclude(pk__in=answered)
        .select_related("dimension")
        .order_by("dimension__position", "position")
    )


def _missing_message(item: Item) -> str:
    if item.allows_not_applicable:
        return "Answer this question, or choose 'Not applicable / don't know'."
    return "Answer this question."


@transaction.atomic
def submit_response(*, actor, response: Response) -> Response:
    """Lock a response. Submitting twice is harmless: the second call changes nothing.

    The round's row is locked first, as closing a round locks it, so a submit racing the
    close either lands before it (and is counted) or sees the round closed and is refused:
    nothing is added to a round's results after they are published."""
    Round.objects.select_for_update().get(pk=response.round_id)
    response = _locked(response)
    _check_owner(actor, response)
    if response.is_submitted:
        return response
    _check_open(response)
    missing = missing_items(response)
    if missing:
        raise InvalidInput({str(item.pk): _missing_message(item) for item in missing})
    if response.respondent_id is None and response.invitation_id is None:
        # Through the shared link: the organisation may have filled up since they started.
        if response.partner_id is None:
            raise NotAllowedNow("Answers through the shared link need an organisation.")
        partner = Partner.objects.select_for_update().get(pk=response.partner_id)
        _check_open_link_room(response.round, response.framework, partner)
    response.status = ResponseStatus.SUBMITTED
    response.submitted_at = timezone.now()
    response.save(update_fields=["status", "submitted_at", "updated_at"])
    return response
