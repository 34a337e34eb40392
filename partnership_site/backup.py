"""Whole-database backup and restore, used by ``manage.py backup`` and ``manage.py restore``.

PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists
--single-transaction`` (the PostgreSQL client tools, same major version as the server,
must be on PATH); connection details come from ``DATABASES["default"]`` (DATABASE_URL), the
password through ``PGPASSWORD``, never the command line. SQLite: the sqlite3 online-backup
API, page by page, safe while the service runs.

A restore replaces everything in the database with the backup's contents, in one
transaction: if it fails, the database is left as it was. Raises BackupError with a
message a person can act on.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections


class BackupError(Exception):
    pass


def _postgres_env(settings_dict: dict) -> tuple[list[str], dict]:
    args = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [option, str(settings_dict[key])]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found. Install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client) in the same major version as the server."
        )
    return path


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def backup(path: Path, *, using: str = "default") -> int:
    """Write the whole database to ``path``; returns its size in bytes."""
    connection = connections[using]
    settings_dict = connection.settings_dict
    path.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        args, env = _postgres_env(settings_dict)
        _run(
            [
                _tool("pg_dump"),
                *args,
                "--format=custom",
                "--no-owner",
                "--no-acl",
                "--file",
                str(path),
                settings_dict["NAME"],
            ],
            env,
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
    return path.stat().st_size


def restore(path: Path, *, using: str = "default") -> None:
    """Replace the whole database with the backup at ``path``."""
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.")
    connection = connections[using]
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        connection.close()  # pg_restore drops tables this connection may hold locks on
        args, env = _postgres_env(settings_dict)
        _run(
            [
                _tool("pg_restore"),
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-acl",
                "--single-transaction",
                "--dbname",
                settings_dict["NAME"],
                str(path),
            ],
            env,
        )
    elif connection.vendor == "sqlite":
        try:
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            source.execute("PRAGMA schema_version").fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not an SQLite backup: {error}") from None
        connection.ensure_connection()
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        raise BackupError(f"Restoring {connection.vendor} databases is not supported.")
