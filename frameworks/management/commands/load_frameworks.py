from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError

from frameworks.content_format import validate
from frameworks.content_yaml import load_yaml
from frameworks.services import LoadOutcome, load_framework

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


class Command(BaseCommand):
    help = (
        "Load the framework library from YAML files (default: frameworks/content/). "
        "Safe to run again: unchanged frameworks are left alone and frozen versions never change."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", type=Path, help="YAML files or folders (default: the library)."
        )

    def handle(self, *args, paths, **options):
        files = self._files(paths or [CONTENT_DIR])
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
                    f"({len(data['dimensions'])} dimensions, {items} items) from {path.name}"
                )
            )
        summary = ", ".join(
            f"{count} {outcome.value.split(':')[0]}" for outcome, count in counts.items()
        )
        self.stdout.write(f"{len(loaded)} frameworks: {summary}.")

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
