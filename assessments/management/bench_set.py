"""The data set ``manage.py bench`` measures: seeded once into a benchmark database.

Shape (``seed_bench_set``): ``partnerships`` PCNs ("Bench 00000" …) with ``partners`` GP
practices each, in ICB regions; ``rounds`` past rounds per partnership asking the benchmark
framework (60 five-point items in 6 dimensions, ``bench_seed.bench_framework``), each with
``respondents`` submitted guest responses answering every item. The rounds are written open
and past their closing date, then closed by ``services.close_due_rounds`` — the way a real
round closes on its date — so whatever closing does (storing results, issue 15) runs for
each. Values are spread over the scale by a formula, or with ``peer=True`` follow the peer
data set (``bench_seed.peer_values``: the same R × 60 values in every round).

The first partnership is the one measured. It also has an open round (``OPEN_ROUND``) with
``respondents`` submitted responses (closing it is measured) and one response in progress,
every item answered, by ``RESPONDENT`` (the questionnaire, save and submit are measured on
it); ``RESPONDENT`` also answered its newest closed round (their result page). ``MANAGER``
manages it; ``FACILITATOR`` facilitates one cohort holding every partnership.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from assessments import services
from assessments.management.bench_seed import (
    bench_framework,
    create_open_round,
    create_partnerships,
    create_responses,
    create_rounds,
    insert_spread_answers,
    peer_values,
    scale_items,
    write_answers,
)
from assessments.models import (
    Answer,
    Cohort,
    Membership,
    Partnership,
    Response,
    ResponseStatus,
    Round,
    RoundStatus,
)
from frameworks.models import Framework
from partnership_site.roles import PartnershipRole

PREFIX = "Bench"
OPEN_ROUND = "Open round"
MANAGER = "bench-manager"
RESPONDENT = "bench-respondent"
FACILITATOR = "bench-facilitator"


@dataclass(frozen=True)
class BenchSet:
    """What the pages are measured on (see the module docstring)."""

    framework: Framework
    partnership: Partnership
    closed_round: Round
    open_round: Round
    draft: Response  # in progress, every item answered, RESPONDENT's
    submitted: Response  # RESPONDENT's, in the newest closed round
    manager: object
    respondent: object
    facilitator: object
    partnerships: int
    respondents: int
    rounds: int


def partnership_name(n: int) -> str:
    return f"{PREFIX} {n:05d}"


def seed_bench_set(
    *, partnerships: int, respondents: int, rounds: int, partners: int = 4, peer: bool = False
) -> int:
    """Seed the data set; returns the number of answers stored. Rounds are left due: call
    ``close_seeded_rounds`` next (outside this function's transaction, as cron would)."""
    if min(partnerships, respondents, rounds, partners) < 1:
        raise ValueError("Partnerships, respondents, rounds and partners must be at least 1.")
    with transaction.atomic():
        framework = bench_framework()
        made, partner_rows = create_partnerships(
            PREFIX, partnerships, partners=partners, people_invited=respondents
        )
        by_partnership = defaultdict(list)
        for partner in partner_rows:
            by_partnership[partner.partnership_id].append(partner)
        due = create_rounds(
            made, [framework], rounds=rounds, token_prefix="bench", status=RoundStatus.OPEN
        )
        open_round = create_open_round(made[0], framework, title=OPEN_ROUND, token="bench-open")
        all_rounds = [*due, open_round]
        create_responses(
            all_rounds,
            [framework],
            lambda round_: by_partnership[round_.partnership_id],
            per_round=respondents,
            token_prefix="bench",
        )
        if peer:
            stored = write_answers(_peer_rows(all_rounds, framework, respondents))
        else:
            stored = insert_spread_answers(
                round_ids_sql="SELECT o.id FROM assessments_round o "
                "JOIN assessments_partnership p ON p.id = o.partnership_id WHERE p.name LIKE %s",
                params=[f"{PREFIX} %"],
            )
        stored += _people(made, framework, due, open_round, by_partnership[made[0].pk])
    return stored


def _peer_rows(rounds, framework, respondents):
    """(response, item, value) for every round: its responses in id order take the peer data
    set's values in order."""
    items = [item.pk for item in scale_items(framework)]
    for round_ in rounds:
        ids = Response.objects.filter(round=round_).order_by("pk").values_list("pk", flat=True)
        for response_id, values in zip(ids, peer_values(respondents), strict=True):
            for item_id, value in zip(items, values, strict=True):
                yield response_id, item_id, value


def _people(partnerships, framework, due, open_round, partners) -> int:
    """The measured partnership's manager, respondent and facilitator; the respondent's two
    responses. Returns the answers written."""
    users = get_user_model().objects
    manager = users.create_user(username=MANAGER, email="bench-manager@example.nhs.uk")
    respondent = users.create_user(username=RESPONDENT, email="bench-respondent@example.nhs.uk")
    facilitator = users.create_user(username=FACILITATOR, email="bench-facilitator@example.nhs.uk")
    first = partnerships[0]
    Membership.objects.create(user=manager, partnership=first, role=PartnershipRole.MANAGER)
    Membership.objects.create(
        user=respondent, partnership=first, role=PartnershipRole.MEMBER, partner=partners[0]
    )
    cohort = Cohort.objects.create(name=f"{PREFIX} national cohort")
    cohort.facilitators.add(facilitator)
    cohort.partnerships.add(*partnerships)
    newest = max((r for r in due if r.partnership_id == first.pk), key=lambda r: r.closes_on)
    # The first response of the newest closed round becomes the respondent's own.
    own = Response.objects.filter(round=newest).order_by("pk").first()
    Response.objects.filter(pk=own.pk).update(
        respondent=respondent, resume_token_hash=None, partner=partners[0]
    )
    draft = Response.objects.create(
        round=open_round,
        framework=framework,
        partner=partners[0],
        respondent=respondent,
        respondent_role=own.respondent_role,
        status=ResponseStatus.IN_PROGRESS,
    )
    items = scale_items(framework)
    Answer.objects.bulk_create(Answer(response=draft, item=item, value=3) for item in items)
    return len(items)


def close_seeded_rounds() -> list[int]:
    """Close every due round through ``services.close_due_rounds`` (the system's path)."""
    return services.close_due_rounds()


def find_bench_set() -> BenchSet | None:
    """The seeded data set, or None if this database holds none."""
    partnership = Partnership.objects.filter(name=partnership_name(0)).first()
    if partnership is None:
        return None
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="bench-")}
    respondent = users[RESPONDENT]
    open_round = Round.objects.get(partnership=partnership, title=OPEN_ROUND)
    closed = Round.objects.filter(partnership=partnership, status=RoundStatus.CLOSED)
    submitted = Response.objects.select_related("round").get(
        respondent=respondent, round__status=RoundStatus.CLOSED
    )
    return BenchSet(
        framework=open_round.round_frameworks.get().framework,
        partnership=partnership,
        closed_round=submitted.round,
        open_round=open_round,
        draft=Response.objects.get(respondent=respondent, round=open_round),
        submitted=submitted,
        manager=users[MANAGER],
        respondent=respondent,
        facilitator=users[FACILITATOR],
        partnerships=Partnership.objects.filter(name__startswith=f"{PREFIX} ").count(),
        respondents=Response.objects.filter(round=submitted.round).count(),
        rounds=closed.count(),
    )
