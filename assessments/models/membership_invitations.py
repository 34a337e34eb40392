"""Invitations to join a partnership, sent by email (ADR 0021).

The link's token is stored only as its SHA-256 hash (``tokens.hash_token``): the service
mails the token once and forgets it. Resending makes a new token, so the old link dies.
Whether the address already has an account is decided when the invitation is accepted, never
shown to the manager who sent it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from assessments.models.partnerships import Partner, Partnership
from partnership_site.roles import PartnershipRole

INVITATION_VALID_DAYS = 14


class MembershipInvitation(models.Model):
    """An email invitation for one address to join one partnership in a role.

    States: pending (none of accepted/withdrawn set, not expired), accepted, withdrawn or
    expired (``expires_at`` passed). At most one pending invitation per address per
    partnership (``membership_invitation_one_pending_per_email``).
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="membership_invitations"
    )
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(max_length=254)
    role = models.CharField(
        max_length=20, choices=PartnershipRole.choices, default=PartnershipRole.MEMBER
    )
    partner = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="membership_invitations",
        verbose_name="organisation",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Audit trail: who invited, resent, withdrew or accepted (never the token's hash).
    history = HistoricalRecords(excluded_fields=["created_at", "token_hash"])

    class Meta:
        ordering = ["partnership", "email", "-created_at"]
        verbose_name = "invitation to join a partnership"
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "partnership",
                condition=Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="membership_invitation_one_pending_per_email",
            ),
            models.CheckConstraint(
                condition=Q(role__in=PartnershipRole.values),
                name="membership_invitation_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(withdrawn_at__isnull=True),
                name="membership_invitation_not_accepted_and_withdrawn",
            ),
        ]

    def __str__(self):
        return f"{self.email} – {self.partnership}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None and not self.is_expired

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def state(self) -> str:
        """ "accepted", "withdrawn", "expired" or "pending"."""
        if self.accepted_at is not None:
            return "accepted"
        if self.withdrawn_at is not None:
            return "withdrawn"
        if self.is_expired:
            return "expired"
        return "pending"
