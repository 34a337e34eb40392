"""Personal invitations: single-use links for named people, with organisation and role fixed.

A personal link lets one person answer each questionnaire of one round at most once, as the
organisation and role the manager chose for them. Its token is never stored: it is derived
from the invitation's id and random ``nonce`` with an HMAC under the site's secret key
(``assessments.links``). So the manager can copy the links again (or download them as a
CSV), while a copy of the database alone cannot be used to answer. Changing SECRET_KEY
changes every link (ADR 0011).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from assessments import emails
from assessments.errors import InvalidInput, NotAllowedNow
from assessments.links import personal_link_token, token_matches
from assessments.models import (
    Membership,
    Partner,
    PersonalInvitation,
    RespondentRole,
    Round,
    RoundStatus,
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
    """Invite each person with their own link. All or nothing: any bad line stores nobody.

    Raises ``ValidationError`` with one message per bad line ("Line 3: …"): a missing name,
    a malformed or repeated email address (in the list or already invited to this round),
    an organisation outside the partnership, a role not on the list, or a closed round.
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


def _link_email(invitation: PersonalInvitation, questionnaires: int) -> emails.Email:
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
            "link": emails.url("personal_invitation", personal_link_token(invitation)),
        },
    )


@transaction.atomic
def email_personal_links(
    *, actor, round_: Round, invitation: PersonalInvitation | None = None
) -> int:
    """Email each person their own link, and record when (``emailed_at``). Returns how many
    were sent.

    With no ``invitation``: everyone not yet emailed and not withdrawn. With one: that person
    again (a resend; the link is the same). Refused (``NotAllowedNow``) unless the round is
    open, or for a withdrawn invitation."""
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
    people = list(people.select_related("round__partnership"))
    questionnaires = round_.round_frameworks.count()
    sent = emails.send(_link_email(person, questionnaires) for person in people)
    PersonalInvitation.objects.filter(pk__in=[p.pk for p in people]).update(
        emailed_at=timezone.now()
    )
    return sent


__all__ = [
    "email_personal_links",
    "MAX_PEOPLE_PER_BATCH",
    "PersonInput",
    "create_personal_invitations",
    "personal_link_token",
    "token_matches",
    "withdraw_personal_invitation",
]
