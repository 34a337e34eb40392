"""Writes to assessment rounds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from assessments.errors import InvalidInput, NotAllowedNow
from assessments.models import (
    ClosedRoundError,
    Partnership,
    Round,
    RoundFramework,
    RoundStatus,
    new_token,
)
from assessments.selectors.answered import AnsweredCount, answered_count
from assessments.services._checks import require
from assessments.services.results import store_results
from assessments.services.round_drafts import check_round_fields
from frameworks.content_format import validate
from frameworks.models import Framework
from frameworks.services import load_framework
from partnership_site.roles import Permission


@transaction.atomic
def create_round(
    *,
    actor,
    partnership: Partnership,
    title: str,
    frameworks: Iterable[Framework],
    opens_on: date,
    closes_on: date,
    anonymity_threshold: int = 3,
    open_link_enabled: bool = False,
    proposed_change: str = "",
) -> Round:
    """A draft round of ``partnership`` asking ``frameworks`` (in that order) between two
    dates. ``proposed_change`` names the change that questionnaires such as Readiness for
    change ask about; it is required when one of them is chosen. Raises ``PermissionDenied``
    for anyone but the partnership's managers and ``InvalidInput`` (field errors) as
    ``check_round_fields``."""
    require(actor, Permission.MANAGE_PARTNERSHIP, partnership)
    frameworks = list(frameworks)
    title = check_round_fields(
        round_=None,
        partnership=partnership,
        title=title,
        frameworks=frameworks,
        opens_on=opens_on,
        closes_on=closes_on,
        proposed_change=proposed_change,
    )
    round_ = Round(
        partnership=partnership,
        title=title,
        proposed_change=proposed_change.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        anonymity_threshold=anonymity_threshold,
        open_link_enabled=open_link_enabled,
    )
    round_.full_clean()
    round_.save()
    RoundFramework.objects.bulk_create(
        RoundFramework(round=round_, framework=framework, position=position)
        for position, framework in enumerate(frameworks, start=1)
    )
    return round_


@transaction.atomic
def set_round_status(*, actor, round_: Round, status: str) -> Round:
    """Open a draft round, or close an open one.

    Closing is final: a closed round never opens again, so its published results can never
    change and cannot be compared with a later version of themselves (ADR 0010). To give
    people more time, extend the closing date of the open round instead.

    Raises ``ValidationError`` for any other change (``ClosedRoundError`` for a reopen).
    """
    require(actor, Permission.MANAGE_PARTNERSHIP, round_.partnership)
    # Re-read under a lock: two managers (or a double click) must not race.
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    current = locked.status
    allowed = {
        RoundStatus.DRAFT: {RoundStatus.OPEN},
        RoundStatus.OPEN: {RoundStatus.CLOSED},
        RoundStatus.CLOSED: set(),
    }
    if status == current:
        raise NotAllowedNow(f"This round is already {RoundStatus(current).label.lower()}.")
    if current == RoundStatus.CLOSED:
        raise ClosedRoundError(
            "A closed round cannot be opened again: its results are final. "
            "Start a new round instead."
        )
    if status not in allowed[current]:
        raise NotAllowedNow(f"A {RoundStatus(current).label.lower()} round cannot become {status}.")
    if status == RoundStatus.OPEN:
        _check_can_open(locked)
        round_.status = status
        round_.save(update_fields=["status"])
        return round_
    _close(round_, now=timezone.now())
    return round_


def _check_can_open(round_: Round) -> None:
    """A round opens only if people will have time to answer: its closing date is today or
    later (issue 11: a round dated in the past was accepted, opened and answered)."""
    closes_on = round_.closes_on
    if closes_on < timezone.localdate():
        raise InvalidInput(
            {
                "closes_on": f"The closing date, {closes_on.day} {closes_on:%B %Y}, has "
                "passed. Change the round's dates before opening it."
            }
        )


def _close(round_: Round, *, now: datetime) -> None:
    """The one way a round closes, by a manager or when its closing date has passed: the
    status and ``closed_at`` together (``round_closed_at_paired_with_closed``). The caller
    holds the round's row lock. Its results are computed and stored in the same transaction
    (ADR 0031), so no reader ever sees a closed round without them."""
    round_.status = RoundStatus.CLOSED
    round_.closed_at = now
    round_.save(update_fields=["status", "closed_at"])
    store_results(round_=round_)


def close_due_rounds(*, actor=None, now: datetime | None = None) -> list[int]:
    """Close every open round whose closing date has passed; returns their ids.

    A round is open until the end of its closing date (``closes_on``, in the service's time
    zone), so it is due from the next day. ``actor`` is None: the system, not a person (a
    management command, cron, or the check made on requests, ADR 0023); the history records
    no user for the change. ``now`` (an aware datetime) is for tests and defaults to now.
    Each round closes in its own transaction, under its row lock and checked again there,
    so a manager extending or closing the round at the same moment is never overridden.
    Safe to run any number of times, from any number of processes.
    """
    if actor is not None:
        raise PermissionDenied("Rounds close on their closing date, not on a person's request.")
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = list(
        Round.objects.filter(status=RoundStatus.OPEN, closes_on__lt=today).values_list(
            "pk", flat=True
        )
    )
    closed = []
    for pk in due:
        with transaction.atomic():
            round_ = (
                Round.objects.select_for_update()
                .filter(pk=pk, status=RoundStatus.OPEN, closes_on__lt=today)
                .first()
            )
            if round_ is None:  # extended or closed meanwhile
                continue
            round_._history_user = None  # the system, whoever's request ran the check
            round_._change_reason = "Closed automatically: its closing date had passed."
            _close(round_, now=now)
            closed.append(pk)
    return closed


@transaction.atomic
def extend_closing_date(*, actor, round_: Round, closes_on: date) -> Round:
    """Give people longer to answer: move an open (or draft) round's closing date later.

    Raises ``ValidationError`` for a closed round, a date earlier than the current closing
    date, or a date in the past.
    """
    require(actor, Permission.MANAGE_PARTNERSHIP, round_.partnership)
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.status == RoundStatus.CLOSED:
        raise ClosedRoundError("A closed round cannot be extended: its results are final.")
    if closes_on < locked.closes_on:
        raise InvalidInput(
            {"closes_on": "The new closing date must be the same as or after the current one."}
        )
    if closes_on < timezone.localdate():
        raise InvalidInput({"closes_on": "The new closing date must be today or later."})
    locked.closes_on = closes_on
    locked.full_clean()
    locked.save(update_fields=["closes_on"])
    round_.closes_on = closes_on
    return round_


@transaction.atomic
def set_open_link(*, actor, round_: Round, enabled: bool) -> Round:
    """Turn the round's shared invitation link on or off. Turning it off stops new guests at
    once; guests who already started keep their private resume links."""
    require(actor, Permission.MANAGE_PARTNERSHIP, round_.partnership)
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.status == RoundStatus.CLOSED:
        raise ClosedRoundError("This round is closed.")
    locked.open_link_enabled = enabled
    locked.save(update_fields=["open_link_enabled"])
    round_.open_link_enabled = enabled
    return round_


@transaction.atomic
def replace_invitation_token(*, actor, round_: Round) -> Round:
    """Give the round a new invitation link; the old one stops working at once.

    Guests who already started keep their private resume links, which do not depend on it.
    Raises ``ClosedRoundError`` (a ``NotAllowedNow``) for a closed round: nobody can answer
    it, so a new link would only be a false reassurance.
    """
    require(actor, Permission.MANAGE_PARTNERSHIP, round_.partnership)
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.status == RoundStatus.CLOSED:
        raise ClosedRoundError("This round is closed, so its shared link cannot be replaced.")
    locked.invitation_token = new_token()
    locked.save(update_fields=["invitation_token"])
    round_.invitation_token = locked.invitation_token
    return round_


LOCAL_QUESTIONS_LIMIT = 10
AGREEMENT_LABELS = [
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
]
PRESENCE_LABELS = [
    "Not at all present",
    "Slightly present",
    "Moderately present",
    "Strongly present",
    "Very strongly present",
]


def asking_again_warning(answered: AnsweredCount) -> str:
    """What adding questions to a round people have already answered means for them."""
    return (
        f"{answered.people_text} in this round. Each of them will be asked to come back "
        "and answer your questions too: members will see them as still to answer, and "
        "people who used a personal or shared link will see them only if they open their "
        "link again. Their earlier answers stay as they are."
    )


@transaction.atomic
def add_local_questions(
    *,
    actor,
    round_: Round,
    title: str,
    statements: list[str],
    barriers: bool = False,
    confirm_asking_again: bool = False,
) -> Framework:
    """Add a partnership's own questions to a round, without touching the shared library.

    They become a small framework owned by the partnership: answered like any other,
    reported as a questionnaire of their own, never benchmarked. ``barriers`` asks how
    strongly each is present, and reverse-scores them (a strongly present barrier lowers
    the score), as the library's barrier frameworks do.

    Once anyone has submitted a questionnaire in the round, the questions are added only
    with ``confirm_asking_again`` (the manager has read ``asking_again_warning``): everyone
    who answered would have one more questionnaire to answer (issue 17). Raises
    ``InvalidInput`` on ``confirm_asking_again`` otherwise, ``NotAllowedNow`` for a closed
    round or one that already has local questions.
    """
    require(actor, Permission.MANAGE_PARTNERSHIP, round_.partnership)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.status == RoundStatus.CLOSED:
        raise NotAllowedNow("Questions cannot be added to a closed round.")
    if round_.round_frameworks.filter(framework__partnership__isnull=False).exists():
        raise NotAllowedNow("This round already has local questions.")
    answered = answered_count(round_.pk)
    if answered.questionnaires and not confirm_asking_again:
        raise InvalidInput(
            {
                "confirm_asking_again": "Confirm that people who have already answered "
                "will be asked to answer your questions too"
            }
        )
    statements = [s.strip() for s in statements if s.strip()]
    if not statements:
        raise InvalidInput({"statements": "Enter at least one question."})
    if len(statements) > LOCAL_QUESTIONS_LIMIT:
        raise InvalidInput(
            {"statements": f"Enter at most {LOCAL_QUESTIONS_LIMIT} questions, one per line."}
        )
    long = [n for n, s in enumerate(statements, start=1) if len(s) > 300]
    if long:
        raise InvalidInput(
            {"statements": f"Question {long[0]} is too long: keep each to 300 characters."}
        )
    title = title.strip() or "Local questions"
    partnership = round_.partnership
    advice = {
        "Concern": "Talk through these local issues together and agree one practical step "
        "on the most pressing one.",
        "Developing": "Pick the local issue partners rate lowest and agree who will take it on.",
        "Strength": "Keep what works locally and share it with partners new to the partnership.",
    }
    data, errors = validate(
        {
            "slug": f"local-{partnership.pk}-{round_.pk}",
            "version": 1,
            "title": title[:200],
            "summary": f"Questions {partnership.name} added for its own local context.",
            "kind": "rated",
            "source": f"Written by {partnership.name} for {round_.title}.",
            "scale": {
                "min": 1,
                "max": 5,
                "labels": PRESENCE_LABELS if barriers else AGREEMENT_LABELS,
                "question": (
                    "How strongly is this present in our partnership?"
                    if barriers
                    else "How far do you agree?"
                ),
            },
            "bands": [
                {"label": "Concern", "lower": 0, "colour": "red", "meaning": "Needs attention."},
                {"label": "Developing", "lower": 50, "colour": "yellow", "meaning": "Mixed."},
                {"label": "Strength", "lower": 75, "colour": "green", "meaning": "Going well."},
            ],
            "dimensions": [
                {
                    "key": "local-context",
                    "title": title[:200],
                    "description": "Questions about our own local context.",
                    "guidance": "Local questions written by the partnership itself.",
                    "advice": advice,
                    "items": [
                        {
                            "key": f"local-{n}",
                            "statement": statement,
                            "reverse_scored": barriers,
                        }
                        for n, statement in enumerate(statements, start=1)
                    ],
                }
            ],
        }
    )
    if errors:
        raise InvalidInput([str(error) for error in errors])
    framework = load_framework(data=data, actor=actor).framework
    framework.partnership = partnership
    framework.save(update_fields=["partnership", "updated_at"])
    position = (round_.round_frameworks.aggregate(top=Max("position"))["top"] or 0) + 1
    RoundFramework.objects.create(round=round_, framework=framework, position=position)
    return framework
