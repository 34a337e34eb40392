"""Personal invitations: single-use links for named people, with organisation and role fixed.

A personal link lets one person answer each questionnaire of one round at most once, as the
organisation and role fixed for them (ADR 0011). It goes only by email to the person's work
address, which must be in ``RESPONDENT_EMAIL_DOMAINS`` (ADR 0037): the manager never sees,
copies or downloads it, so a manager cannot answer in made-up people's places to lift a
small group over the suppression threshold. Its token is random, made when it is emailed,
and stored only as a hash (``new_link``); every email carries a new token and the previous
link stops working.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from assessments import emails
from assessments.errors import InvalidInput, NotAllowedNow
from assessments.links import token_matches
from assessments.models import (
    Membership,
    Partner,
    PersonalInvitation,
    RespondentRole,
    Round,
    RoundStatus,
    hash_token,
    new_token,
)
from assessments.services._checks import require
from assessments.services._people import address_error, line_prefix, organisation_error
from partnership_site.roles import Permission, roles_with

MAX_PEOPLE_PER_BATCH = 500


@dataclass(frozen=True)
class PersonInput:
    """One person to invite, as the manager typed it (line numbers for error messages)."""

    name: str
    email: str
    partner: Partner | None
    respondent_role: str
    line: int = 0


@transaction.atomic
def create_personal_invitations(
    *, actor, round_: Round, people: Sequence[PersonInput]
) -> list[PersonalInvitation]:
    """Invite each person with their own link. All or nothing: any bad line stores nobody
    and sends nothing. While the round is open each person is emailed their link at once;
    in a draft round, when the manager sends the invitations after opening it
    (``email_personal_links``).

    Raises ``ValidationError`` with one message per bad line ("Line 3: …"): a missing name,
    a malformed or repeated email address (in the list or already invited to this round), an
    address outside the allowed work domains, an organisation outside the partnership, a
    role not on the list, or a closed round.
    """
    require(actor, Permission.MANAGE_PARTNERSHIP, round_.partnership)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.status == RoundStatus.CLOSED:
        raise NotAllowedNow("This round is closed: nobody else can be invited.")
    if not people:
        raise InvalidInput("Enter at least one person.")
    if len(people) > MAX_PEOPLE_PER_BATCH:
        raise InvalidInput(f"Invite at most {MAX_PEOPLE_PER_BATCH} people at a time.")
    already = {
        email.casefold()
        for email in PersonalInvitation.objects.filter(round=round_).values_list("email", flat=True)
    }
    # Members answer by signing in; a personal link as well would let them answer twice.
    members = {
        email.casefold()
        for email in Membership.objects.filter(
            partnership_id=round_.partnership_id,
            role__in=roles_with(Permission.ANSWER_QUESTIONNAIRES),
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    }
    seen: set[str] = set()
    taken = [
        (already, "{email} has already been invited to this round."),
        (
            members,
            "{email} is a member of this partnership and answers by signing in, so does not "
            "need a personal link.",
        ),
        (seen, "{email} appears more than once in the list."),
    ]
    errors: list[str] = []
    for person in people:
        where = line_prefix(person.line)
        email = person.email.strip()
        if not person.name.strip():
            errors.append(f"{where}enter the person's name.")
        for problem in (
            address_error(email, taken),
            organisation_error(person.partner, round_.partnership_id, required=True),
        ):
            if problem:
                errors.append(where + problem)
        seen.add(email.casefold())
        if person.respondent_role not in RespondentRole.values:
            errors.append(f"{where}choose one of the roles listed.")
    if errors:
        raise InvalidInput(errors)
    invitations = [
        PersonalInvitation(
            round=round_,
            name=person.name.strip()[:200],
            email=person.email.strip(),
            partner=person.partner,
            respondent_role=person.respondent_role,
            created_by=actor,
        )
        for person in people
    ]
    for invitation in invitations:
        invitation.full_clean()
        invitation.save()
    if round_.status == RoundStatus.OPEN:
        send_new_links(round_, invitations)
    return invitations


@transaction.atomic
def withdraw_personal_invitation(*, actor, invitation: PersonalInvitation) -> PersonalInvitation:
    """Stop a personal link working. Answers already submitted through it stay in the results;
    answers in progress can no longer be changed or submitted."""
    require(actor, Permission.MANAGE_PARTNERSHIP, invitation.round.partnership)
    locked = PersonalInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.withdrawn_at is None:
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["withdrawn_at"])
    invitation.withdrawn_at = locked.withdrawn_at
    return invitation


def new_link(invitation: PersonalInvitation) -> str:
    """Give the invitation a new random link token and return it; only its SHA-256 hash is
    saved, and the previous link (an earlier token, or the old HMAC link) stops working.
    The caller holds the invitation's row lock and emails the token to the person at once:
    it is never shown anywhere else."""
    token = new_token()
    invitation.token_hash = hash_token(token)
    invitation.hmac_link = False
    invitation.save(update_fields=["token_hash", "hmac_link"])
    return token


def _link_email(invitation: PersonalInvitation, questionnaires: int, token: str) -> emails.Email:
    round_ = invitation.round
    return emails.render(
        "personal_link",
        to=invitation.email,
        context={
            "name": invitation.name,
            "partnership": round_.partnership.name,
            "round_title": round_.title,
            "closes_on": round_.closes_on,
            "questionnaires": questionnaires,
            "link": emails.url("personal_invitation", token),
        },
    )


def send_new_links(round_: Round, invitations: Sequence[PersonalInvitation]) -> int:
    """Email each invitation a new link (``new_link``), and record when (``emailed_at``).
    Returns how many were sent. The caller checks the round and holds the rows' locks."""
    questionnaires = round_.round_frameworks.count()
    messages = []
    for invitation in invitations:
        invitation.round = round_
        messages.append(_link_email(invitation, questionnaires, new_link(invitation)))
    sent = emails.send(messages)
    PersonalInvitation.objects.filter(pk__in=[i.pk for i in invitations]).update(
        emailed_at=timezone.now()
    )
    return sent


@transaction.atomic
def email_personal_links(
    *, actor, round_: Round, invitation: PersonalInvitation | None = None
) -> int:
    """Email each person their own link, and record when (``emailed_at``). Returns how many
    were sent.

    With no ``invitation``: everyone not yet emailed and not withdrawn. With one: that person
    again (a resend: a new link, and the one emailed before stops working). Refused
    (``NotAllowedNow``) unless the round is open, or for a withdrawn invitation."""
    require(actor, Permission.MANAGE_PARTNERSHIP, round_.partnership)
    round_ = Round.objects.select_for_update().select_related("partnership").get(pk=round_.pk)
    if round_.status != RoundStatus.OPEN:
        raise NotAllowedNow("Links can be emailed only while the round is open.")
    people = PersonalInvitation.objects.select_for_update().filter(
        round=round_, withdrawn_at__isnull=True
    )
    if invitation is not None:
        people = people.filter(pk=invitation.pk)
        if not people.exists():
            raise NotAllowedNow("This link has been withdrawn, so it cannot be sent.")
    else:
        people = people.filter(emailed_at__isnull=True)
    return send_new_links(round_, list(people))


__all__ = [
    "email_personal_links",
    "MAX_PEOPLE_PER_BATCH",
    "PersonInput",
    "create_personal_invitations",
    "new_link",
    "send_new_links",
    "token_matches",
    "withdraw_personal_invitation",
]
