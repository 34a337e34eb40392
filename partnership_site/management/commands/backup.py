from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partnership_site.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the whole database to a file (PostgreSQL: pg_dump custom format; SQLite: a "
        "copy). Default file: backups/partnerships-YYYYMMDD-HHMMSS.dump"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="where to write the backup")

    def handle(self, *args, path=None, **options):
        target = Path(path or f"backups/partnerships-{datetime.now():%Y%m%d-%H%M%S}.dump")
        try:
            size = backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up the database to {target} ({size:,} bytes).")
