"""Reads for personal invitations: who was invited to a round and whether they answered.

Managers see whether each person has answered, never what they answered: the per-person
status is a count of questionnaires submitted, the same fact a reminder needs. They never
see a person's link: it goes only by email and only its hash is stored (ADR 0037).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count

from assessments.models import PersonalInvitation, RespondentRole, Response, ResponseStatus, Round


@dataclass(frozen=True)
class InvitationRow:
    pk: int
    name: str
    email: str
    organisation: str
    role: str
    withdrawn: bool
    submitted: int  # questionnaires submitted through the link
    questionnaires: int  # questionnaires in the round
    emailed_at: datetime | None = None  # when the link was last emailed
    self_requested: bool = False  # asked for through the shared link (ADR 0037)

    @property
    def status(self) -> str:
        if self.withdrawn:
            return "Withdrawn"
        if self.submitted == 0:
            return "Not answered"
        if self.submitted >= self.questionnaires:
            return "Answered"
        return f"Answered {self.submitted} of {self.questionnaires}"


def invitation_rows(round_: Round) -> list[InvitationRow]:
    """Everyone invited to the round, by name (then address: people who asked for a link
    through the shared link give none). Three queries, however many people."""
    roles = {value: label.split(" (")[0] for value, label in RespondentRole.choices}
    questionnaires = round_.round_frameworks.count()
    submitted: dict[int, int] = defaultdict(int)
    for row in (
        Response.objects.filter(
            round=round_, invitation__isnull=False, status=ResponseStatus.SUBMITTED
        )
        .values("invitation_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        submitted[row["invitation_id"]] = row["n"]
    return [
        InvitationRow(
            pk=invitation.pk,
            name=invitation.name,
            email=invitation.email,
            organisation=invitation.partner.name,
            role=roles.get(invitation.respondent_role, ""),
            withdrawn=invitation.is_withdrawn,
            submitted=submitted[invitation.pk],
            questionnaires=questionnaires,
            emailed_at=invitation.emailed_at,
            self_requested=invitation.self_requested,
        )
        for invitation in PersonalInvitation.objects.filter(round=round_)
        .select_related("partner")
        .order_by("name", "email")
    ]
