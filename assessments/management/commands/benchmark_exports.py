"""Stream one facilitator's portfolio CSV from the benchmark database; print rows/s and memory.

Run ``seed_export_benchmark`` once first (into a benchmark database), then this command once
per portfolio size, each in a fresh process, so the memory figures are the stream's and not
the seeding's. The CSV is streamed exactly as the download streams it (``analyst_rows``
through ``csv_lines``, partnerships read lazily with ``iterator()``), and its bytes counted
and dropped. Printed: rows, megabytes, seconds, rows per second, the process's resident
memory before the stream and its peak (Linux ``VmHWM``: everything the process ever held,
Django included) and the peak of Python allocations made during the stream (``tracemalloc``,
which slows the stream; ``--no-tracemalloc`` leaves it off).

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_exports \\
    manage.py benchmark_exports --size 250
"""

import gc
import time
import tracemalloc
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from assessments.management.commands.seed_export_benchmark import facilitator_name
from assessments.models import Partnership
from assessments.reports.analyst_csv import ANALYST_HEADER, analyst_rows
from assessments.reports.csv_export import csv_lines

MB = 2**20


class Command(BaseCommand):
    help = "Stream a seeded portfolio CSV; print rows/s, peak RSS and tracemalloc peak."
    # No system checks: they import the URLconf, so every view (WeasyPrint, openpyxl) would
    # sit in memory. The stream needs models, the analyst CSV presenter and the CSV writer.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, required=True, help="partnerships (seeded)")
        parser.add_argument("--no-tracemalloc", action="store_true")

    def handle(self, *args, size, no_tracemalloc, **options):
        user = get_user_model().objects.filter(username=facilitator_name(size)).first()
        if user is None:
            raise CommandError(f"No portfolio of {size}: run seed_export_benchmark --sizes …")
        ids = (
            Partnership.objects.facilitated_by(user)
            .order_by("name", "pk")
            .values_list("pk", flat=True)
        )
        gc.collect()
        rss_before = _status("VmRSS")
        if not no_tracemalloc:
            tracemalloc.start()
        start = time.perf_counter()
        rows = size_bytes = 0
        for line in csv_lines(ANALYST_HEADER, analyst_rows(ids.iterator(chunk_size=500))):
            rows += 1
            size_bytes += len(line.encode())
        elapsed = time.perf_counter() - start
        traced = "off"
        if not no_tracemalloc:
            traced = f"{tracemalloc.get_traced_memory()[1] / MB:.1f}"
            tracemalloc.stop()
        rows -= 1  # the header
        self.stdout.write(
            f"partnerships={size} rows={rows} csv_mb={size_bytes / 1e6:.1f} "
            f"seconds={elapsed:.1f} rows_per_s={rows / elapsed:.0f} "
            f"rss_before_mb={rss_before / MB:.1f} peak_rss_mb={_status('VmHWM') / MB:.1f} "
            f"tracemalloc_peak_mb={traced}"
        )


def _status(field: str) -> int:
    """A figure in bytes from /proc/self/status (Linux), e.g. VmRSS or VmHWM."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise CommandError("Needs Linux's /proc to measure memory")
