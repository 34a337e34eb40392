"""manage.py bench: the peer data set's values, the seeded shape (SQLite and PostgreSQL), the
measuring rules and the printed line. Never timed: the figures themselves are not checked."""

import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from assessments.management.bench_measure import PAGES, PageFigures, measure, percentile
from assessments.management.bench_seed import (
    PEER_ITEMS,
    bench_framework,
    peer_checksums,
    peer_values,
    scale_items,
)
from assessments.management.bench_set import (
    close_seeded_rounds,
    find_bench_set,
    seed_bench_set,
)
from assessments.models import Answer, Partnership, Response, ResponseStatus, Round, RoundStatus
from assessments.models.tokens import hash_token

LINE = re.compile(
    r"^bench page=(?P<page>\w+) median_ms=\d+\.\d p95_ms=\d+\.\d queries=\d+ peak_mb=\d+\.\d$"
)


def test_the_peer_values_match_the_peer_harness_checksums():
    # The figures ../shared/bench/peer/README.md gives for peer_dataset.py.
    assert peer_checksums(200) == {
        "sum_of_values": 35972,
        "q01_distribution": [35, 45, 44, 46, 30],
        # The README gives no Q60 counts for R=200; these are the values peer_dataset.py's
        # own checksum printed (and our stored R=200 round holds, docs/performance.md).
        "q60_distribution": [33, 34, 43, 40, 50],
    }
    big = peer_checksums(2000)
    assert big["sum_of_values"] == 359982
    assert big["q01_distribution"] == [421, 407, 400, 393, 379]
    assert big["q60_distribution"] == [423, 367, 403, 399, 408]
    # R=200 is the first 200 responses of R=2000.
    assert list(peer_values(200)) == list(peer_values(2000))[:200]


def test_the_line_has_the_issue_format():
    figures = PageFigures("report", 12.345, 20.0, 15, 1.25)
    assert figures.line() == "bench page=report median_ms=12.3 p95_ms=20.0 queries=15 peak_mb=1.2"
    assert LINE.match(figures.line())
    peer = figures.as_peer_result(respondents=200, db="postgresql")
    assert (peer["app"], peer["name"], peer["R"], peer["median_ms"]) == (
        "ours",
        "report",
        200,
        12.345,
    )


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 21)]  # 1..20
    assert percentile(values, 0.95) == 19.0
    assert percentile(values, 0.5) == 10.0
    assert percentile([7.0], 0.95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 0.95)


@pytest.mark.django_db
def test_measure_drops_the_first_run_counts_queries_and_can_roll_back():
    calls = []

    def two_queries():
        calls.append(1)
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.execute("SELECT 2")

    figures = measure("result", two_queries, runs=3)
    assert len(calls) == 5  # 3 timed, 1 counted, 1 traced
    assert len(figures.runs_ms) == 2
    assert figures.queries == 2
    assert figures.peak_mb >= 0
    # A slow page stops at min_runs once past its budget.
    slow = measure("pdf", two_queries, runs=20, budget_s=0.0, min_runs=4)
    assert len(slow.runs_ms) == 3

    def write():
        Partnership.objects.create(name=f"Measured {len(calls)}", kind="pcn")
        calls.append(1)

    measure("save", write, runs=2, rollback=True)
    assert not Partnership.objects.filter(name__startswith="Measured").exists()
    assert bench_framework().pk  # the benchmark framework's content validates
    with pytest.raises(ValueError):
        measure("save", write, runs=1)


@pytest.mark.django_db
def test_the_seed_has_the_intended_shape():
    answers = seed_bench_set(partnerships=2, respondents=3, rounds=2, partners=2)
    responses = (2 * 2 + 1) * 3 + 1  # due rounds and the open round, plus the draft
    assert answers == responses * PEER_ITEMS == Answer.objects.count()
    assert Partnership.objects.count() == 2
    assert Round.objects.filter(status=RoundStatus.OPEN).count() == 5  # due, not yet closed

    closed = close_seeded_rounds()
    assert len(closed) == 4
    found = find_bench_set()
    assert (found.partnerships, found.respondents, found.rounds) == (2, 3, 2)
    assert found.open_round.status == RoundStatus.OPEN
    assert found.draft.status == ResponseStatus.IN_PROGRESS
    assert found.draft.answers.count() == PEER_ITEMS
    assert found.submitted.round == found.closed_round
    assert found.closed_round.title == "Round 2"  # the newest
    assert found.closed_round.closed_at is not None
    values = set(Answer.objects.values_list("value", flat=True))
    assert values <= {1, 2, 3, 4, 5} and len(values) > 1
    # Every partner organisation of a partnership takes responses; roles alternate.
    first = Response.objects.filter(round=found.closed_round)
    assert first.values("partner").distinct().count() == 2
    assert first.values("respondent_role").distinct().count() == 2


@pytest.mark.django_db
def test_the_peer_shape_holds_the_peer_values_in_order():
    seed_bench_set(partnerships=1, respondents=4, rounds=1, peer=True)
    close_seeded_rounds()
    found = find_bench_set()
    items = [item.pk for item in scale_items(found.framework)]
    stored = []
    for response in Response.objects.filter(round=found.closed_round).order_by("pk"):
        by_item = dict(response.answers.values_list("item_id", "value"))
        stored.append([by_item[pk] for pk in items])
    assert stored == list(peer_values(4))


@pytest.mark.django_db
def test_the_command_measures_every_page(monkeypatch):
    seed_bench_set(partnerships=2, respondents=3, rounds=2, partners=2)
    close_seeded_rounds()
    monkeypatch.setitem(connection.settings_dict, "NAME", "bench_in_a_test")
    out = StringIO()
    pages = [page for page in PAGES if page != "pdf"]  # the PDF pack has tests of its own
    call_command(
        "bench", "--partnerships=2", "--respondents=3", "--rounds=2", "--runs=2",
        f"--pages={','.join(pages)}", stdout=out,
    )  # fmt: skip
    lines = [line for line in out.getvalue().splitlines() if line.startswith("bench page=")]
    assert [LINE.match(line)["page"] for line in lines] == pages
    # The writes were rolled back: the draft is still a draft, the open round still open.
    found = find_bench_set()
    assert found.draft.status == ResponseStatus.IN_PROGRESS
    assert found.open_round.status == RoundStatus.OPEN

    with pytest.raises(CommandError, match="not"):
        call_command("bench", "--partnerships=3", "--respondents=3", "--rounds=2", stdout=out)
    with pytest.raises(CommandError, match="Unknown pages"):
        call_command("bench", "--pages=report,nope", stdout=out)


@pytest.mark.django_db
def test_the_command_refuses_a_database_not_named_for_benchmarks():
    with pytest.raises(CommandError, match="not a benchmark database"):
        call_command("bench", "--partnerships=1", stdout=StringIO())


@pytest.mark.django_db
def test_the_load_test_check_finds_lost_and_changed_answers(monkeypatch, tmp_path):
    monkeypatch.setitem(connection.settings_dict, "NAME", "bench_in_a_test")
    out = StringIO()
    tokens = tmp_path / "tokens.txt"
    call_command("loadtest_round", "--setup", "--people=5", f"--tokens={tokens}", stdout=out)
    setup = dict(re.findall(r"(\w+)=(\S+)", out.getvalue()))
    round_ = Round.objects.get(pk=int(setup["round"]))
    # Five personal links, their tokens in the file and only their hashes stored (ADR 0037).
    links = tokens.read_text().split()
    assert setup["people"] == "5" and len(set(links)) == 5
    assert sorted(round_.invitations.values_list("token_hash", flat=True)) == sorted(
        hash_token(token) for token in links
    )
    items = scale_items(round_.round_frameworks.get().framework)
    partner = round_.partnership.partners.first()
    done = Response.objects.create(
        round=round_, framework=items[0].dimension.framework, partner=partner,
        status=ResponseStatus.SUBMITTED, submitted_at=round_.created_at,
    )  # fmt: skip
    Answer.objects.bulk_create(Answer(response=done, item=item, value=2) for item in items)
    posted = tmp_path / "posted.json"
    sent = {str(item.pk): 2 for item in items}
    posted.write_text(json.dumps({"sent": {str(done.pk): sent}, "confirmed": [done.pk]}))
    out = StringIO()
    call_command("loadtest_round", f"--check={round_.pk}", f"--posted={posted}", stdout=out)
    assert "posted_answers=60 stored_answers=60 missing=0 different=0 not_submitted=0 " in (
        out.getvalue()
    )

    Answer.objects.filter(response=done, item=items[0]).delete()
    Answer.objects.filter(response=done, item=items[1]).update(value=5)
    out = StringIO()
    with pytest.raises(CommandError, match="lost or changed"):
        call_command("loadtest_round", f"--check={round_.pk}", f"--posted={posted}", stdout=out)
    assert "missing=1 different=1 not_submitted=0 unknown=0" in out.getvalue()
    # A submitted response nobody sent is unaccounted for.
    Response.objects.create(
        round=round_, framework=done.framework, partner=partner,
        status=ResponseStatus.SUBMITTED, submitted_at=round_.created_at,
    )  # fmt: skip
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("loadtest_round", f"--check={round_.pk}", f"--posted={posted}", stdout=out)
    assert "unknown=1" in out.getvalue()
    with pytest.raises(CommandError, match="either"):
        call_command("loadtest_round", stdout=out)
