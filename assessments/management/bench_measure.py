"""Timing one page through the whole Django stack, and the line ``manage.py bench`` prints.

A measurement calls the page ``runs`` times and discards the first call (warm-up: caches,
prepared plans, lazily imported modules); the median and the 95th percentile (nearest rank)
are over the rest, in milliseconds of wall-clock time (``time.perf_counter``, with
``gc.collect()`` outside the timed region). Then one more call counts the SQL queries (a
separate call through ``connection.execute_wrapper``, so counting costs nothing in the
timings; the savepoint statements of a rolled-back call are counted too) and one more
measures the peak of Python allocations during the call (``tracemalloc``, which slows the
call, so it is never timed). This is the method of the peer harness's ``benchlib.measure``
(../shared/bench/peer) with more runs and a p95.

A page that writes (save, submit, close) runs inside a transaction that is rolled back after
each call, so every call does the same work on the same data.
"""

from __future__ import annotations

import gc
import math
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction

PAGES = (
    "questionnaire",
    "save",
    "submit",
    "close",
    "result",
    "report",
    "trends",
    "dashboard",
    "csv",
    "pdf",
)
MB = 2**20


class BenchFailure(Exception):
    """A measured page did not answer as expected (status code or content)."""


@dataclass(frozen=True)
class PageFigures:
    """One page's figures: times in ms, queries per call, peak traced memory in MB."""

    page: str
    median_ms: float
    p95_ms: float
    queries: int
    peak_mb: float
    runs_ms: tuple[float, ...] = field(default=(), compare=False)

    def line(self) -> str:
        """``bench page=NAME median_ms=… p95_ms=… queries=… peak_mb=…`` (issue 15)."""
        return (
            f"bench page={self.page} median_ms={self.median_ms:.1f} p95_ms={self.p95_ms:.1f} "
            f"queries={self.queries} peak_mb={self.peak_mb:.1f}"
        )

    def as_peer_result(self, *, respondents: int, db: str) -> dict:
        """The shape of the peer harness's JSON results (``benchlib.Result.as_dict``), so its
        ``compare.py`` can put both apps side by side."""
        return {
            "app": "ours",
            "name": self.page,
            "R": respondents,
            "db": db,
            "median_ms": round(self.median_ms, 3),
            "runs_ms": [round(ms, 3) for ms in self.runs_ms],
            "queries": self.queries,
            "status": "ok",
            "p95_ms": round(self.p95_ms, 3),
            "peak_mb": round(self.peak_mb, 3),
        }


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of a non-empty list."""
    if not values:
        raise ValueError("No values.")
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def measure(
    page: str,
    call: Callable[[], object],
    *,
    runs: int = 20,
    rollback: bool = False,
    budget_s: float | None = None,
    min_runs: int = 6,
) -> PageFigures:
    """Figures for ``call`` (one request, its response read to the end). ``runs`` ≥ 2 calls
    are timed and the first discarded. ``rollback``: undo each call's writes. ``budget_s``:
    stop timing once the timed calls have taken that many seconds, if ``min_runs`` calls
    have been made (a page of several seconds still gets a median of ``min_runs - 1``)."""
    if runs < 2:
        raise ValueError("At least two runs: the first is discarded.")

    def once():
        if not rollback:
            return call()
        with transaction.atomic():
            result = call()
            transaction.set_rollback(True)
        return result

    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        once()
        times.append((time.perf_counter() - start) * 1000)
        if budget_s is not None and len(times) >= min_runs and sum(times) > budget_s * 1000:
            break
    kept = times[1:]
    gc.collect()
    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        once()
    gc.collect()
    tracemalloc.start()
    try:
        once()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return PageFigures(
        page=page,
        median_ms=statistics.median(kept),
        p95_ms=percentile(kept, 0.95),
        queries=queries[0],
        peak_mb=peak / MB,
        runs_ms=tuple(kept),
    )
