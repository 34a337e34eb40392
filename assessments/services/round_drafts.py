"""Changing a draft round before it opens: edit everything about it, or delete it.

A draft has never been open, so nobody has answered it: everything may still change. Once
a round opens, only its closing date moves (``extend_closing_date``); once it holds
responses it is never deleted (``Response.round`` is PROTECT; archive the partnership).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from assessments.errors import InvalidInput, NotAllowedNow
from assessments.models import Round, RoundFramework, RoundStatus
from assessments.services._checks import require
from frameworks.models import NAMED_CHANGE_FRAMEWORKS, Framework, FrameworkStatus
from partnership_site.roles import Permission


def check_round_fields(
    *,
    round_: Round | None,
    partnership,
    title: str,
    frameworks: list,
    opens_on,
    closes_on,
    proposed_change: str = "",
) -> str:
    """The checks a round's fields must pass when created or edited; returns the title
    stripped. Raises ``InvalidInput`` with field errors: no or unpublished questionnaires,
    no change named for a questionnaire that asks about one (``NAMED_CHANGE_FRAMEWORKS``),
    a closing date before the opening date or in the past, a title already used."""
    if not frameworks:
        raise InvalidInput({"frameworks": "Choose at least one framework."})
    unpublished = [f for f in frameworks if f.status != FrameworkStatus.PUBLISHED]
    if unpublished:
        raise InvalidInput({"frameworks": f"{unpublished[0].title} is not published."})
    asking = [f for f in frameworks if f.slug in NAMED_CHANGE_FRAMEWORKS]
    if asking and not proposed_change.strip():
        raise InvalidInput(
            {"proposed_change": f"Name the change the {asking[0].title} questionnaire asks about"}
        )
    if closes_on < opens_on:
        raise InvalidInput(
            {"closes_on": "The closing date must be the same as or after the opening date."}
        )
    if closes_on < timezone.localdate():
        raise InvalidInput({"closes_on": "The closing date must be today or later."})
    title = title.strip()
    same_title = partnership.rounds.filter(title__iexact=title)
    if round_ is not None:
        same_title = same_title.exclude(pk=round_.pk)
    if same_title.exists():
        raise InvalidInput(
            {"title": "This partnership already has a round with this title. Choose another."}
        )
    return title


def _locked_draft(actor, round_: Round, doing: str) -> Round:
    require(actor, Permission.MANAGE_PARTNERSHIP, round_.partnership)
    locked = Round.objects.select_for_update().select_related("partnership").get(pk=round_.pk)
    if locked.status != RoundStatus.DRAFT:
        raise NotAllowedNow(
            f"Only a draft round can be {doing}: this round is "
            f"{RoundStatus(locked.status).label.lower()}."
        )
    return locked


@transaction.atomic
def update_draft_round(
    *,
    actor,
    round_: Round,
    title: str,
    frameworks: Iterable[Framework],
    opens_on: date,
    closes_on: date,
    anonymity_threshold: int,
    open_link_enabled: bool,
    proposed_change: str = "",
) -> Round:
    """Change everything about a draft round. The questionnaires chosen from the library
    replace the old ones, in the order given; the partnership's own local questions stay,
    after them. Raises ``NotAllowedNow`` unless the round is a draft, ``InvalidInput`` as
    ``create_round`` does, ``PermissionDenied`` for anyone but its managers."""
    locked = _locked_draft(actor, round_, "edited")
    frameworks = list(frameworks)
    locked.title = check_round_fields(
        round_=locked,
        partnership=locked.partnership,
        title=title,
        frameworks=frameworks,
        opens_on=opens_on,
        closes_on=closes_on,
        proposed_change=proposed_change,
    )
    locked.proposed_change = proposed_change.strip()
    locked.opens_on = opens_on
    locked.closes_on = closes_on
    locked.anonymity_threshold = anonymity_threshold
    locked.open_link_enabled = open_link_enabled
    locked.full_clean()
    locked.save()
    local = list(
        locked.round_frameworks.filter(framework__partnership__isnull=False)
        .order_by("position")
        .values_list("framework_id", flat=True)
    )
    locked.round_frameworks.all().delete()
    RoundFramework.objects.bulk_create(
        RoundFramework(round=locked, framework_id=framework_id, position=position)
        for position, framework_id in enumerate([f.pk for f in frameworks] + local, start=1)
    )
    return locked


@transaction.atomic
def delete_draft_round(*, actor, round_: Round) -> None:
    """Delete a draft round that nobody has answered, with its personal links.

    Raises ``NotAllowedNow`` for a round that is not a draft or holds responses (it is kept:
    close it, or archive the partnership), ``PermissionDenied`` for anyone but its managers.
    """
    locked = _locked_draft(actor, round_, "deleted")
    if locked.responses.exists() or locked.response_sets.exists():
        raise NotAllowedNow("This round holds answers, so it is kept.")
    locked.delete()
