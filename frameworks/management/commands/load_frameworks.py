"""Load the framework library from its YAML content files (docs/framework-content.md).

By default the archived editions (``frameworks/content/archive/version-N/``, oldest first)
are loaded before the current files, so a fresh database holds every edition and a database
holding a frozen version 1 gains version 2 beside it; each new version's differences from
the one before are printed, one line per change (docs/adr/0013).
"""

import re
from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError

from frameworks.content_format import validate
from frameworks.content_yaml import load_yaml
from frameworks.services import LoadOutcome, load_framework

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
ARCHIVE_DIR = CONTENT_DIR / "archive"
EDITION = re.compile(r"^version-(\d+)$")


def library_folders() -> list[Path]:
    """The archived editions, oldest first, then the current content folder."""
    editions = [p for p in ARCHIVE_DIR.iterdir() if p.is_dir() and EDITION.match(p.name)]
    editions.sort(key=lambda p: int(EDITION.match(p.name)[1]))
    return [*editions, CONTENT_DIR]


def _shown(path: Path) -> str:
    """The file's path within the content folder (its name alone if elsewhere)."""
    try:
        return str(path.resolve().relative_to(CONTENT_DIR))
    except ValueError:
        return path.name


class Command(BaseCommand):
    help = (
        "Load the framework library from YAML files (default: every archived edition in "
        "frameworks/content/archive/, then frameworks/content/). Safe to run again: unchanged "
        "frameworks are left alone and frozen versions never change."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", type=Path, help="YAML files or folders (default: the library)."
        )

    def handle(self, *args, paths, verbosity=1, **options):
        files = self._files(paths or library_folders())
        loaded, problems = [], []
        for path in files:
            try:
                raw = load_yaml(path.read_text(encoding="utf-8"))
            except (OSError, yaml.YAMLError) as error:
                problems.append(f"{path.name}: cannot be read as YAML: {error}")
                continue
            data, errors = validate(raw)
            if errors:
                problems.extend(f"{path.name}: {error}" for error in errors)
                continue
            if data["slug"] != path.stem:
                problems.append(f"{path.name}: slug: '{data['slug']}' must match the file name")
                continue
            loaded.append((path, data))
        if problems:
            raise CommandError(
                "Nothing was loaded; fix these problems first:\n  " + "\n  ".join(problems)
            )

        counts = dict.fromkeys(LoadOutcome, 0)
        for path, data in loaded:
            result = load_framework(data=data)
            counts[result.outcome] += 1
            style = self.style.SUCCESS if result.outcome == LoadOutcome.CREATED else str
            if result.outcome == LoadOutcome.FROZEN_DIFFERS:
                style = self.style.WARNING
            items = sum(len(d["items"]) for d in data["dimensions"])
            self.stdout.write(
                style(
                    f"{result.outcome.value}: {data['slug']} version {data['version']} "
                    f"({len(data['dimensions'])} dimensions, {items} items) from {_shown(path)}"
                )
            )
            if result.changes is not None:
                previous = result.framework.previous_version.version
                self.stdout.write(f"  changes from version {previous}: {result.changes.summary()}")
                if verbosity >= 1:
                    for line in result.changes.lines():
                        self.stdout.write(f"    {line}")
        summary = ", ".join(
            f"{count} {outcome.value.split(':')[0]}" for outcome, count in counts.items()
        )
        noun = "framework version" if len(loaded) == 1 else "framework versions"
        self.stdout.write(f"{len(loaded)} {noun}: {summary}.")

    def _files(self, paths):
        files = []
        for path in paths:
            if path.is_dir():
                files.extend(sorted(path.glob("*.yaml")))
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{path}: no such file or folder")
        if not files:
            raise CommandError("No framework files (*.yaml) found.")
        return files
