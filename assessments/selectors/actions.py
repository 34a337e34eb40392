"""Reads for a partnership's action plan: its actions with everything a page shows, the
people who may own one, and the dimensions an action may be about. Views and presenters call
these; a fixed number of queries each, whatever the number of actions."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404

from assessments.models import (
    ActionItem,
    ActionNote,
    Membership,
    Partnership,
    RoundFramework,
)
from frameworks.models import Dimension
from partnership_site.roles import PartnershipRole

OWNER_ROLES = (PartnershipRole.MANAGER, PartnershipRole.MEMBER)


def plan_actions(partnership_id: int) -> list[ActionItem]:
    """Every action of the partnership by due date (undated last), with owner, partner,
    dimension, round and progress notes (newest first): two queries."""
    return list(
        ActionItem.objects.filter(partnership_id=partnership_id)
        .select_related("owner_user", "partner", "dimension__framework", "raised_in", "partnership")
        .prefetch_related(Prefetch("notes", queryset=ActionNote.objects.select_related("author")))
        .order_by("due_on", "title", "pk")
    )


def report_actions(partnership_id: int) -> list[ActionItem]:
    """The actions as the round report lists them: ``plan_actions``' order, with the owner,
    dimension (and its framework) and round they were raised in, but not the partner,
    partnership or progress notes, which the report does not show; each with
    ``owner_is_current`` (whether its owner is still a manager or member, as
    ``current_owner_ids`` says): one query."""
    current = Membership.objects.filter(
        partnership_id=OuterRef("partnership_id"),
        user_id=OuterRef("owner_user_id"),
        role__in=OWNER_ROLES,
    )
    return list(
        ActionItem.objects.filter(partnership_id=partnership_id)
        .select_related("owner_user", "dimension__framework", "raised_in")
        .annotate(owner_is_current=Exists(current))
        .order_by("due_on", "title", "pk")
    )


def action_in(partnership: Partnership, pk: int) -> ActionItem:
    """One action of ``partnership`` with its notes (404 if it belongs to another)."""
    return get_object_or_404(
        ActionItem.objects.filter(partnership=partnership)
        .select_related("owner_user", "partner", "dimension", "raised_in", "partnership")
        .prefetch_related(Prefetch("notes", queryset=ActionNote.objects.select_related("author"))),
        pk=pk,
    )


def current_owner_ids(partnership_id: int) -> set[int]:
    """Users who are now managers or members: anyone else who owns an action has left."""
    return set(
        Membership.objects.filter(partnership_id=partnership_id, role__in=OWNER_ROLES).values_list(
            "user_id", flat=True
        )
    )


def possible_owners(partnership_id: int) -> list[Membership]:
    """Managers and members, by name: the people an action may be given to."""
    return list(
        Membership.objects.filter(partnership_id=partnership_id, role__in=OWNER_ROLES)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )


def plan_dimensions(partnership_id: int) -> list[Dimension]:
    """The dimensions of every framework version the partnership's rounds used, local
    context included, newest version of each framework first."""
    framework_ids = (
        RoundFramework.objects.filter(round__partnership_id=partnership_id)
        .values_list("framework_id", flat=True)
        .distinct()
    )
    return list(
        Dimension.objects.filter(framework_id__in=framework_ids)
        .select_related("framework")
        .order_by("framework__title", "-framework__version", "position")
    )
