"""Which partnerships are in a cohort: admins change any; a cohort's facilitators change
those that have given them access of their own (``permissions.partnerships_movable``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from assessments.errors import InvalidInput, NotAllowedNow
from assessments.models import Cohort, Partnership
from partnership_site.permissions import can_move_partnership


def _check(actor, cohort: Cohort, partnership: Partnership) -> Cohort:
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if not can_move_partnership(actor, cohort, partnership):
        raise PermissionDenied(f"You cannot change whether {partnership} is in {cohort}.")
    return cohort


@transaction.atomic
def add_partnership_to_cohort(*, actor, cohort: Cohort, partnership: Partnership) -> Cohort:
    """Put ``partnership`` in ``cohort``: the cohort's facilitators then see its figures
    (never who said what). Raises PermissionDenied, or InvalidInput if it is already in."""
    cohort = _check(actor, cohort, partnership)
    if cohort.partnerships.filter(pk=partnership.pk).exists():
        raise InvalidInput({"partnership": f"{partnership} is already in this cohort."})
    cohort.partnerships.add(partnership)
    return cohort


@transaction.atomic
def remove_partnership_from_cohort(*, actor, cohort: Cohort, partnership: Partnership) -> Cohort:
    """Take ``partnership`` out of ``cohort``; its rounds and results are untouched. Raises
    PermissionDenied, or NotAllowedNow if it is not in the cohort."""
    cohort = _check(actor, cohort, partnership)
    if not cohort.partnerships.filter(pk=partnership.pk).exists():
        raise NotAllowedNow(f"{partnership} is not in this cohort.")
    cohort.partnerships.remove(partnership)
    return cohort
