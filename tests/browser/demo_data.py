"""The demo data for browser tests, seeded once per test database and restored for each test.

``seed_demo`` builds the demo through the services (about 650 responses started, saved and
submitted, rounds closed, results stored): 15–35 s a time. Browser tests must run against a
live server, so they use transactional databases, which Django empties after every test; a
dozen tests each seeding the demo spent most of the browser suite's time seeding.

The first test in a process (each pytest-xdist worker has its own test database) seeds the
demo the ordinary way and copies every table Django manages into a snapshot table of its own
(``CREATE TABLE demo_snapshot__<table> AS SELECT * FROM <table>``). Django's flush between
tests empties only tables of models, so the snapshots stay; each later test empties the
model tables and copies the rows back in one transaction (foreign keys are deferred to its
end on both PostgreSQL and SQLite), then resets PostgreSQL's sequences. Restoring takes well
under a second, and the rows, ids and passwords are exactly those ``seed_demo`` wrote.
"""

from __future__ import annotations

from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

PASSWORD = "demo-password-1"
PREFIX = "demo_snapshot__"

# Test databases (by name) that hold a snapshot: one per process and database.
_snapshotted: set[str] = set()


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def load_demo() -> None:
    """The frameworks and the demo data (``load_frameworks`` then ``seed_demo`` with
    ``PASSWORD``), in an empty transactional test database."""
    name = connection.settings_dict["NAME"]
    quote = connection.ops.quote_name
    if name not in _snapshotted:
        call_command("load_frameworks", stdout=StringIO())
        call_command("seed_demo", "--password", PASSWORD, stdout=StringIO())
        with connection.cursor() as cursor:
            for table in _tables():
                cursor.execute(f"DROP TABLE IF EXISTS {quote(PREFIX + table)}")
                cursor.execute(
                    f"CREATE TABLE {quote(PREFIX + table)} AS SELECT * FROM {quote(table)}"
                )
        _snapshotted.add(name)
        return
    tables = _tables()
    with transaction.atomic():
        flush = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
        with connection.cursor() as cursor:
            for sql in flush:
                cursor.execute(sql)
            for table in tables:
                cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {quote(PREFIX + table)}")
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(sql)
