"""Who a reminder goes to (ADR 0022), and when reminders were last sent.

Reads only whether each person has submitted every questionnaire of a round, never what
they answered: the same fact the people page shows the manager.

Action owners: an action is owned by a member (``owner_user``) or by a named person
(``owner``, free text). Its reminder goes to, in this order: the owning member, if they are
still a member and have an email address; the named owner itself if it is an email address;
else the one member of the partnership whose username, email address or full name it
matches; else the person who recorded the action, if they are still a member. Otherwise
nobody is reminded about it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Count, Max

from assessments.models import (
    ActionItem,
    ActionStatus,
    Membership,
    PersonalInvitation,
    ReminderKind,
    ReminderSent,
    Response,
    ResponseStatus,
    Round,
)
from partnership_site.roles import Permission, roles_with

ANSWERING_ROLES = roles_with(Permission.ANSWER_QUESTIONNAIRES)
# Overdue actions are reminded on their due date and then once a week.
ACTION_REMINDER_EVERY_DAYS = 7


@dataclass(frozen=True)
class Recipient:
    """One person to remind. ``key`` is the lower-cased address; ``link`` a URL name and
    arguments for the page they answer from, or for a personal link (``invitation_id``)
    None: its token is not stored, so the reminder carries a new one (ADR 0037)."""

    email: str
    name: str
    link: tuple[str, tuple] | None
    invitation_id: int | None = None

    @property
    def key(self) -> str:
        return self.email.strip().lower()


def not_finished(round_: Round) -> list[Recipient]:
    """People asked to answer the round who have not submitted every questionnaire in it:
    personal invitations not withdrawn, and members whose role answers (with an email
    address, account active). One entry per address (a personal link wins). Four queries."""
    questionnaires = round_.round_frameworks.count()
    by_invitation = dict(
        Response.objects.filter(
            round=round_, invitation__isnull=False, status=ResponseStatus.SUBMITTED
        )
        .values_list("invitation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_person = dict(
        Response.objects.filter(
            round=round_, respondent__isnull=False, status=ResponseStatus.SUBMITTED
        )
        .values_list("respondent_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found: dict[str, Recipient] = {}
    for invitation in PersonalInvitation.objects.filter(round=round_, withdrawn_at__isnull=True):
        if by_invitation.get(invitation.pk, 0) < questionnaires:
            person = Recipient(invitation.email, invitation.name, None, invitation_id=invitation.pk)
            found.setdefault(person.key, person)
    members = Membership.objects.filter(
        partnership_id=round_.partnership_id,
        role__in=ANSWERING_ROLES,
        user__is_active=True,
    ).select_related("user")
    for membership in members:
        user = membership.user
        if user.email and by_person.get(user.pk, 0) < questionnaires:
            person = Recipient(user.email, user.get_full_name(), ("round_answer", (round_.pk,)))
            found.setdefault(person.key, person)
    return sorted(found.values(), key=lambda person: person.key)


@dataclass(frozen=True)
class LastReminders:
    sent_at: datetime
    people: int


def last_reminders(round_: Round) -> LastReminders | None:
    """When reminders for the round were last sent (one batch shares one ``sent_at``), and
    to how many people; None if never."""
    latest = round_.reminders_sent.aggregate(latest=Max("sent_at"))["latest"]
    if latest is None:
        return None
    return LastReminders(latest, round_.reminders_sent.filter(sent_at=latest).count())


def reminded_today(round_: Round, today: date) -> set[str]:
    """Lower-cased addresses already reminded about this round today."""
    return set(
        ReminderSent.objects.filter(round=round_, sent_on=today).values_list("email", flat=True)
    )


@dataclass
class ActionOwner:
    partnership_id: int
    email: str
    name: str
    actions: list[ActionItem] = field(default_factory=list)


def _is_email(text: str) -> bool:
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def _owner_address(action: ActionItem, members: list) -> tuple[str, str] | None:
    owning = next((u for u in members if u.pk == action.owner_user_id and u.email), None)
    if owning is not None:
        return owning.email, owning.get_full_name()
    owner = action.owner.strip()
    if owner and _is_email(owner):
        match = [u for u in members if u.email.casefold() == owner.casefold()]
        return owner, match[0].get_full_name() if match else ""
    wanted = owner.casefold()
    matches = [
        u
        for u in members
        if wanted
        and u.email
        and wanted
        in {u.get_username().casefold(), u.email.casefold(), u.get_full_name().casefold()}
    ]
    if len(matches) == 1:
        return matches[0].email, matches[0].get_full_name()
    creator = next((u for u in members if u.pk == action.created_by_id and u.email), None)
    if creator is not None:
        return creator.email, creator.get_full_name()
    return None


def action_owners_due(today: date) -> list[ActionOwner]:
    """Owners (by the rule in the module docstring) of actions not done or dropped, in
    partnerships not archived, due today or overdue by a whole number of weeks; grouped by
    partnership and address, without those already reminded about actions today."""
    actions = (
        ActionItem.objects.filter(
            status__in=[ActionStatus.PLANNED, ActionStatus.IN_PROGRESS],
            due_on__lte=today,
            partnership__archived_at__isnull=True,
        )
        .select_related("partnership")
        .order_by("partnership_id", "due_on", "title")
    )
    due = [a for a in actions if (today - a.due_on).days % ACTION_REMINDER_EVERY_DAYS == 0]
    members: dict[int, list] = defaultdict(list)
    for membership in Membership.objects.filter(
        partnership_id__in={a.partnership_id for a in due}, user__is_active=True
    ).select_related("user"):
        members[membership.partnership_id].append(membership.user)
    already = set(
        ReminderSent.objects.filter(
            kind=ReminderKind.ACTIONS_DUE, sent_on=today, round__isnull=True
        ).values_list("partnership_id", "email")
    )
    owners: dict[tuple[int, str], ActionOwner] = {}
    for action in due:
        address = _owner_address(action, members[action.partnership_id])
        if address is None:
            continue
        key = (action.partnership_id, address[0].strip().lower())
        if key in already:
            continue
        owner = owners.setdefault(key, ActionOwner(action.partnership_id, address[0], address[1]))
        owner.actions.append(action)
    return list(owners.values())
