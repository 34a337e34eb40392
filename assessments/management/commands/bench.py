"""Seed a benchmark database at a chosen scale, then time the key pages through Django.

Usage (a PostgreSQL database kept for benchmarks; the command refuses a database whose name
does not contain "bench")::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_national SECRET_KEY=x \\
        manage.py migrate && manage.py bench --partnerships 1250 --respondents 40
    DATABASE_URL=…/bench_peer2000 … manage.py bench --peer-shape 2000 --json ours-2000.json

The first run seeds (``assessments.management.bench_set``: partnerships × rounds ×
respondents × 60 items, rounds closed by ``close_due_rounds``, then ``VACUUM ANALYZE``) and
prints how long each step took; later runs on the same database measure what is there (the
figures it holds must match the options, or the command says so). ``--peer-shape R`` is one
partnership, one closed round of R respondents answering the peer data set's values
(../shared/bench/peer, ``random.Random(42)``), so the peer harness can run on the same
machine in the same session; ``--json`` writes the figures in that harness's JSON shape.

Each page is requested with ``django.test.Client`` (every middleware, the URL resolver,
sessions, templates), signed in as the person who would open it, ``--runs`` times (20; a page
whose timed calls pass ``--budget`` seconds, 60, stops at 6), and printed as
``bench page=NAME median_ms=… p95_ms=… queries=… peak_mb=…`` (``bench_measure``):

questionnaire  GET a questionnaire section (10 items) of a response in progress
save           POST that section with every answer changed (rolled back after each call)
submit         POST check answers: submit the response (rolled back)
close          POST a manager closing the open round of ``respondents`` responses (rolled back)
result         GET the respondent's own result in the newest closed round
report         GET the newest closed round's report, as its manager
trends         GET the partnership's trends page, as its manager
dashboard      GET the facilitator dashboard over every seeded partnership
csv            GET the closed round's figures CSV (the report's download), read to the end
pdf            GET the closed round's PDF report pack
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from assessments.management.bench_measure import PAGES, BenchFailure, measure
from assessments.management.bench_seed import (
    peer_checksums,
    require_benchmark_database,
    scale_items,
    vacuum_analyze,
)
from assessments.management.bench_set import (
    BenchSet,
    close_seeded_rounds,
    find_bench_set,
    seed_bench_set,
)
from assessments.models import Answer

PLAIN_STATIC = "django.contrib.staticfiles.storage.StaticFilesStorage"


class Command(BaseCommand):
    help = "Seed synthetic data at a chosen scale (once), then time the key pages."

    def add_arguments(self, parser):
        parser.add_argument("--partnerships", type=int, default=1250)
        parser.add_argument("--respondents", type=int, default=40, help="per round")
        parser.add_argument("--rounds", type=int, default=1, help="closed rounds per partnership")
        parser.add_argument("--partners", type=int, default=4, help="per partnership")
        parser.add_argument(
            "--peer-shape",
            type=int,
            metavar="R",
            help="one partnership, one closed round of R respondents with the peer's values",
        )
        parser.add_argument("--runs", type=int, default=20, help="per page; the first is dropped")
        parser.add_argument(
            "--budget",
            type=float,
            default=60.0,
            help="seconds of timed calls per page after which a slow page stops at 6 runs",
        )
        parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated subset")
        parser.add_argument("--json", help="also write the figures (peer harness JSON shape)")
        parser.add_argument("--seed-only", action="store_true")

    def handle(self, *args, peer_shape, runs, budget, pages, seed_only, **options):
        pages = [page.strip() for page in pages.split(",") if page.strip()]
        unknown = sorted(set(pages) - set(PAGES))
        if unknown:
            raise CommandError(f"Unknown pages: {', '.join(unknown)}. Choose from {PAGES}.")
        require_benchmark_database()
        shape = {
            "partnerships": 1 if peer_shape else options["partnerships"],
            "respondents": peer_shape or options["respondents"],
            "rounds": 1 if peer_shape else options["rounds"],
        }
        found = find_bench_set()
        if found is None:
            self._seed(shape, options["partners"], bool(peer_shape))
            found = find_bench_set()
        held = {key: getattr(found, key) for key in shape}
        if held != shape:
            raise CommandError(
                f"This database holds {held}, not {shape}: use another database (or drop and "
                "recreate this one) to seed a different shape."
            )
        if peer_shape:
            sums = peer_checksums(peer_shape)
            self.stdout.write(
                f"peer-shape R={peer_shape} sum_of_values={sums['sum_of_values']} "
                f"q01={sums['q01_distribution']} q60={sums['q60_distribution']} "
                f"(stored: sum_of_values={_stored_sum(found)})"
            )
        if seed_only:
            return
        self.stdout.write(
            f"# {connection.vendor} {connection.settings_dict['NAME']}: {found.partnerships:,} "
            f"partnerships, {found.rounds} closed round(s) each, {found.respondents:,} "
            f"respondents per round, {len(scale_items(found.framework))} items; "
            f"{runs} runs per page (fewer past {budget:.0f} s), first discarded"
        )
        figures = []
        # The test client's host; static URLs without collectstatic's manifest (as in tests).
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        storages = {**settings.STORAGES, "staticfiles": {"BACKEND": PLAIN_STATIC}}
        with override_settings(ALLOWED_HOSTS=hosts, STORAGES=storages):
            for page in pages:
                figure = measure(
                    page,
                    _page_call(page, found),
                    runs=runs,
                    rollback=page in {"save", "submit", "close"},
                    budget_s=budget,
                )
                figures.append(figure)
                self.stdout.write(figure.line())
                if len(figure.runs_ms) < runs - 1:
                    self.stdout.write(
                        f"# {page}: {len(figure.runs_ms) + 1} runs (over the {budget:.0f} s "
                        "budget), first discarded"
                    )
        if options["json"]:
            Path(options["json"]).write_text(
                json.dumps(
                    [
                        f.as_peer_result(respondents=found.respondents, db=connection.vendor)
                        for f in figures
                    ],
                    indent=2,
                )
            )

    def _seed(self, shape, partners, peer):
        start = time.perf_counter()
        answers = seed_bench_set(**shape, partners=partners, peer=peer)
        seeded = time.perf_counter()
        closed = close_seeded_rounds()
        closing = time.perf_counter()
        vacuum_analyze()
        done = time.perf_counter()
        self.stdout.write(
            f"bench seed partnerships={shape['partnerships']} respondents={shape['respondents']}"
            f" rounds={shape['rounds']} answers={answers} seed_s={seeded - start:.1f} "
            f"close_s={closing - seeded:.1f} closed_rounds={len(closed)} "
            f"vacuum_analyze_s={done - closing:.1f} total_s={done - start:.1f}"
        )


def _stored_sum(found: BenchSet) -> int:
    values = Answer.objects.filter(response__round=found.closed_round).values_list(
        "value", flat=True
    )
    return sum(v for v in values.iterator(chunk_size=10_000) if v is not None)


def _page_call(page: str, found: BenchSet):
    """A function that makes the page's request and reads its response to the end."""
    as_manager = _client(found.manager)
    as_respondent = _client(found.respondent)
    draft, closed = found.draft, found.closed_round
    section_one = reverse("questionnaire_section", args=[draft.pk, 1])
    slug = found.framework.slug
    calls = {
        "questionnaire": (as_respondent, "get", section_one, {}, 200),
        "save": (as_respondent, "post", section_one, _section_post(found), 302),
        "submit": (as_respondent, "post", reverse("check_answers", args=[draft.pk]), {}, 302),
        "close": (
            as_manager,
            "post",
            reverse("round_close", args=[found.open_round.pk]),
            {},
            302,
        ),
        "result": (as_respondent, "get", reverse("my_result", args=[found.submitted.pk]), {}, 200),
        "report": (as_manager, "get", reverse("round_report", args=[closed.pk, slug]), {}, 200),
        "trends": (as_manager, "get", reverse("trends", args=[found.partnership.pk]), {}, 200),
        "dashboard": (_client(found.facilitator), "get", reverse("dashboard"), {}, 200),
        "csv": (as_manager, "get", reverse("round_report_csv", args=[closed.pk, slug]), {}, 200),
        "pdf": (as_manager, "get", reverse("round_report_pdf", args=[closed.pk]), {}, 200),
    }
    client, method, url, data, expected = calls[page]

    def call():
        response = getattr(client, method)(url, data, secure=True)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code != expected:
            raise BenchFailure(f"{page}: {url} answered {response.status_code}, not {expected}")
        return len(body)

    return call


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _section_post(found: BenchSet) -> dict:
    """Section 1 with every answer changed from the stored 3 to 4 (no comments)."""
    items = [i for i in scale_items(found.framework) if i.dimension.position == 1]
    data = {}
    for item in items:
        data[f"item_{item.pk}"] = "4"
        data[f"initial-item_{item.pk}"] = "3"
        data[f"comment_{item.pk}"] = ""
        data[f"initial-comment_{item.pk}"] = ""
    return data
