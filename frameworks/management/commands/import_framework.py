from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frameworks.content_yaml import read_yaml
from frameworks.services import import_version


class Command(BaseCommand):
    help = (
        "Create a draft framework version from a YAML file in the format of "
        "frameworks/content/. If the slug exists, the draft is its next version. "
        "Nothing is saved if the file has any problem; every problem is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The YAML file.")

    def handle(self, *args, path, **options):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: cannot be read: {error}") from error
        data, errors = read_yaml(text)
        if errors:
            raise CommandError(
                f"{path.name}: nothing was imported; fix these problems first:\n  "
                + "\n  ".join(f"{path.name}: {error}" for error in errors)
            )
        framework = import_version(data=data, actor=None)
        items = sum(len(d["items"]) for d in data["dimensions"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {framework.slug} as draft version {framework.version} "
                f"({len(data['dimensions'])} dimensions, {items} items)."
            )
        )
