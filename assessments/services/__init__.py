"""Every write to partnerships, rounds, responses and actions.

Each service takes keyword-only arguments and an explicit ``actor`` (the signed-in user, an
anonymous user for a guest, or None for a management command) and runs in one transaction.
"""

from assessments.services.actions import (
    add_progress_note,
    create_action,
    due_date_warning,
    update_action,
)
from assessments.services.archive import archive_partner, restore_partner
from assessments.services.cohorts import add_partnership_to_cohort, remove_partnership_from_cohort
from assessments.services.guests import new_form_token, start_next_in_set
from assessments.services.invitations import (
    PersonInput,
    create_personal_invitations,
    email_personal_links,
    new_link,
    withdraw_personal_invitation,
)
from assessments.services.link_requests import request_personal_link
from assessments.services.membership_invitations import (
    InviteeInput,
    accept_invitation,
    create_account_and_accept,
    invitation_for_token,
    invite_people,
    resend_invitation,
    withdraw_invitation,
)
from assessments.services.partnerships import (
    add_member,
    add_partner,
    create_partnership,
    remove_member,
    remove_partner,
    update_member,
    update_partner,
    update_partnership,
)
from assessments.services.plans import record_consensus, set_targets
from assessments.services.reminders import (
    remind_not_answered,
    send_due_reminders,
    set_reminder_days,
)
from assessments.services.responses import (
    AnswerInput,
    GuestStart,
    PersonalStart,
    missing_items,
    save_answers,
    start_personal_response,
    start_response,
    submit_response,
)
from assessments.services.round_drafts import delete_draft_round, update_draft_round
from assessments.services.rounds import (
    add_local_questions,
    asking_again_warning,
    close_due_rounds,
    create_round,
    extend_closing_date,
    replace_invitation_token,
    set_open_link,
    set_round_status,
)

__all__ = [
    "add_partnership_to_cohort",
    "remove_partnership_from_cohort",
    "InviteeInput",
    "accept_invitation",
    "create_account_and_accept",
    "email_personal_links",
    "invitation_for_token",
    "invite_people",
    "remind_not_answered",
    "resend_invitation",
    "send_due_reminders",
    "set_reminder_days",
    "withdraw_invitation",
    "archive_partner",
    "restore_partner",
    "close_due_rounds",
    "delete_draft_round",
    "update_draft_round",
    "new_form_token",
    "start_next_in_set",
    "PersonInput",
    "PersonalStart",
    "create_personal_invitations",
    "extend_closing_date",
    "new_link",
    "request_personal_link",
    "set_open_link",
    "start_personal_response",
    "withdraw_personal_invitation",
    "add_local_questions",
    "asking_again_warning",
    "AnswerInput",
    "GuestStart",
    "add_member",
    "add_partner",
    "add_progress_note",
    "create_action",
    "record_consensus",
    "set_targets",
    "due_date_warning",
    "update_action",
    "create_partnership",
    "create_round",
    "missing_items",
    "remove_member",
    "remove_partner",
    "replace_invitation_token",
    "save_answers",
    "set_round_status",
    "start_response",
    "submit_response",
    "update_member",
    "update_partner",
    "update_partnership",
]
