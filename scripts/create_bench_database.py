"""Create the PostgreSQL database DATABASE_URL names, if it does not exist yet.

For the benchmark targets (make bench, bench-peer, loadtest): their databases are kept
between runs and are never the development database, so the name must contain "bench".
Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_national \
    .venv/bin/python scripts/create_bench_database.py
"""

import os
import sys

import dj_database_url
import psycopg2
from psycopg2 import sql


def main() -> int:
    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = config["NAME"]
    if "bench" not in name:
        print(f"{name!r} is not a benchmark database (its name must contain 'bench').")
        return 2
    admin = psycopg2.connect(
        dbname="postgres",
        user=config["USER"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        password=config["PASSWORD"] or None,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created the database {name}.")
    admin.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
