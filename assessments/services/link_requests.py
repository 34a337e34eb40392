"""Asking for a personal link through a round's shared link (ADR 0037).

The shared link no longer lets anyone answer. A person who has it gives their work email
address (in ``RESPONDENT_EMAIL_DOMAINS``), organisation and role; the service emails a
personal link to that address, and they answer through it (``services.invitations``). So
every response counts a mailbox the person's employer runs, and nobody, the manager
included, can answer many times through the shared link to lift a small group over the
suppression threshold.

One invitation per address per round. Asking again for an address that has one emails that
address a new link (with the organisation and role already fixed, whatever was chosen this
time); for a withdrawn one, nothing is sent; for a member of the partnership, an email
saying to sign in and answer. The caller shows the same page in every case, so the page
cannot be used to find out who was invited or who is a member. Requests are throttled by
the view (``views.link_requests``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from assessments import emails
from assessments.errors import InvalidInput, NotAllowedNow
from assessments.models import Membership, Partner, PersonalInvitation, RespondentRole, Round
from assessments.services._people import allowed_domains_text, domain_error, organisation_error
from assessments.services.invitations import send_new_links
from partnership_site.email_domains import email_domain_allowed
from partnership_site.roles import Permission, roles_with

NOT_TAKING_REQUESTS = "This round is not taking answers through its shared link."


def work_address_error(email: str) -> str | None:
    """The problem with an address typed on the request page, or None."""
    try:
        validate_email(email)
    except ValidationError:
        return "Enter an email address in the correct format, like name@nhs.net"
    if domain_error(email):
        if email_domain_allowed(email, settings.RESPONDENT_EMAIL_DOMAINS):
            # In the domains, so not a plain mailbox ("name+tag@…").
            return "Enter your own work email address, without a “+” tag, “%”, “!” or quotes"
        return f"Enter your work email address: it must be an address {allowed_domains_text()}"
    return None


@transaction.atomic
def request_personal_link(
    *, round_: Round, email: str, partner: Partner | None, respondent_role: str
) -> None:
    """Email a personal link for the round to ``email`` (see the module docstring for what
    happens when the address already has one). Returns nothing, whatever happened, so no
    caller can tell the cases apart.

    Raises ``InvalidInput`` (keyed by field: ``email``, ``partner``, ``respondent_role``)
    for an address not in a valid format or not in the allowed work domains, an
    organisation not active in the partnership, or a role not on the list; and
    ``NotAllowedNow`` when the round is not open or its shared link is off.
    """
    round_ = Round.objects.select_for_update().select_related("partnership").get(pk=round_.pk)
    if not round_.accepts_answers or not round_.open_link_enabled:
        raise NotAllowedNow(NOT_TAKING_REQUESTS)
    email = email.strip()
    errors = {}
    if problem := work_address_error(email):
        errors["email"] = problem
    if organisation_error(partner, round_.partnership_id, required=True):
        errors["partner"] = "Choose the organisation you work for"
    if respondent_role not in RespondentRole.values:
        errors["respondent_role"] = "Choose your role"
    if errors:
        raise InvalidInput(errors)
    existing = (
        PersonalInvitation.objects.select_for_update()
        .filter(round=round_, email__iexact=email)
        .first()
    )
    if existing is not None:
        if not existing.is_withdrawn:
            send_new_links(round_, [existing])
        return
    if _is_answering_member(round_, email):
        emails.send([_member_email(round_, email)])
        return
    invitation = PersonalInvitation(
        round=round_,
        email=email,
        partner=partner,
        respondent_role=respondent_role,
        self_requested=True,
    )
    invitation.full_clean(exclude=["created_by"])  # nobody in the service made it
    invitation.save()
    send_new_links(round_, [invitation])


def _is_answering_member(round_: Round, email: str) -> bool:
    return Membership.objects.filter(
        partnership_id=round_.partnership_id,
        role__in=roles_with(Permission.ANSWER_QUESTIONNAIRES),
        user__email__iexact=email,
        user__is_active=True,
    ).exists()


def _member_email(round_: Round, email: str) -> emails.Email:
    return emails.render(
        "link_request_member",
        to=email,
        context={
            "partnership": round_.partnership.name,
            "round_title": round_.title,
            "closes_on": round_.closes_on,
            "link": emails.url("round_answer", round_.pk),
        },
    )
