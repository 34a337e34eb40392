"""Personal invitations: one link per person, emailed to them, stored only as a hash."""

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

    The manager fixes the person's organisation and role (or the person chose them when they
    asked for a link through the round's shared link, ``self_requested``), so they cannot be
    chosen to lift a small group over the threshold. The link gives at most one response per
    questionnaire. The address must be in ``RESPONDENT_EMAIL_DOMAINS`` (checked by the
    services, ADR 0037).

    The link goes only by email to the address. Its token is random, made when it is emailed,
    and only its SHA-256 hash is kept (``token_hash``); each email carries a new token, so the
    previous link stops working. Nobody, the manager included, can see it again. Rows made
    before ADR 0037 (``hmac_link``) keep their old link, an HMAC of the id and ``nonce`` under
    SECRET_KEY (ADR 0011), until a new one is emailed.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(max_length=254)
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="invitations", verbose_name="organisation"
    )
    respondent_role = models.CharField("role", max_length=20, choices=RespondentRole.choices)
    nonce = models.CharField(max_length=64, default=new_token, editable=False)
    token_hash = models.CharField(
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="SHA-256 of the link's token, in hexadecimal. Empty until a link is emailed.",
    )
    hmac_link = models.BooleanField(
        default=False,
        editable=False,
        help_text="Made before links were emailed only (ADR 0037): the old HMAC link works "
        "until a new link is emailed.",
    )
    self_requested = models.BooleanField(
        "asked for through the shared link",
        default=False,
        help_text="The person asked for this link with their work address, and chose their "
        "organisation and role.",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the link was last emailed to the person."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Audit trail: who invited or withdrew whom (nothing from which a link derives is kept).
    history = HistoricalRecords(excluded_fields=["created_at", "nonce", "token_hash"])

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
        return f"{self.name or self.email} <{self.email}> – {self.round}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
