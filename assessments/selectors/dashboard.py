"""The facilitator dashboard's table in SQL (ADR 0035): one row per partnership the user
facilitates, every column the page filters or sorts on computed by the database, so a page
reads only the rows it shows and its cost follows the page size, not the portfolio.

Each row is a ``Partnership`` annotated from correlated subqueries:

- the latest round that has opened (open or closed) and its title, dates, status and
  threshold; ``status_key`` is that status or ``NOT_STARTED``;
- respondents to the round's first library questionnaire and the response rate against
  the bases ``comparison.ResponseRateRow.denominator`` describes: a closed round's as
  stored at close (``RoundResult.respondents`` and ``response_rate``, ADR 0039), an open
  round's counted live from submitted responses, members and people asked;
- the chosen framework (by slug) in that round, and its stored summary
  (``RoundResult``'s summary columns, written at close; an open round has none, as its
  results are not released);
- the change since the partnership's previous closed round of that framework, from that
  round's stored whole-round score;
- overdue actions, the low-response flag and the number of flags.

Every function here is a fixed number of queries, whatever the number of partnerships.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower, NullIf

from assessments.models import (
    ActionItem,
    ActionStatus,
    Membership,
    Partner,
    Partnership,
    Response,
    ResponseStatus,
    Round,
    RoundFramework,
    RoundResult,
    RoundStatus,
)
from assessments.selectors import stored_results
from frameworks.models import ScoreBand

NOT_STARTED = "not_started"
LOW_RESPONSE_RATE = 50  # per cent
CLOSING_SOON_DAYS = 7
FINISHED_ACTIONS = (ActionStatus.DONE, ActionStatus.DROPPED)

# What each sortable column orders by: an annotation of ``table``. None sorts last.
SORT_FIELDS = {
    "name": "sort_name",
    "region": "sort_region",
    "round": "round_closes_on",
    "rate": "response_rate",
    "score": "score",
    "change": "change",
    "split": "split",
    "overdue": "overdue_actions",
    "attention": "flag_count",
}


def _one(queryset: QuerySet, field: str, output_field):
    return Subquery(queryset.values(field)[:1], output_field=output_field)


def require_stored_results(partnerships: QuerySet) -> None:
    """Closed rounds of these partnerships without stored results go to
    ``stored_results.missing_results_handler`` (production refuses: ADR 0031). One query."""
    missing = list(
        Round.objects.filter(partnership__in=partnerships, status=RoundStatus.CLOSED)
        .exclude(Exists(RoundResult.objects.filter(round_id=OuterRef("pk"))))
        .values_list("pk", flat=True)
    )
    if missing:
        stored_results.missing_results_handler(round_ids=sorted(missing))


def table(user, *, slug: str | None, today: date) -> QuerySet:
    """The partnerships ``user`` facilitates, annotated with every column of the dashboard
    for framework ``slug`` (None: no framework's scores). Unordered and unfiltered; see
    ``filtered`` and ``ordered``. Lazy: no query until read."""
    latest = (
        Round.objects.filter(partnership=OuterRef("pk"))
        .exclude(status=RoundStatus.DRAFT)
        .order_by("-opens_on", "-closes_on", "-pk")
    )
    # Every subquery below is ordered explicitly or not at all: a model's default ordering
    # would join tables into it and shadow the outer row's columns.
    this_round = Round.objects.filter(pk=OuterRef("latest_round_id")).order_by()
    first_framework = RoundFramework.objects.filter(
        round_id=OuterRef("latest_round_id"), framework__partnership__isnull=True
    ).order_by("position")
    chosen = RoundFramework.objects.filter(
        round_id=OuterRef("latest_round_id"),
        framework__slug=slug or "",
        framework__partnership__isnull=True,
    ).order_by()
    summary = RoundResult.objects.filter(
        round_id=OuterRef("latest_round_id"),
        framework__slug=slug or "",
        framework__partnership__isnull=True,
    ).order_by()
    previous = (
        RoundResult.objects.filter(
            round__partnership_id=OuterRef("pk"),
            round__status=RoundStatus.CLOSED,
            round__closes_on__lt=OuterRef("round_closes_on"),
            framework__slug=slug or "",
        )
        .exclude(round_id=OuterRef("latest_round_id"))
        .order_by("-round__closes_on", "-round_id")
    )
    # A closed round's respondents and rate as stored at close (ADR 0039).
    stored = RoundResult.objects.filter(
        round_id=OuterRef("latest_round_id"), framework_id=OuterRef("first_framework_id")
    ).order_by()
    submitted = Response.objects.filter(
        round_id=OuterRef("latest_round_id"),
        framework_id=OuterRef("first_framework_id"),
        status=ResponseStatus.SUBMITTED,
    )
    overdue = (
        ActionItem.objects.filter(partnership=OuterRef("pk"), due_on__lt=today)
        .exclude(status__in=FINISHED_ACTIONS)
        .order_by()
        .values("partnership")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        Partnership.objects.facilitated_by(user)
        .annotate(latest_round_id=_one(latest, "pk", IntegerField()))
        .annotate(
            round_title=_one(this_round, "title", CharField()),
            round_status=_one(this_round, "status", CharField()),
            round_opens_on=_one(this_round, "opens_on", DateField()),
            round_closes_on=_one(this_round, "closes_on", DateField()),
            round_threshold=_one(this_round, "anonymity_threshold", IntegerField()),
            first_framework_id=_one(first_framework, "framework_id", IntegerField()),
            chosen_framework_id=_one(chosen, "framework_id", IntegerField()),
            chosen_title=_one(chosen, "framework__title", CharField()),
            suppressed=_one(summary, "suppressed", BooleanField()),
            score=_one(summary, "overall_score", FloatField()),
            score_shown=_one(summary, "overall_shown", IntegerField()),
            band_label=Coalesce(_one(summary, "band_label", CharField()), Value("")),
            split=_one(summary, "split_dimensions", IntegerField()),
            concern=_one(summary, "concern_dimensions", IntegerField()),
            overdue_actions=Coalesce(Subquery(overdue, output_field=IntegerField()), 0),
        )
        .annotate(
            status_key=Coalesce(F("round_status"), Value(NOT_STARTED), output_field=CharField()),
            previous_shown=_one(previous, "round_overall_shown", IntegerField()),
            previous_round_id=_one(previous, "round_id", IntegerField()),
            respondents=Case(
                When(first_framework_id__isnull=True, then=Value(None)),
                When(
                    round_status=RoundStatus.CLOSED,
                    then=_one(stored, "respondents", IntegerField()),
                ),
                default=Coalesce(
                    Subquery(
                        submitted.order_by().values("round_id").annotate(n=Count("pk")).values("n"),
                        output_field=IntegerField(),
                    ),
                    0,
                ),
                output_field=IntegerField(),
            ),
        )
    )
    rows = _with_response_rate(rows, stored_rate=_one(stored, "response_rate", IntegerField()))
    change = ExpressionWrapper(F("score_shown") - F("previous_shown"), IntegerField())
    closing_soon = Q(round_closes_on__gte=today) & Q(
        round_closes_on__lte=today + timedelta(days=CLOSING_SOON_DAYS)
    )
    low_response = (
        Q(status_key=RoundStatus.OPEN, response_rate__lt=LOW_RESPONSE_RATE) & closing_soon
    )
    flag = {"output_field": IntegerField(), "default": Value(0)}
    return rows.annotate(
        change=change,
        low_response=Case(When(low_response, then=Value(True)), default=Value(False)),
        flag_count=(
            Case(When(low_response, then=Value(1)), **flag)
            + Case(When(concern__gt=0, then=Value(1)), **flag)
            + Case(When(split__gt=0, then=Value(1)), **flag)
            + Case(When(overdue_actions__gt=0, then=Value(1)), **flag)
        ),
        sort_name=Lower("name"),
        sort_region=NullIf(Lower("region"), Value("")),
    )


def _with_response_rate(rows: QuerySet, *, stored_rate: Subquery) -> QuerySet:
    """``response_rate``: a closed round's rate as stored at close (``stored_rate``,
    ``RoundResult.response_rate``: ADR 0039); an open round's counted now, respondents
    against the sum of the partners' bases (people asked, else registered members if at
    least as many as answered), rounded half up; None when there is no round, no partner,
    or a partner without a base. As ``comparison.overall_rate``. The live subqueries sit
    in the CASE's last branch, which PostgreSQL evaluates only for rows that reach it."""
    partner_responses = (
        Response.objects.filter(
            round_id=OuterRef(OuterRef("latest_round_id")),
            framework_id=OuterRef(OuterRef("first_framework_id")),
            partner=OuterRef("pk"),
            status=ResponseStatus.SUBMITTED,
        )
        .order_by()
        .values("partner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    members = (
        Membership.objects.filter(partner=OuterRef("pk"))
        .order_by()
        .values("partner")
        .annotate(n=Count("pk"))
        .values("n")
    )
    bases = (
        Partner.objects.filter(partnership=OuterRef("pk"))
        .annotate(
            submitted_responses=Coalesce(
                Subquery(partner_responses, output_field=IntegerField()), 0
            ),
            member_count=Coalesce(Subquery(members, output_field=IntegerField()), 0),
        )
        .annotate(
            base=Case(
                When(people_invited__gt=0, then=F("people_invited")),
                When(
                    member_count__gt=0,
                    member_count__gte=F("submitted_responses"),
                    then=F("member_count"),
                ),
                default=Value(None),
                output_field=IntegerField(),
            )
        )
        .order_by()
        .values("partnership")
    )
    total = bases.annotate(total=Sum("base")).values("total")
    without = bases.annotate(n=Count("pk") - Count("base")).values("n")
    rows = rows.annotate(
        base_total=Subquery(total, output_field=IntegerField()),
        bases_missing=Subquery(without, output_field=IntegerField()),
    )
    return rows.annotate(
        response_rate=Case(
            When(first_framework_id__isnull=True, then=Value(None)),
            When(round_status=RoundStatus.CLOSED, then=stored_rate),
            When(
                respondents__isnull=False,
                base_total__gt=0,
                bases_missing=0,
                # round half up in whole numbers: floor((200 r + b) / 2b) = round(100 r / b)
                then=ExpressionWrapper(
                    (2 * 100 * F("respondents") + F("base_total")) / (2 * F("base_total")),
                    IntegerField(),
                ),
            ),
            default=Value(None),
            output_field=IntegerField(),
        )
    )


def filtered(
    rows: QuerySet,
    *,
    name: str = "",
    region: str = "",
    status: str = "",
    band: str = "",
    no_score: bool = False,
    attention: bool = False,
) -> QuerySet:
    """Rows whose name contains ``name`` (any case), in ``region``, whose latest round has
    ``status`` (or ``NOT_STARTED``), whose score is in ``band`` (a label) or that have no
    score (``no_score``), and that need attention."""
    name = name.strip()
    if name:
        rows = rows.filter(name__icontains=name)
    if region:
        rows = rows.filter(region=region)
    if status:
        rows = rows.filter(status_key=status)
    if no_score:
        rows = rows.filter(score__isnull=True)
    elif band:
        rows = rows.filter(score__isnull=False, band_label=band)
    if attention:
        rows = rows.filter(flag_count__gt=0)
    return rows


def ordered(rows: QuerySet, key: str, *, descending: bool) -> QuerySet:
    """Sorted on one column (``SORT_FIELDS``); ties by name; no value last either way."""
    field = F(SORT_FIELDS[key])
    first = field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)
    return rows.order_by(first, "sort_name", "pk")


def totals(rows: QuerySet) -> dict[str, int]:
    """{"partnerships": n, "needing_attention": n} over ``rows``: one query."""
    return rows.aggregate(
        partnerships=Count("pk"), needing_attention=Count("pk", filter=Q(flag_count__gt=0))
    )


def framework_choices(user) -> tuple[list[tuple[str, str, int]], dict[str, int]]:
    """The library frameworks of the latest rounds of ``user``'s partnerships: (slug,
    title of the newest version used, rounds using it), and the newest version's id by
    slug. One query."""
    latest = (
        Round.objects.filter(partnership=OuterRef("round__partnership_id"))
        .exclude(status=RoundStatus.DRAFT)
        .order_by("-opens_on", "-closes_on", "-pk")
        .values("pk")[:1]
    )
    used = Counter()
    newest: dict[str, tuple[int, str, int]] = {}
    for slug, version, title, framework_id, n in (
        RoundFramework.objects.filter(
            round__partnership__in=Partnership.objects.facilitated_by(user),
            framework__partnership__isnull=True,
        )
        .filter(round_id=Subquery(latest))
        .values_list("framework__slug", "framework__version", "framework__title", "framework_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        used[slug] += n
        if slug not in newest or version > newest[slug][0]:
            newest[slug] = (version, title, framework_id)
    return (
        [(slug, newest[slug][1], used[slug]) for slug in used],
        {slug: found[2] for slug, found in newest.items()},
    )


def regions(user) -> list[str]:
    """The distinct regions of ``user``'s partnerships. One query."""
    return list(
        Partnership.objects.facilitated_by(user)
        .exclude(region="")
        .order_by()
        .values_list("region", flat=True)
        .distinct()
    )


def bands_by_framework(*, slug: str | None) -> dict[int, list[ScoreBand]]:
    """The score bands of every version of framework ``slug``, lowest first. One query."""
    bands: dict[int, list[ScoreBand]] = defaultdict(list)
    if slug is None:
        return bands
    for band in ScoreBand.objects.filter(
        framework__slug=slug, framework__partnership__isnull=True
    ).order_by("framework_id", "lower_bound"):
        bands[band.framework_id].append(band)
    return bands
