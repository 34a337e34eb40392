"""Writes to assessment rounds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from assessments.models import (
    Partnership,
    Round,
    RoundFramework,
    RoundStatus,
    new_token,
)
from assessments.services._checks import require
from frameworks.models import Framework, FrameworkStatus
from partnership_site.roles import Permission


@transaction.atomic
def create_round(
    *,
    actor,
    partnership: Partnership,
    title: str,
    frameworks: Iterable[Framework],
    opens_on: date,
    closes_on: date,
    anonymity_threshold: int = 3,
) -> Round:
    require(actor, Permission.MANAGE_PARTNERSHIP, partnership)
    frameworks = list(frameworks)
    if not frameworks:
        raise ValidationError({"frameworks": "Choose at least one framework."})
    unpublished = [f for f in frameworks if f.status != FrameworkStatus.PUBLISHED]
    if unpublished:
        raise ValidationError({"frameworks": f"{unpublished[0].title} is not published."})
    if closes_on < opens_on:
        raise ValidationError(
            {"closes_on": "The closing date must be the same as or after the opening date."}
        )
    title = title.strip()
    if partnership.rounds.filter(title__iexact=title).exists():
        raise ValidationError(
            {"title": "This partnership already has a round with this title. Choose another."}
        )
    round_ = Round(
        partnership=partnership,
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        anonymity_threshold=anonymity_threshold,
    )
    round_.full_clean()
    round_.save()
    RoundFramework.objects.bulk_create(
        RoundFramework(round=round_, framework=framework, position=position)
        for position, framework in enumerate(frameworks, start=1)
    )
    return round_


@transaction.atomic
def set_round_status(*, actor, round_: Round, status: str) -> Round:
    """Open a draft or closed round, or close an open one."""
    require(actor, Permission.MANAGE_PARTNERSHIP, round_.partnership)
    # Re-read under a lock: two managers (or a double click) must not race.
    current = Round.objects.select_for_update().get(pk=round_.pk).status
    allowed = {
        RoundStatus.DRAFT: {RoundStatus.OPEN},
        RoundStatus.OPEN: {RoundStatus.CLOSED},
        RoundStatus.CLOSED: {RoundStatus.OPEN},
    }
    if status == current:
        raise ValidationError(f"This round is already {RoundStatus(current).label.lower()}.")
    if status not in allowed[current]:
        raise ValidationError(
            f"A {RoundStatus(current).label.lower()} round cannot become {status}."
        )
    round_.status = status
    round_.save(update_fields=["status"])
    return round_


@transaction.atomic
def replace_invitation_token(*, actor, round_: Round) -> Round:
    """Give the round a new invitation link; the old one stops working at once.

    Guests who already started keep their private resume links, which do not depend on it.
    """
    require(actor, Permission.MANAGE_PARTNERSHIP, round_.partnership)
    round_.invitation_token = new_token()
    round_.save(update_fields=["invitation_token"])
    return round_
