"""Reminder emails (ADR 0022): people who have not answered an open round, and owners of
actions that are due or overdue.

At most one reminder per address per round per day, enforced by the database
(``ReminderSent``'s unique constraints) as well as checked here, so running the scheduled
command twice, or pressing the button after it ran, sends nothing twice. Never for a round
that is not open or whose closing date has passed. Each run locks the round and sends inside
its transaction: if the mail server refuses, nothing is recorded as sent.

Reminders say only that a round is open and when it closes: never what anyone answered, nor
who else has answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from assessments import emails
from assessments.errors import ClosedRoundError, InvalidInput, NotAllowedNow
from assessments.models import (
    MAX_REMIND_DAYS_BEFORE,
    Partnership,
    PersonalInvitation,
    ReminderKind,
    ReminderSent,
    Round,
    RoundStatus,
)
from assessments.selectors.reminders import (
    action_owners_due,
    not_finished,
    reminded_today,
)
from assessments.services._checks import require
from assessments.services.invitations import new_link
from partnership_site.roles import Permission


def reminder_problem(round_: Round, today: date) -> str:
    """Why reminders for this round cannot be sent today, in plain words; "" if they can."""
    if round_.status != RoundStatus.OPEN:
        return "Reminders can be sent only while the round is open."
    if round_.closes_on < today:
        return "The round's closing date has passed, so no reminders are sent."
    return ""


@transaction.atomic
def remind_not_answered(*, actor, round_: Round, today: date | None = None) -> int:
    """Email everyone asked to answer the round who has not submitted every questionnaire,
    except those already reminded about it today. Returns how many were emailed.

    ``actor`` is the manager who pressed the button, or None for the scheduled command.
    Raises ``NotAllowedNow`` if the round is not open or its closing date has passed."""
    require(actor, Permission.MANAGE_PARTNERSHIP, round_.partnership)
    today = today or timezone.localdate()
    round_ = Round.objects.select_for_update().select_related("partnership").get(pk=round_.pk)
    problem = reminder_problem(round_, today)
    if problem:
        raise NotAllowedNow(problem)
    done = reminded_today(round_, today)
    people = [person for person in not_finished(round_) if person.key not in done]
    if not people:
        return 0
    now = timezone.now()
    ReminderSent.objects.bulk_create(
        ReminderSent(
            partnership=round_.partnership,
            round=round_,
            kind=ReminderKind.NOT_ANSWERED,
            email=person.key,
            sent_on=today,
            sent_at=now,
            sent_by=actor,
        )
        for person in people
    )
    invitations = PersonalInvitation.objects.select_for_update().in_bulk(
        [person.invitation_id for person in people if person.invitation_id]
    )
    emails.send(
        emails.render(
            "reminder_not_answered",
            to=person.email,
            context={
                "name": person.name,
                "partnership": round_.partnership.name,
                "round_title": round_.title,
                "closes_on": round_.closes_on,
                "link": _link(person, invitations),
                "new_link": person.invitation_id is not None,
            },
        )
        for person in people
    )
    return len(people)


def _link(person, invitations) -> str:
    """The page the person answers from: for a personal link, a new one (only its hash is
    stored, so the old one cannot be sent again; it stops working, ADR 0037)."""
    if person.invitation_id is None:
        return emails.url(person.link[0], *person.link[1])
    return emails.url("personal_invitation", new_link(invitations[person.invitation_id]))


@transaction.atomic
def set_reminder_days(*, actor, round_: Round, days: int) -> Round:
    """Send automatic reminders from ``days`` days before the round closes (0: never).
    Raises ``InvalidInput`` outside 0 to ``MAX_REMIND_DAYS_BEFORE``, ``ClosedRoundError``
    for a closed round."""
    require(actor, Permission.MANAGE_PARTNERSHIP, round_.partnership)
    if not 0 <= days <= MAX_REMIND_DAYS_BEFORE:
        raise InvalidInput(
            {"remind_days_before": f"Enter a number from 0 to {MAX_REMIND_DAYS_BEFORE}."}
        )
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.status == RoundStatus.CLOSED:
        raise ClosedRoundError("This round is closed: its settings are final.")
    locked.remind_days_before = days
    locked.save(update_fields=["remind_days_before"])
    round_.remind_days_before = days
    return locked


def rounds_to_remind(today: date) -> list[Round]:
    """Open rounds of partnerships not archived, whose closing date is today or later and
    no more than the round's ``remind_days_before`` away (0 turns reminders off)."""
    rounds = Round.objects.filter(
        status=RoundStatus.OPEN,
        closes_on__gte=today,
        remind_days_before__gt=0,
        partnership__archived_at__isnull=True,
    ).order_by("closes_on", "pk")
    return [r for r in rounds if (r.closes_on - today).days <= r.remind_days_before]


@transaction.atomic
def remind_action_owners(*, today: date | None = None) -> int:
    """Email owners of due and overdue actions (``selectors.reminders.action_owners_due``),
    one email per owner per partnership per day. Returns how many were emailed."""
    today = today or timezone.localdate()
    owners = action_owners_due(today)
    if not owners:
        return 0
    now = timezone.now()
    ReminderSent.objects.bulk_create(
        ReminderSent(
            partnership_id=owner.partnership_id,
            kind=ReminderKind.ACTIONS_DUE,
            email=owner.email.strip().lower(),
            sent_on=today,
            sent_at=now,
        )
        for owner in owners
    )
    names = dict(
        Partnership.objects.filter(pk__in={o.partnership_id for o in owners}).values_list(
            "pk", "name"
        )
    )
    emails.send(
        emails.render(
            "reminder_actions_due",
            to=owner.email,
            context={
                "name": owner.name,
                "partnership": names[owner.partnership_id],
                "actions": owner.actions,
                "link": emails.url("partnership_detail", owner.partnership_id),
            },
        )
        for owner in owners
    )
    return len(owners)


@dataclass(frozen=True)
class ReminderRun:
    rounds: int  # rounds whose people were reminded
    people: int  # reminders about rounds
    action_owners: int  # reminders about actions


def send_due_reminders(*, today: date | None = None) -> ReminderRun:
    """Everything the scheduled command sends today (``manage.py send_reminders``). Safe to
    run any number of times a day. Each round is its own transaction."""
    today = today or timezone.localdate()
    rounds = people = 0
    for round_ in rounds_to_remind(today):
        sent = remind_not_answered(actor=None, round_=round_, today=today)
        rounds += bool(sent)
        people += sent
    return ReminderRun(rounds, people, remind_action_owners(today=today))


__all__ = [
    "ReminderRun",
    "remind_action_owners",
    "remind_not_answered",
    "reminder_problem",
    "rounds_to_remind",
    "send_due_reminders",
    "set_reminder_days",
]
