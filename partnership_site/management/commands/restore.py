from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from partnership_site.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the WHOLE database with a backup made by `manage.py backup`, in one "
        "transaction. Asks first unless --yes is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, path, yes=False, **options):
        name = connection.settings_dict["NAME"]
        if not yes:
            answer = input(
                f"This replaces everything in the database {name} with {path}. Type 'yes': "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled: nothing was changed.")
        try:
            restore(Path(path))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored the database {name} from {path}.")
