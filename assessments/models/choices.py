"""The fixed choice lists (TextChoices) the assessments models use."""

from django.db import models


class PartnershipKind(models.TextChoices):
    PCN = "pcn", "Primary care network"
    PLACE = "place", "Place-based partnership"
    PROVIDER_COLLABORATIVE = "provider_collaborative", "Provider collaborative"
    INTEGRATION_AUTHORITY = "integration_authority", "Integration authority"
    OTHER = "other", "Other partnership"


class OrganisationType(models.TextChoices):
    GP_PRACTICE = "gp_practice", "GP practice"
    COMMUNITY_TRUST = "community_trust", "Community health trust"
    MENTAL_HEALTH_TRUST = "mental_health_trust", "Mental health trust"
    ACUTE_TRUST = "acute_trust", "Acute (hospital) trust"
    AMBULANCE = "ambulance", "Ambulance service"
    LOCAL_AUTHORITY = "local_authority", "Local authority or social care"
    VCSE = "vcse", "Voluntary, community or social enterprise (VCSE)"
    PRIVATE_PROVIDER = "private_provider", "Independent or private provider"
    PHARMACY = "pharmacy", "Community pharmacy"
    OTHER = "other", "Other organisation"


class RespondentRole(models.TextChoices):
    CLINICAL = "clinical", "Clinical (for example GP, nurse, pharmacist)"
    LEADERSHIP = "leadership", "Leadership or management"
    OPERATIONAL = "operational", "Administrative or operational"
    COMMUNITY = "community", "Community, voluntary or patient representative"
    OTHER = "other", "Another role"


NO_ROLE_LABEL = "Role not given"
# Respondent roles as reports name their groups ("Clinical", not the form's longer label).
ROLE_LABELS = {
    **{value: label.split(" (")[0] for value, label in RespondentRole.choices},
    None: NO_ROLE_LABEL,
}


class RoundStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ResponseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"
