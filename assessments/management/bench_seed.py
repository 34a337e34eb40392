"""Synthetic benchmark data written fast, shared by ``seed_export_benchmark`` and ``bench``.

Only for databases kept for benchmarks: rows go in with ``bulk_create`` in batches, answers
with one ``INSERT … SELECT`` (values spread over the scale by a formula) or with PostgreSQL's
``COPY`` (values given by the caller, e.g. the peer data set), and nothing is rolled back.

The peer data set (``/work/shared/bench/peer/peer_dataset.py``, the harness that measures
django-survey-and-report) is rebuilt here from its documented rule rather than imported, so
the command does not depend on a file outside the repository: 60 five-point items in 6 groups
of 10, and for response r = 0..R-1 (outer loop) and item q = 0..59 (inner loop)
``value = random.Random(42).randint(1, 5)``. ``peer_checksums`` prints the figures that
harness prints (``python peer_dataset.py R``), so the two can be compared.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta

from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from assessments.icbs import ICBS
from assessments.models import (
    Answer,
    Partner,
    Partnership,
    RespondentRole,
    Response,
    ResponseStatus,
    Round,
    RoundFramework,
    RoundStatus,
    hash_token,
)
from frameworks.content_format import validate
from frameworks.models import Framework, Item
from frameworks.services import load_framework

BATCH = 5000  # rows per INSERT: keeps memory modest and statements a sensible size
ROLES = (RespondentRole.CLINICAL, RespondentRole.LEADERSHIP)

PEER_SEED = 42
PEER_GROUPS = ("Workload", "Management", "Team", "Growth", "Tools", "Wellbeing")
PEER_ITEMS_PER_GROUP = 10
PEER_ITEMS = len(PEER_GROUPS) * PEER_ITEMS_PER_GROUP  # 60
BENCH_FRAMEWORK_SLUG = "bench-sixty-items"


def require_benchmark_database() -> None:
    """Refuse (``CommandError``) a database whose name does not contain "bench": these
    commands write, and keep, thousands of rows."""
    name = str(connection.settings_dict["NAME"])
    if "bench" not in name:
        raise CommandError(
            f"The database {name!r} is not a benchmark database: set DATABASE_URL to one "
            "whose name contains 'bench' (this command writes, and keeps, its rows)."
        )


def peer_values(respondents: int, seed: int = PEER_SEED) -> Iterator[list[int]]:
    """For each of ``respondents`` responses, its 60 values (1..5), in the peer's order."""
    rng = random.Random(seed)
    for _ in range(respondents):
        yield [rng.randint(1, 5) for _ in range(PEER_ITEMS)]


def peer_checksums(respondents: int) -> dict:
    """``sum_of_values`` and the counts of 1..5 for the first and last item, as
    ``peer_dataset.checksums`` gives them (R=200: 35972 and [35, 45, 44, 46, 30])."""
    total = 0
    first = [0] * 5
    last = [0] * 5
    for row in peer_values(respondents):
        total += sum(row)
        first[row[0] - 1] += 1
        last[row[-1] - 1] += 1
    return {"sum_of_values": total, "q01_distribution": first, "q60_distribution": last}


def bench_framework_data() -> dict:
    """Content (the YAML format) of the benchmark framework: the peer's shape, 6 dimensions
    of 10 five-point items, with the three usual score bands."""
    return {
        "slug": BENCH_FRAMEWORK_SLUG,
        "version": 1,
        "title": "Benchmark: sixty items",
        "summary": "Synthetic content for benchmarks: 60 five-point statements in 6 groups.",
        "kind": "rated",
        "source": "Synthetic (the peer benchmark's shape, ../shared/bench/peer).",
        "scale": {
            "min": 1,
            "max": 5,
            "question": "How far do you agree?",
            "labels": [
                "Strongly disagree",
                "Disagree",
                "Neither agree nor disagree",
                "Agree",
                "Strongly agree",
            ],
        },
        "bands": [
            {"label": "Concern", "lower": 0, "colour": "red"},
            {"label": "Developing", "lower": 50, "colour": "yellow"},
            {"label": "Strength", "lower": 75, "colour": "green"},
        ],
        "dimensions": [
            {
                "key": name.lower(),
                "title": name,
                "advice": {
                    band: f"Synthetic advice for {name.lower()} at {band.lower()}."
                    for band in ("Concern", "Developing", "Strength")
                },
                "items": [
                    {
                        "key": f"q{g * PEER_ITEMS_PER_GROUP + k + 1:02d}",
                        "statement": f"[{name}] Statement {k + 1}.",
                        "allows_not_applicable": False,
                    }
                    for k in range(PEER_ITEMS_PER_GROUP)
                ],
            }
            for g, name in enumerate(PEER_GROUPS)
        ],
    }


def bench_framework() -> Framework:
    """The published benchmark framework, created once (loading is idempotent)."""
    data, errors = validate(bench_framework_data())
    if errors:
        raise ValueError("; ".join(str(error) for error in errors))
    return load_framework(data=data).framework


def scale_items(framework: Framework) -> list[Item]:
    """The framework's rated items in questionnaire order (dimension, then item)."""
    return list(
        Item.objects.filter(dimension__framework=framework, response_type="scale")
        .select_related("dimension")
        .order_by("dimension__position", "position", "pk")
    )


def create_partnerships(
    prefix: str, count: int, *, partners: int, people_invited: int | None = None
) -> tuple[list[Partnership], list[Partner]]:
    """``count`` PCNs named ``"<prefix> 00000"`` … spread in turn over England's 42 ICBs
    (code and name, as the services keep them), each with ``partners`` GP practices;
    partners are returned partnership by partnership."""
    icbs = sorted(ICBS.values(), key=lambda icb: icb.code)
    partnerships = Partnership.objects.bulk_create(
        (
            Partnership(
                name=f"{prefix} {n:05d}",
                kind="pcn",
                icb=icbs[n % len(icbs)].code,
                region=icbs[n % len(icbs)].name,
            )
            for n in range(count)
        ),
        batch_size=BATCH,
    )
    created = Partner.objects.bulk_create(
        (
            Partner(
                partnership=p,
                name=f"Practice {k}",
                organisation_type="gp_practice",
                people_invited=people_invited,
            )
            for p in partnerships
            for k in range(partners)
        ),
        batch_size=BATCH,
    )
    return partnerships, created


def past_round_dates(index: int, rounds: int, today: date) -> tuple[date, date]:
    """Opening and closing dates of round ``index`` (0 = oldest) of ``rounds``, a year and a
    bit apart, the newest having closed 30 days ago."""
    closes_on = today - timedelta(days=30 + 400 * (rounds - 1 - index))
    return closes_on - timedelta(days=30), closes_on


def create_rounds(
    partnerships: Sequence[Partnership],
    frameworks: Sequence[Framework],
    *,
    rounds: int,
    token_prefix: str,
    status: str = RoundStatus.CLOSED,
    closed_at: datetime | None = None,
) -> list[Round]:
    """``rounds`` past rounds per partnership (partnership by partnership, oldest first), each
    asking every framework. ``status`` CLOSED writes them closed (``closed_at`` their closing
    date unless given); OPEN leaves them due, for ``close_due_rounds`` to close the way a
    real round closes."""
    today = timezone.localdate()
    made = []
    for n, partnership in enumerate(partnerships):
        for r in range(rounds):
            opens_on, closes_on = past_round_dates(r, rounds, today)
            closed = status == RoundStatus.CLOSED
            made.append(
                Round(
                    partnership=partnership,
                    title=f"Round {r + 1}",
                    opens_on=opens_on,
                    closes_on=closes_on,
                    status=status,
                    closed_at=(closed_at or _end_of(closes_on)) if closed else None,
                    invitation_token=f"{token_prefix}-{n}-{r}",
                )
            )
    created = Round.objects.bulk_create(made, batch_size=BATCH)
    RoundFramework.objects.bulk_create(
        (
            RoundFramework(round=r, framework=f, position=k + 1)
            for r in created
            for k, f in enumerate(frameworks)
        ),
        batch_size=BATCH,
    )
    return created


def create_open_round(
    partnership: Partnership, framework: Framework, *, title: str, token: str
) -> Round:
    """An open round asking ``framework``, opened 10 days ago and closing in 30, with its
    shared link on (invitation token ``token``)."""
    today = timezone.localdate()
    round_ = Round.objects.create(
        partnership=partnership,
        title=title,
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=30),
        status=RoundStatus.OPEN,
        open_link_enabled=True,
        invitation_token=token,
    )
    RoundFramework.objects.create(round=round_, framework=framework, position=1)
    return round_


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), datetime.min.time()))


def create_responses(
    rounds: Sequence[Round],
    frameworks: Sequence[Framework],
    partners_of,
    *,
    per_partner: int | None = None,
    per_round: int | None = None,
    token_prefix: str,
    chunk: int = 300,
) -> int:
    """Submitted guest responses for every round and framework; returns how many.

    ``partners_of(round_)`` gives the round's partner organisations. Either ``per_partner``
    responses for each partner (each partner's respondents share one role, alternating
    clinical and leadership), or ``per_round`` responses spread over the partners in turn
    (roles alternating by response). Rounds go in ``chunk`` at a time."""
    now = timezone.now()
    total = 0
    for first in range(0, len(rounds), chunk):
        batch = []
        for r in rounds[first : first + chunk]:
            partners = partners_of(r)
            for f in frameworks:
                if per_partner is not None:
                    people = [
                        (partner, ROLES[k % len(ROLES)])
                        for k, partner in enumerate(partners)
                        for _ in range(per_partner)
                    ]
                else:
                    people = [
                        (partners[j % len(partners)], ROLES[j % len(ROLES)])
                        for j in range(per_round or 0)
                    ]
                batch.extend(
                    Response(
                        round=r,
                        framework=f,
                        partner=partner,
                        respondent_role=role,
                        resume_token_hash=hash_token(f"{token_prefix}-{r.pk}-{f.pk}-{j}"),
                        status=ResponseStatus.SUBMITTED,
                        submitted_at=now,
                    )
                    for j, (partner, role) in enumerate(people)
                )
        Response.objects.bulk_create(batch, batch_size=BATCH)
        total += len(batch)
    return total


def insert_spread_answers(*, round_ids_sql: str, params: Sequence) -> int:
    """Answer every rated item of every response in the rounds that ``round_ids_sql``
    selects (an SQL subquery of round ids, with ``params``), values spread over each
    framework's scale by a formula; one statement, on PostgreSQL or SQLite. Returns rows."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO assessments_answer (response_id, item_id, value, text, comment, updated_at)
            SELECT r.id, i.id,
                   f.scale_min
                     + (r.id * 7 + i.id * 3 + r.partner_id) %% (f.scale_max - f.scale_min + 1),
                   '', '', %s
            FROM assessments_response r
            JOIN frameworks_framework f ON f.id = r.framework_id
            JOIN frameworks_dimension d ON d.framework_id = f.id
            JOIN frameworks_item i ON i.dimension_id = d.id AND i.response_type = 'scale'
            WHERE r.round_id IN ({round_ids_sql})
            """,  # noqa: S608 (round_ids_sql is the caller's constant SQL, values are params)
            [timezone.now(), *params],
        )
        return cursor.rowcount


def write_answers(rows: Iterable[tuple[int, int, int]]) -> int:
    """Store ``(response_id, item_id, value)`` rows: ``COPY`` on PostgreSQL (in chunks of
    100,000 rows), ``bulk_create`` elsewhere. Returns the number of rows."""
    now = timezone.now()
    if connection.vendor != "postgresql":
        answers = [
            Answer(response_id=response, item_id=item, value=value)
            for response, item, value in rows
        ]
        Answer.objects.bulk_create(answers, batch_size=BATCH)
        return len(answers)
    stamp = now.isoformat()
    total = 0
    buffer = io.StringIO()
    pending = 0
    with connection.cursor() as cursor:
        for response, item, value in rows:
            buffer.write(f"{response}\t{item}\t{value}\t\t\t{stamp}\n")
            pending += 1
            if pending == 100_000:
                total += _copy(cursor, buffer)
                buffer, pending = io.StringIO(), 0
        if pending:
            total += _copy(cursor, buffer)
    return total


def _copy(cursor, buffer: io.StringIO) -> int:
    buffer.seek(0)
    cursor.cursor.copy_expert(
        "COPY assessments_answer (response_id, item_id, value, text, comment, updated_at) "
        "FROM STDIN",
        buffer,
    )
    return cursor.cursor.rowcount


def vacuum_analyze() -> None:
    """``VACUUM ANALYZE`` on PostgreSQL (statistics as autovacuum would leave them, no dead
    rows), ``ANALYZE`` on SQLite. Must run outside a transaction."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
