"""Reads for the "My partnerships", partnership and round pages.

Each function runs a fixed number of queries, however many partners, members, rounds or
responses there are: counts come from the database (subqueries or one GROUP BY), not from
loops over rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from assessments.models import (
    Membership,
    Partner,
    Partnership,
    Response,
    ResponseStatus,
    Round,
    RoundFramework,
    RoundStatus,
)
from assessments.selectors import rate_bases
from assessments.selectors.answered import AnsweredCount, answered_count, answered_counts
from assessments.selectors.rate_bases import PartnerBase
from assessments.selectors.subqueries import correlated_count
from frameworks.models import Framework
from partnership_site.permissions import report_visible, roles_by_partnership
from partnership_site.roles import PartnershipRole, Permission, permissions_of, roles_with

FACILITATOR = PartnershipRole.FACILITATOR.value

ANSWERING_ROLES = roles_with(Permission.ANSWER_QUESTIONNAIRES)


# -- My partnerships -------------------------------------------------------------------


@dataclass
class OpenRoundTasks:
    round: Round
    to_answer: list[Framework]  # no submitted response by this person yet
    started: set[int]  # framework ids with a response in progress


@dataclass
class MyPartnership:
    partnership: Partnership
    role: str
    role_label: str
    can_answer: bool
    open_rounds: list[OpenRoundTasks] = field(default_factory=list)
    results: list[Response] = field(default_factory=list)  # this person's submitted responses
    latest_report: Round | None = None  # the newest closed round whose report they may read

    @property
    def facilitates(self) -> bool:
        return self.role == PartnershipRole.FACILITATOR


def my_partnerships(user) -> list[MyPartnership]:
    """Every partnership the user holds a role in (``permissions.roles_by_partnership``, the
    one roles query), their role, open rounds, to-dos and results."""
    roles = roles_by_partnership(user)
    if not roles:
        return []
    # Archived partnerships are out of service (assessments.services.archive).
    partnerships = list(Partnership.objects.active().filter(pk__in=roles).order_by("name"))
    ids = [p.pk for p in partnerships]
    rounds_by_partnership = defaultdict(list)
    open_rounds = (
        Round.objects.filter(partnership_id__in=ids, status=RoundStatus.OPEN)
        .order_by("closes_on", "title")
        .prefetch_related(
            Prefetch(
                "round_frameworks",
                queryset=RoundFramework.objects.select_related("framework").order_by("position"),
            )
        )
    )
    for round_ in open_rounds:
        rounds_by_partnership[round_.partnership_id].append(round_)
    responses = list(
        Response.objects.filter(respondent=user, round__partnership_id__in=ids)
        .select_related("round", "framework")
        .order_by("-round__opens_on", "round__title", "framework__title")
    )
    closed_rounds = list(
        Round.objects.filter(partnership_id__in=ids, status=RoundStatus.CLOSED).order_by(
            "-closes_on", "-pk"
        )
    )
    entries = []
    for partnership in partnerships:
        # A membership's role (at most one per partnership) wins over facilitating the
        # partnership's cohort.
        others = roles[partnership.pk] - {FACILITATOR}
        role = next(iter(others)) if others else FACILITATOR
        entry = MyPartnership(
            partnership=partnership,
            role=role,
            role_label=PartnershipRole(role).label,
            can_answer=Permission.ANSWER_QUESTIONNAIRES in permissions_of({role}),
        )
        can_answer = entry.can_answer
        mine = [r for r in responses if r.round.partnership_id == partnership.pk]
        entry.results = [r for r in mine if r.is_submitted]
        # The newest closed round whose report this role may read (the report rule).
        entry.latest_report = next(
            (
                r
                for r in closed_rounds
                if r.partnership_id == partnership.pk and report_visible({role}, r)
            ),
            None,
        )
        for round_ in rounds_by_partnership[partnership.pk]:
            submitted = {r.framework_id for r in mine if r.round_id == round_.pk and r.is_submitted}
            started = {
                r.framework_id for r in mine if r.round_id == round_.pk and not r.is_submitted
            }
            to_answer = [
                rf.framework
                for rf in round_.round_frameworks.all()
                if can_answer and rf.framework_id not in submitted
            ]
            entry.open_rounds.append(OpenRoundTasks(round_, to_answer, started))
        entries.append(entry)
    return entries


# -- Partnership page ------------------------------------------------------------------


@dataclass
class PartnershipOverview:
    partners: list[Partner]  # each with member_count and response_count; not archived
    archived_partners: list[Partner]  # archived: kept with their responses
    memberships: list[Membership]
    rounds: list[Round]  # each with submitted_count and answered (an AnsweredCount)


def partnership_overview(partnership: Partnership) -> PartnershipOverview:
    partners = list(
        partnership.partners.annotate(
            member_count=correlated_count(Membership.objects.all()),
            response_count=correlated_count(Response.objects.all()),
        ).order_by("name")
    )
    memberships = list(
        partnership.memberships.select_related("user", "partner").order_by(
            "user__first_name", "user__last_name", "user__username"
        )
    )
    rounds = list(
        partnership.rounds.annotate(
            submitted_count=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED))
        ).order_by("-opens_on", "title")
    )
    answered = answered_counts(r.pk for r in rounds)
    for round_ in rounds:
        round_.answered = answered[round_.pk]
    return PartnershipOverview(
        partners=[p for p in partners if p.archived_at is None],
        archived_partners=[p for p in partners if p.archived_at is not None],
        memberships=memberships,
        rounds=rounds,
    )


# -- Round page ------------------------------------------------------------------------


@dataclass
class ResponseRateCell:
    framework: Framework
    submitted: int
    expected: int | None  # the row's denominator, if known

    @property
    def shows_rate(self) -> bool:
        """Show "n of m" only when m is known and a fair denominator."""
        return bool(self.expected) and self.submitted <= self.expected


@dataclass
class ResponseRateRow:
    name: str
    invited: int | None  # people the manager said are asked to answer
    members: int  # people with accounts linked to the organisation who can answer
    cells: list[ResponseRateCell]

    @property
    def expected(self) -> int | None:
        """The denominator: people asked to answer if given, else members with accounts."""
        return self.invited or self.members or None


@dataclass
class RoundOverview:
    frameworks: list[Framework]
    rows: list[ResponseRateRow]
    total: ResponseRateRow  # all organisations together
    in_progress: int  # responses started but not submitted, all frameworks
    answered: AnsweredCount  # people who have answered, and questionnaires submitted
    # Active organisations someone asking for a link through the shared link may choose
    # (Partner.for_shared_link): none means nobody can use it.
    shared_link_organisations: int = 0

    @property
    def submitted(self) -> int:
        return sum(cell.submitted for cell in self.total.cells)

    @property
    def has_local_questions(self) -> bool:
        return any(f.partnership_id is not None for f in self.frameworks)


def round_overview(round_: Round) -> RoundOverview:
    """Submitted responses per partner per framework, with the people asked to answer (or,
    if not given, the members with accounts) as the denominator. A closed round's rows,
    counts and denominators are those frozen at close (ADR 0039): later edits to people
    asked, memberships or archiving do not move them. Three queries (four when closed), and
    ``answered_count``'s."""
    frameworks = [
        rf.framework
        for rf in RoundFramework.objects.filter(round=round_)
        .select_related("framework")
        .order_by("position")
    ]
    if round_.status == RoundStatus.CLOSED:
        partners, counts, in_progress = _frozen_rates(round_)
    else:
        partners, counts, in_progress = _live_rates(round_)

    def row(name, partner_id, invited, members):
        expected = invited or members or None
        cells = [
            ResponseRateCell(f, counts.get((partner_id, f.pk), 0), expected) for f in frameworks
        ]
        return ResponseRateRow(name, invited, members, cells)

    rows = [row(p.name, p.pk, p.invited, p.members) for p in partners]
    # A denominator for the whole partnership only when every organisation has one.
    expected_total = sum(r.expected for r in rows) if all(r.expected for r in rows) else None
    if any(partner_id is None for partner_id, _ in counts):
        rows.append(row("No organisation given", None, None, 0))
    total_cells = [
        ResponseRateCell(f, sum(n for (_, fid), n in counts.items() if fid == f.pk), expected_total)
        for f in frameworks
    ]
    total = ResponseRateRow("All organisations", expected_total, 0, total_cells)
    return RoundOverview(
        frameworks=frameworks,
        rows=rows,
        total=total,
        in_progress=in_progress,
        answered=answered_count(round_.pk),
        shared_link_organisations=sum(1 for p in partners if p.active),
    )


@dataclass(frozen=True)
class _RatePartner:
    pk: int
    name: str
    invited: int | None
    members: int  # members whose role may answer
    active: bool  # not archived (now)


Counts = dict[tuple[int | None, int], int]  # (partner id, framework id): submitted responses


def _live_rates(round_: Round) -> tuple[list[_RatePartner], Counts, int]:
    """An open round: the listed organisations (``rate_bases.partners_now``: archived
    organisations stay in the rounds they submitted answers to, and leave the others), submitted
    responses and responses in progress, read now. Two queries."""
    partners = [
        _RatePartner(p.pk, p.name, p.invited, p.answering_members, p.active)
        for p in rate_bases.partners_now(round_)
        if p.listed
    ]
    counts: Counts = defaultdict(int)
    in_progress = 0
    for row in (
        Response.objects.filter(round=round_)
        .order_by()
        .values("partner_id", "framework_id", "status")
        .annotate(n=Count("pk"))
    ):
        if row["status"] == ResponseStatus.SUBMITTED:
            counts[(row["partner_id"], row["framework_id"])] += row["n"]
        else:
            in_progress += row["n"]
    return partners, counts, in_progress


def _frozen_rates(round_: Round) -> tuple[list[_RatePartner], Counts, int]:
    """A closed round: the organisations, people asked, member counts and submitted
    responses frozen at close (``rate_bases.stored``), today's names, and the responses left
    in progress. Three queries."""
    names = {
        pk: (name, archived is None)
        for pk, name, archived in Partner.objects.filter(
            partnership_id=round_.partnership_id
        ).values_list("pk", "name", "archived_at")
    }
    counts: Counts = defaultdict(int)
    listed: dict[int, PartnerBase] = {}
    for framework_id, bases in rate_bases.stored(round_id=round_.pk).items():
        for base in bases.partners:
            counts[(base.partner_id, framework_id)] += base.responses
            if base.listed:
                listed[base.partner_id] = base
        without = bases.respondents - sum(base.responses for base in bases.partners)
        if without:
            counts[(None, framework_id)] += without
    partners = sorted(
        (
            _RatePartner(
                pk,
                names.get(pk, (rate_bases.REMOVED_LABEL, False))[0],
                base.invited,
                base.answering_members,
                names.get(pk, ("", False))[1],
            )
            for pk, base in listed.items()
        ),
        key=lambda p: (p.name, p.pk),
    )
    in_progress = (
        Response.objects.filter(round=round_).exclude(status=ResponseStatus.SUBMITTED).count()
    )
    return partners, counts, in_progress
