"""The database connection settings (partnership_site/settings.py)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's JIT only")
def test_postgresql_connections_run_without_jit():
    # JIT compiled the dashboard's query for 14 s to run it for 0.4 s (docs/performance.md).
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite has no JIT setting")
def test_sqlite_gets_no_postgresql_options():
    assert "options" not in connection.settings_dict.get("OPTIONS", {})
