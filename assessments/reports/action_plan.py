"""Presenter for a partnership's action plan page (and its printable view): actions shaped
for the template, filtered by status, owner, dimension and overdue. Pure: works on actions
already read by ``assessments.selectors.actions`` (no queries here).

An action is overdue when its due date has passed and it is neither done nor dropped. An
owner who is no longer a manager or member keeps their actions and is shown as a
"former member".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from assessments.models import FINISHED_STATUSES, ActionItem, ActionStatus
from assessments.reports.report_rows import ActionRow

FORMER = "former member"
STATUS_COLOURS = {
    ActionStatus.PLANNED: "white",
    ActionStatus.IN_PROGRESS: "blue",
    ActionStatus.DONE: "green",
    ActionStatus.DROPPED: "grey",
}


def owner_key(action: ActionItem) -> str:
    """The owner as a filter value: ``u<user id>`` for a member, ``n<name>`` for a name."""
    return f"u{action.owner_user_id}" if action.owner_user_id else f"n{action.owner}"


def owner_label(action: ActionItem, current_owner_ids: set[int]) -> str:
    """Who owns it, as people read it: a member's name (with "former member" once they
    have left the partnership) or the name given."""
    user = action.owner_user
    if user is None:
        return action.owner
    name = user.get_full_name() or user.get_username()
    return name if user.pk in current_owner_ids else f"{name} ({FORMER})"


def is_overdue(action: ActionItem, today: date) -> bool:
    return bool(action.due_on and action.due_on < today and action.status not in FINISHED_STATUSES)


def report_action_rows(actions: Iterable[ActionItem], today: date) -> tuple[ActionRow, ...]:
    """The round report's action rows, in the order given: ``actions`` as
    ``selectors.actions.report_actions`` reads them (each with ``owner_is_current``)."""
    actions = list(actions)
    owners = {a.owner_user_id for a in actions if a.owner_is_current}
    return tuple(
        ActionRow(
            title=a.title,
            owner=owner_label(a, owners),
            due_on=a.due_on,
            status=a.status,
            status_label=a.get_status_display(),
            dimension=a.dimension.title if a.dimension else "",
            raised_in=a.raised_in.title if a.raised_in else "",
            overdue=is_overdue(a, today),
            dimension_key=a.dimension.key if a.dimension else "",
            framework_slug=a.dimension.framework.slug if a.dimension else "",
            raised_in_id=a.raised_in_id,
        )
        for a in actions
    )


@dataclass(frozen=True)
class Note:
    written_on: date
    text: str
    author: str


@dataclass(frozen=True)
class PlanRow:
    pk: int
    title: str
    detail: str
    dimension: str
    dimension_id: int | None
    raised_in: str
    owner: str
    owner_key: str
    former_owner: bool
    partner: str
    due_on: date | None
    status: str
    status_label: str
    status_colour: str
    completed_on: date | None
    overdue: bool
    notes: tuple[Note, ...]
    can_edit: bool


@dataclass(frozen=True)
class Filters:
    """What the page is filtered by; empty strings for "any"."""

    status: str = ""
    owner: str = ""
    dimension: str = ""
    overdue: bool = False

    @classmethod
    def from_query(cls, query) -> Filters:
        status = query.get("status", "")
        return cls(
            status=status if status in ActionStatus.values else "",
            owner=query.get("owner", "")[:210],
            dimension=query.get("dimension", "") if query.get("dimension", "").isdigit() else "",
            overdue=query.get("overdue") == "1",
        )

    @property
    def active(self) -> bool:
        return bool(self.status or self.owner or self.dimension or self.overdue)

    def keeps(self, row: PlanRow) -> bool:
        return (
            (not self.status or row.status == self.status)
            and (not self.owner or row.owner_key == self.owner)
            and (not self.dimension or str(row.dimension_id) == self.dimension)
            and (not self.overdue or row.overdue)
        )


@dataclass(frozen=True)
class ActionPlan:
    rows: tuple[PlanRow, ...]  # after filtering
    total: int  # before filtering
    overdue: int  # before filtering
    filters: Filters
    owner_choices: tuple[tuple[str, str], ...]  # (key, label) of owners with actions
    dimension_choices: tuple[tuple[int, str], ...]  # (id, title) of dimensions with actions
    status_choices: tuple[tuple[str, str], ...] = field(default=tuple(ActionStatus.choices))


def plan_row(
    action: ActionItem, *, current_owner_ids: set[int], today: date, can_edit: bool
) -> PlanRow:
    owner = owner_label(action, current_owner_ids)
    return PlanRow(
        pk=action.pk,
        title=action.title,
        detail=action.description,
        dimension=action.dimension.title if action.dimension else "",
        dimension_id=action.dimension_id,
        raised_in=action.raised_in.title if action.raised_in else "",
        owner=owner,
        owner_key=owner_key(action),
        former_owner=owner.endswith(f"({FORMER})"),
        partner=action.partner.name if action.partner else "",
        due_on=action.due_on,
        status=action.status,
        status_label=action.get_status_display(),
        status_colour=STATUS_COLOURS.get(action.status, "grey"),
        completed_on=action.completed_on,
        overdue=is_overdue(action, today),
        notes=tuple(
            Note(
                n.written_on,
                n.text,
                (n.author.get_full_name() or n.author.get_username()) if n.author else "",
            )
            for n in action.notes.all()
        ),
        can_edit=can_edit,
    )


def build_action_plan(
    actions: Iterable[ActionItem],
    *,
    current_owner_ids: set[int],
    editable_ids: set[int],
    filters: Filters,
    today: date,
) -> ActionPlan:
    """The page: every action shaped once, then filtered; the filter lists offer only
    owners and dimensions that some action has."""
    rows = [
        plan_row(a, current_owner_ids=current_owner_ids, today=today, can_edit=a.pk in editable_ids)
        for a in actions
    ]
    owners = sorted({(r.owner_key, r.owner) for r in rows}, key=lambda o: o[1].lower())
    dimensions = sorted(
        {(r.dimension_id, r.dimension) for r in rows if r.dimension_id}, key=lambda d: d[1]
    )
    return ActionPlan(
        rows=tuple(r for r in rows if filters.keeps(r)),
        total=len(rows),
        overdue=sum(r.overdue for r in rows),
        filters=filters,
        owner_choices=tuple(owners),
        dimension_choices=tuple(dimensions),
    )
