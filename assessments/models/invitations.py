"""Personal invitations: one link per person, stored only as a hash."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from assessments.models.choices import RespondentRole
from assessments.models.partnerships import Partner
from assessments.models.rounds import Round
from assessments.models.tokens import new_token


class PersonalInvitation(models.Model):
    """A single-use personal link for one named person to answer one round.

    The manager fixes the person's organisation and role, so they cannot be chosen to lift a
    small group over the threshold. The link gives at most one response per questionnaire.
    The link's token is never stored: it is an HMAC of the row's id and ``nonce`` under the
    site's secret key (``assessments.personal_links``), so it can be shown again to the
    manager, and a copy of the database alone cannot be used to answer.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="invitations", verbose_name="organisation"
    )
    respondent_role = models.CharField("role", max_length=20, choices=RespondentRole.choices)
    nonce = models.CharField(max_length=64, default=new_token, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the link was last emailed to the person."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Audit trail: who invited or withdrew whom (the nonce, from which links derive, is not kept).
    history = HistoricalRecords(excluded_fields=["created_at", "nonce"])

    class Meta:
        ordering = ["round", "name", "email"]
        verbose_name = "personal invitation"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "email"], name="personal_invitation_one_per_email_per_round"
            ),
            models.CheckConstraint(
                condition=Q(respondent_role__in=RespondentRole.values),
                name="personal_invitation_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}> – {self.round}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
