"""Writes to a partnership's action plan: create an action, change it, add a progress note.

Each takes an explicit ``actor`` (None only for trusted callers such as the demo seed), runs
in one transaction and locks the action row it changes. Refusals:
``PermissionDenied`` without the right (``partnership_site.permissions``), ``InvalidInput``
naming the field for anything entered wrongly. A due date in the past is allowed (actions
are often recorded after the event); ``due_date_warning`` says so for the page.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from assessments.errors import InvalidInput
from assessments.models import (
    ActionItem,
    ActionNote,
    ActionStatus,
    Membership,
    Partner,
    Partnership,
    Round,
)
from assessments.services._checks import require
from frameworks.models import Dimension
from partnership_site.permissions import can_edit_action
from partnership_site.roles import PartnershipRole, Permission

OWNER_ROLES = (PartnershipRole.MANAGER, PartnershipRole.MEMBER)


def due_date_warning(due_on: date | None, *, today: date | None = None) -> str:
    """A warning (never an error) when a new action is due before ``today``."""
    today = today or timezone.localdate()
    if due_on is not None and due_on < today:
        return f"The due date, {due_on:%-d %B %Y}, is in the past, so the action shows as overdue."
    return ""


@transaction.atomic
def create_action(
    *,
    actor,
    partnership: Partnership,
    title: str,
    owner: str = "",
    owner_user=None,
    due_on: date | None = None,
    raised_in: Round | None = None,
    dimension: Dimension | None = None,
    partner: Partner | None = None,
    description: str = "",
    status: str = ActionStatus.PLANNED,
    completed_on: date | None = None,
) -> ActionItem:
    """A new action in ``partnership``'s plan. The owner is ``owner_user`` (a current
    manager or member) or the name ``owner``, exactly one of them."""
    require(actor, Permission.PLAN_ACTIONS, partnership)
    action = ActionItem(partnership=partnership, created_by=actor)
    _apply(
        action,
        title=title,
        owner=owner,
        owner_user=owner_user,
        due_on=due_on,
        raised_in=raised_in,
        dimension=dimension,
        partner=partner,
        description=description,
        status=status,
        completed_on=completed_on,
        previous_owner_id=None,
    )
    action.save()
    return action


@transaction.atomic
def update_action(
    *,
    actor,
    action: ActionItem,
    title: str,
    owner: str = "",
    owner_user=None,
    due_on: date | None = None,
    dimension: Dimension | None = None,
    partner: Partner | None = None,
    description: str = "",
    status: str,
) -> ActionItem:
    """Change an action (its manager or owner). Marking it done records today as its
    completion date unless it was done already; any other status clears it."""
    locked = ActionItem.objects.select_for_update().select_related("partnership").get(pk=action.pk)
    _require_edit(actor, locked)
    completed_on = locked.completed_on if locked.status == ActionStatus.DONE else None
    _apply(
        locked,
        title=title,
        owner=owner,
        owner_user=owner_user,
        due_on=due_on,
        raised_in=locked.raised_in,
        dimension=dimension,
        partner=partner,
        description=description,
        status=status,
        completed_on=completed_on,
        previous_owner_id=locked.owner_user_id,
    )
    locked.save()
    return locked


@transaction.atomic
def add_progress_note(*, actor, action: ActionItem, written_on: date, text: str) -> ActionNote:
    """A dated note of progress (its manager or owner); never dated in the future."""
    locked = ActionItem.objects.select_for_update().select_related("partnership").get(pk=action.pk)
    _require_edit(actor, locked)
    text = text.strip()
    errors = {}
    if not text:
        errors["text"] = "Enter what has happened"
    if written_on > timezone.localdate():
        errors["written_on"] = "The date of a progress note must be today or in the past"
    if errors:
        raise InvalidInput(errors)
    note = ActionNote(action=locked, written_on=written_on, text=text, author=actor)
    note.full_clean()
    note.save()
    return note


def _require_edit(actor, action: ActionItem) -> None:
    if actor is not None and not can_edit_action(actor, action):
        raise PermissionDenied(
            "Only the partnership's managers and the action's owner can change it."
        )


def _apply(action: ActionItem, *, previous_owner_id, completed_on, **fields) -> None:
    partnership = action.partnership
    owner, owner_user = fields.pop("owner").strip(), fields.pop("owner_user")
    errors = {}
    if not fields["title"].strip():
        errors["title"] = "Enter a title for the action"
    if (owner_user is None) == (not owner):
        errors["owner"] = "Choose a member as the owner, or give the name of a person or group"
    elif (
        # A new owner must be a manager or member now; a former member who already owns
        # the action keeps it.
        owner_user is not None
        and owner_user.pk != previous_owner_id
        and not Membership.objects.filter(
            partnership=partnership, user=owner_user, role__in=OWNER_ROLES
        ).exists()
    ):
        errors["owner_user"] = "Choose a manager or member of this partnership"
    partner = fields["partner"]
    if partner is not None and partner.partnership_id != partnership.pk:
        errors["partner"] = "Choose an organisation in this partnership"
    if fields["status"] not in ActionStatus.values:
        errors["status"] = "Choose a status from the list"
    if errors:
        raise InvalidInput(errors)
    for name, value in fields.items():
        setattr(action, name, value)
    action.title = action.title.strip()
    action.owner, action.owner_user = owner, owner_user
    if action.status == ActionStatus.DONE:
        action.completed_on = completed_on or timezone.localdate()
    else:
        action.completed_on = None
    action.full_clean(exclude=["created_by"])  # set by the service, empty on old rows
