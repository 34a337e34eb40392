"""Shared checks for the assessment services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from assessments.models import (
    Partnership,
)
from partnership_site.permissions import has_permission
from partnership_site.roles import Permission


def require(actor, permission: Permission, partnership: Partnership) -> None:
    if actor is not None and not has_permission(actor, permission, partnership):
        raise PermissionDenied(f"You do not have permission to do this in {partnership}.")
