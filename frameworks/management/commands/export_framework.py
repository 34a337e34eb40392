from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frameworks.content_yaml import export_framework
from frameworks.models import Framework


class Command(BaseCommand):
    help = (
        "Write one framework version in the YAML format of frameworks/content/ "
        "(default: its highest version; to standard output unless --output is given)."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Our --version (which version to export) replaces Django's (print Django's version).
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The framework's short name, e.g. readiness-for-change.")
        parser.add_argument("--version", type=int, dest="number", help="Version number.")
        parser.add_argument("--output", type=Path, help="File to write (default: stdout).")

    def handle(self, *args, slug, number=None, output=None, **options):
        versions = Framework.objects.filter(slug=slug).order_by("-version")
        if not versions.exists():
            raise CommandError(f"No framework has the slug '{slug}'.")
        framework = versions.first() if number is None else versions.filter(version=number).first()
        if framework is None:
            known = ", ".join(str(v) for v in versions.values_list("version", flat=True))
            raise CommandError(f"'{slug}' has no version {number} (it has: {known}).")
        text = export_framework(framework)
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{output}: cannot be written: {error}") from error
        self.stderr.write(f"Wrote {slug} version {framework.version} to {output}.")
