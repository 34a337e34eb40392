"""The bases of a round's response rates (ADR 0039): live while a round is open, frozen at
close for a closed one.

A response rate is submitted responses against a base per partner organisation: the people
the manager says were asked (``Partner.people_invited``), else its registered members
(``comparison.ResponseRateRow.denominator`` for the report and the dashboard, and the round
page's "n of m"). People asked, memberships and archiving can all change after a round
closes, so ``services.results.store_results`` freezes them in ``RoundResult.rate_bases``
when the round closes; every reader of a closed round reads them from there, so a published
rate never changes. An open round's bases are read live.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef

from assessments.models import (
    Membership,
    Partner,
    Response,
    ResponseStatus,
    Round,
    RoundFramework,
    RoundResult,
    RoundStatus,
)
from assessments.selectors import stored_results
from assessments.selectors.subqueries import correlated_count
from partnership_site.roles import Permission, roles_with

ANSWERING_ROLES = roles_with(Permission.ANSWER_QUESTIONNAIRES)
# An organisation removed after the close (only one nobody answered for or belongs to can
# be): its frozen base still counts, under this name.
REMOVED_LABEL = "An organisation since removed"


@dataclass(frozen=True)
class PartnerBase:
    """One organisation's side of one questionnaire's response rate."""

    partner_id: int
    responses: int  # submitted responses to the questionnaire from the organisation
    invited: int | None  # people the manager said were asked to answer
    members: int  # every membership linked to the organisation (the report's base)
    answering_members: int  # members whose role may answer (the round page's base)
    listed: bool  # the round page lists it: not archived, or it submitted in the round

    def as_stored(self) -> list:
        """The ``RoundResult.rate_bases`` entry."""
        return [
            self.partner_id,
            self.responses,
            self.invited,
            self.members,
            self.answering_members,
            self.listed,
        ]


@dataclass(frozen=True)
class QuestionnaireBases:
    """One questionnaire (framework) of a round: everyone who submitted it (with or without
    an organisation) and each organisation's base, by partner id."""

    respondents: int
    partners: tuple[PartnerBase, ...]


Frozen = dict[int, tuple[int | None, int, int, bool]]  # partner id: invited, members, ...


@dataclass(frozen=True)
class PartnerNow:
    """One organisation of a round's partnership as it stands now: what ``live`` freezes at
    close and what the round page of an open round shows."""

    pk: int
    name: str
    invited: int | None  # people the manager says were asked to answer
    members: int  # every membership linked to the organisation (the report's base)
    answering_members: int  # members whose role may answer (the round page's base)
    active: bool  # not archived
    listed: bool  # the round page lists it: not archived, or it submitted in the round


def partners_now(round_: Round) -> list[PartnerNow]:
    """The partnership's organisations with their bases read now, by name. One query."""
    return [
        PartnerNow(
            pk, name, invited, members, answering, archived is None, archived is None or answered
        )
        for pk, name, invited, members, answering, archived, answered in Partner.objects.filter(
            partnership_id=round_.partnership_id
        )
        .annotate(
            members=correlated_count(
                Membership.objects.filter(partnership_id=round_.partnership_id)
            ),
            answering=correlated_count(Membership.objects.filter(role__in=ANSWERING_ROLES)),
            # Submitted only: listing an archived organisation for a response in progress
            # would tell the manager that someone from it has started (a fresh tester).
            answered=Exists(
                Response.objects.filter(
                    round_id=round_.pk, partner=OuterRef("pk"), status=ResponseStatus.SUBMITTED
                )
            ),
        )
        .order_by("name", "pk")
        .values_list(
            "pk", "name", "people_invited", "members", "answering", "archived_at", "answered"
        )
    ]


def live(
    *,
    round_: Round,
    frozen: Frozen | None = None,
    framework_ids: list[int] | None = None,
) -> dict[int, QuestionnaireBases]:
    """Each framework of ``round_`` (by id) with its bases read now: the partnership's
    organisations, their people asked, member counts and listing (``partners_now``), and
    the submitted responses. ``frozen`` (partner id: (invited, members, answering members,
    listed), as stored at close) replaces the organisations and their figures; the responses
    are still counted. ``framework_ids``: the round's frameworks in order, if the caller has
    read them. Three queries (one fewer with ``framework_ids``, one fewer with ``frozen``)."""
    if framework_ids is None:
        framework_ids = list(
            RoundFramework.objects.filter(round_id=round_.pk)
            .order_by("position")
            .values_list("framework_id", flat=True)
        )
    if frozen is None:
        frozen = {
            p.pk: (p.invited, p.members, p.answering_members, p.listed)
            for p in partners_now(round_)
        }
    counts: dict[int, dict[int | None, int]] = defaultdict(lambda: defaultdict(int))
    for framework_id, partner_id, n in (
        Response.objects.filter(round_id=round_.pk, status=ResponseStatus.SUBMITTED)
        .values_list("framework_id", "partner_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[framework_id][partner_id] += n
    return {
        framework_id: QuestionnaireBases(
            respondents=sum(counts[framework_id].values()),
            partners=tuple(
                PartnerBase(pk, counts[framework_id].get(pk, 0), *frozen[pk])
                for pk in sorted(frozen)
            ),
        )
        for framework_id in framework_ids
    }


def stored(*, round_id: int) -> dict[int, QuestionnaireBases]:
    """A closed round's bases as frozen at close, by framework id. One query; a closed round
    without stored results goes to ``stored_results.missing_results_handler`` (production
    refuses, ADR 0031) and is read again. A round with no questionnaires at all (possible
    only through the admin) has nothing stored and nothing to show: an empty dict."""
    rows = _read(round_id)
    if not rows:
        if not RoundFramework.objects.filter(round_id=round_id).exists():
            return {}
        stored_results.missing_results_handler(round_ids=[round_id])
        rows = _read(round_id)
        if not rows:
            stored_results.refuse(round_ids=[round_id])
    return {
        framework_id: QuestionnaireBases(
            respondents=respondents,
            partners=tuple(PartnerBase(*entry) for entry in bases),
        )
        for framework_id, respondents, bases in rows
    }


def _read(round_id: int) -> list[tuple]:
    return list(
        RoundResult.objects.filter(round_id=round_id)
        .order_by("framework_id")
        .values_list("framework_id", "respondents", "rate_bases")
    )


def of_round(round_: Round) -> dict[int, QuestionnaireBases]:
    """The bases every reader shows: frozen for a closed round, live otherwise."""
    if round_.status == RoundStatus.CLOSED:
        return stored(round_id=round_.pk)
    return live(round_=round_)


def frozen_inputs(stored_bases: list[list]) -> Frozen:
    """The per-organisation figures of a stored ``rate_bases`` list, without the responses:
    what ``live(frozen=...)`` takes when results are rebuilt."""
    return {entry[0]: (entry[2], entry[3], entry[4], entry[5]) for entry in stored_bases}
