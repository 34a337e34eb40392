"""Writes to a partnership's action plan."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from assessments.models import (
    ActionItem,
    ActionStatus,
    Partnership,
    Round,
)
from assessments.services._checks import require
from partnership_site.roles import Permission


@transaction.atomic
def create_action(
    *,
    actor,
    partnership: Partnership,
    title: str,
    owner: str,
    due_on: date | None = None,
    raised_in: Round | None = None,
    dimension=None,
    description: str = "",
    status: str = ActionStatus.OPEN,
    completed_on: date | None = None,
) -> ActionItem:
    require(actor, Permission.MANAGE_PARTNERSHIP, partnership)
    action = ActionItem(
        partnership=partnership,
        title=title,
        owner=owner,
        due_on=due_on,
        raised_in=raised_in,
        dimension=dimension,
        description=description,
        status=status,
        completed_on=completed_on,
        created_by=actor,
    )
    action.full_clean()
    action.save()
    return action
