"""Reads for the questionnaire: one query per kind of thing, however many items or answers."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from assessments.links import split_token, token_matches
from assessments.models import (
    Answer,
    PersonalInvitation,
    Response,
    Round,
    RoundFramework,
    hash_token,
)
from frameworks.models import Dimension, Framework, Item, ResponseType


def response_for_pages(pk: int) -> Response | None:
    """A response with what every questionnaire page shows about it."""
    return (
        Response.objects.select_related("round__partnership", "framework", "partner", "invitation")
        .filter(pk=pk)
        .first()
    )


def response_by_resume_token(token: str) -> Response | None:
    if not token or len(token) > 100:
        return None
    return (
        Response.objects.select_related("round__partnership", "framework")
        .filter(resume_token_hash=hash_token(token))
        .first()
    )


def round_by_invitation_token(token: str) -> Round | None:
    if not token or len(token) > 64:
        return None
    return Round.objects.select_related("partnership").filter(invitation_token=token).first()


def invitation_by_token(token: str) -> PersonalInvitation | None:
    """The personal invitation whose link carries ``token``, or None: found by the token's
    hash (links emailed since ADR 0037), else, for an invitation never emailed since, by its
    old "<id>-<hex>" HMAC token (ADR 0011)."""
    if not token or len(token) > 100:
        return None
    invitations = PersonalInvitation.objects.select_related("round__partnership", "partner")
    invitation = invitations.filter(token_hash=hash_token(token)).first()
    if invitation is None and (pk := split_token(token)) is not None:
        invitation = invitations.filter(pk=pk, hmac_link=True, token_hash__isnull=True).first()
    if invitation is None or not token_matches(invitation, token):
        return None
    return invitation


def responses_by_invitation(invitation: PersonalInvitation) -> dict[int, Response]:
    """The responses given through a personal link, by framework id."""
    return {r.framework_id: r for r in Response.objects.filter(invitation=invitation)}


def round_frameworks(round_: Round) -> list[Framework]:
    """The round's frameworks in the order respondents meet them."""
    return [
        link.framework
        for link in RoundFramework.objects.filter(round=round_)
        .select_related("framework")
        .order_by("position")
    ]


def sections(framework: Framework) -> list[Dimension]:
    """The framework's dimensions in order: questionnaire section n is ``sections[n - 1]``."""
    return list(framework.dimensions.order_by("position"))


def section_items(dimension: Dimension) -> list[Item]:
    return list(dimension.items.order_by("position"))


def answers_by_item(response: Response, items=None) -> dict[int, Answer]:
    """The response's answers keyed by item id (only to ``items`` if given), in one query."""
    answers = response.answers.all()
    if items is not None:
        answers = answers.filter(item_id__in=[item.pk for item in items])
    return {answer.item_id: answer for answer in answers}


@dataclass
class SectionAnswers:
    number: int
    dimension: Dimension
    rows: list[tuple[Item, Answer | None]] = field(default_factory=list)

    @property
    def missing(self) -> list[Item]:
        return [item for item, answer in self.rows if item.is_scored and answer is None]


def questionnaire_answers(response: Response) -> list[SectionAnswers]:
    """Every section with each item and its answer (or None): three queries in all."""
    dimensions = response.framework.dimensions.order_by("position").prefetch_related(
        Prefetch("items", queryset=Item.objects.order_by("position"))
    )
    answers = answers_by_item(response)
    return [
        SectionAnswers(
            number=number,
            dimension=dimension,
            rows=[(item, answers.get(item.pk)) for item in dimension.items.all()],
        )
        for number, dimension in enumerate(dimensions, start=1)
    ]


def first_unfinished_section(response: Response) -> int | None:
    """The number of the first section with an unanswered scored item, or None."""
    answered = response.answers.values("item_id")
    positions = list(framework_positions(response.framework))
    first = (
        Item.objects.filter(dimension__framework_id=response.framework_id)
        .filter(response_type=ResponseType.SCALE)
        .exclude(pk__in=answered)
        .order_by("dimension__position", "position")
        .values_list("dimension__position", flat=True)
        .first()
    )
    if first is None:
        return None
    return positions.index(first) + 1


def framework_positions(framework: Framework):
    return framework.dimensions.order_by("position").values_list("position", flat=True)


def responses_in_round(round_: Round, *, respondent=None, pks=()) -> dict[int, Response]:
    """A person's responses in a round keyed by framework id: a signed-in respondent's, or a
    guest's (the response ids held in their session)."""
    responses = Response.objects.filter(round=round_)
    if respondent is not None:
        responses = responses.filter(respondent=respondent)
    else:
        responses = responses.filter(pk__in=list(pks), respondent__isnull=True)
    return {response.framework_id: response for response in responses}


def last_respondent_role(user, partnership) -> str:
    """The role this person gave the last time they answered in the partnership, if any."""
    return (
        Response.objects.filter(respondent=user, round__partnership=partnership)
        .exclude(respondent_role="")
        .order_by("-started_at")
        .values_list("respondent_role", flat=True)
        .first()
        or ""
    )
