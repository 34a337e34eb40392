"""Constraint cases for invitations to join a partnership, reminders sent and the round's
reminder setting (part of tests/assessments/test_constraints.py, which runs them)."""

from datetime import UTC, date, datetime

from assessments.models import (
    MembershipInvitation,
    ReminderKind,
    ReminderSent,
    Round,
    hash_token,
)
from tests.constraint_cases import ConstraintCases, update
from tests.factories import PartnershipFactory, RoundFactory

WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
DAY = date(2026, 3, 2)
OTHER_DAY = date(2026, 3, 3)

CASES = ConstraintCases()

# Round.remind_days_before ------------------------------------------------------------------


def update_round(**fields):
    update(RoundFactory(), **fields)


CASES.add(
    Round,
    "round_remind_days_before_range",
    write=update_round,
    bad={"61": {"remind_days_before": 61}},
    good={"off": {"remind_days_before": 0}, "60": {"remind_days_before": 60}},
)

# MembershipInvitation ------------------------------------------------------------------------


def write_membership_invitation(*, second=None, **fields):
    partnership = PartnershipFactory()
    first = {"email": "sam@nhs.net", "role": "member", **fields}
    MembershipInvitation.objects.create(
        partnership=partnership, token_hash=hash_token("one"), expires_at=WHEN, **first
    )
    if second is not None:
        MembershipInvitation.objects.create(
            partnership=partnership, token_hash=hash_token("two"), expires_at=WHEN, **second
        )


CASES.add(
    MembershipInvitation,
    "membership_invitation_one_pending_per_email",
    write=write_membership_invitation,
    bad={
        "same-email": {"second": {"email": "sam@nhs.net"}},
        "other-case": {"second": {"email": "SAM@nhs.net"}},
    },
    good={
        "other-email": {"second": {"email": "alex@nhs.net"}},
        "first-withdrawn": {"withdrawn_at": WHEN, "second": {"email": "sam@nhs.net"}},
        "first-accepted": {"accepted_at": WHEN, "second": {"email": "sam@nhs.net"}},
    },
)
CASES.add(
    MembershipInvitation,
    "membership_invitation_role_valid",
    write=write_membership_invitation,
    bad={"unknown": {"role": "owner"}, "empty": {"role": ""}},
    good={"facilitator": {"role": "facilitator"}},
)
CASES.add(
    MembershipInvitation,
    "membership_invitation_not_accepted_and_withdrawn",
    write=write_membership_invitation,
    bad={"both": {"accepted_at": WHEN, "withdrawn_at": WHEN}},
    good={"accepted": {"accepted_at": WHEN}, "withdrawn": {"withdrawn_at": WHEN}},
)

# ReminderSent --------------------------------------------------------------------------------


def write_reminder(*, second=None, **fields):
    round_ = RoundFactory()
    row = {
        "kind": ReminderKind.NOT_ANSWERED,
        "round": round_,
        "email": "sam@nhs.net",
        "sent_on": DAY,
        **fields,
    }
    ReminderSent.objects.create(partnership=round_.partnership, sent_at=WHEN, **row)
    if second is not None:
        ReminderSent.objects.create(
            partnership=round_.partnership, sent_at=WHEN, **{**row, **second}
        )


CASES.add(
    ReminderSent,
    "reminder_one_per_email_per_round_per_day",
    write=write_reminder,
    bad={"twice-a-day": {"second": {}}},
    good={"next-day": {"second": {"sent_on": OTHER_DAY}}, "other": {"second": {"email": "a@b.uk"}}},
)
CASES.add(
    ReminderSent,
    "reminder_one_per_email_per_partnership_per_day",
    write=write_reminder,
    bad={"twice-a-day": {"kind": ReminderKind.ACTIONS_DUE, "round": None, "second": {}}},
    good={
        "next-day": {
            "kind": ReminderKind.ACTIONS_DUE,
            "round": None,
            "second": {"sent_on": OTHER_DAY},
        }
    },
)
CASES.add(
    ReminderSent,
    "reminder_kind_valid",
    write=write_reminder,
    bad={"unknown": {"kind": "nag"}},
    good={"not-answered": {"kind": ReminderKind.NOT_ANSWERED}},
)
CASES.add(
    ReminderSent,
    "reminder_round_matches_kind",
    write=write_reminder,
    bad={
        "not-answered-without-round": {"round": None},
        "actions-with-round": {"kind": ReminderKind.ACTIONS_DUE},
    },
    good={"actions-without-round": {"kind": ReminderKind.ACTIONS_DUE, "round": None}},
)
CASES.add(
    ReminderSent,
    "reminder_email_lower_case",
    write=write_reminder,
    bad={"capitals": {"email": "Sam@nhs.net"}},
    good={"lower": {"email": "sam.patel@nhs.net"}},
)
