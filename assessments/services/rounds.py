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
    require(actor, Permission.MANAGE_PARTNERSHIP, round_.partnership)
    allowed = {
        RoundStatus.DRAFT: {RoundStatus.OPEN},
        RoundStatus.OPEN: {RoundStatus.CLOSED},
        RoundStatus.CLOSED: {RoundStatus.OPEN},
    }
    if status not in allowed[round_.status]:
        raise ValidationError(
            f"A {round_.get_status_display().lower()} round cannot become {status}."
        )
    round_.status = status
    round_.save(update_fields=["status"])
    return round_
