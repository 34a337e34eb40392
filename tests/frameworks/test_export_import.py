"""export_framework and import_framework: every default framework round-trips exactly; import
makes a draft and reports every problem with its location, saving nothing."""

import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from frameworks.content_format import framework_to_data, validate
from frameworks.content_yaml import dump_yaml, read_yaml
from frameworks.models import DimensionAdvice, Framework, FrameworkStatus, Item
from tests.factories import build_framework

pytestmark = pytest.mark.django_db

CONTENT = Path(__file__).resolve().parents[2] / "frameworks" / "content"
ARCHIVE = CONTENT / "archive" / "version-1"
SLUGS = sorted(path.stem for path in CONTENT.glob("*.yaml"))


@pytest.fixture
def library():
    call_command("load_frameworks", stdout=StringIO())


def export(slug, *args) -> str:
    out = StringIO()
    call_command("export_framework", slug, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def import_file(path) -> str:
    out = StringIO()
    call_command("import_framework", str(path), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("slug", SLUGS)
def test_every_default_framework_round_trips_exactly(library, tmp_path, slug):
    original = Framework.objects.get(slug=slug, version=2)
    text = export(slug)

    # The exported file re-validates to the same content, and reads like the content files.
    data, errors = validate(yaml.safe_load(text))
    assert errors == []
    assert data == framework_to_data(original)
    source, _ = validate(yaml.safe_load((CONTENT / f"{slug}.yaml").read_text()))
    assert data == source
    assert list(yaml.safe_load(text)) == [
        "slug", "version", "title", "summary", "kind", "source",
        *(["scale"] if original.is_scored else []), "bands", "dimensions",
    ]  # fmt: skip

    # Importing it makes the next version, a draft with identical content.
    path = tmp_path / f"{slug}.yaml"
    path.write_text(text, encoding="utf-8")
    assert f"Imported {slug} as draft version 3" in import_file(path)
    imported = Framework.objects.get(slug=slug, version=3)
    assert imported.status == FrameworkStatus.DRAFT
    assert imported.previous_version == original
    assert framework_to_data(imported) == framework_to_data(original) | {"version": 3}

    # And exporting the import gives the same file but for its version number.
    assert export(slug, "--version", "3") == text.replace("version: 2\n", "version: 3\n", 1)

    # The first edition exports as its archived file says.
    first, _ = validate(yaml.safe_load(export(slug, "--version", "1")))
    assert first == validate(yaml.safe_load((ARCHIVE / f"{slug}.yaml").read_text()))[0]


def test_the_loaded_library_can_be_exported_and_loaded_into_an_empty_database(library, tmp_path):
    for slug in SLUGS:
        (tmp_path / f"{slug}.yaml").write_text(export(slug), encoding="utf-8")
    before = {f.slug: framework_to_data(f) for f in Framework.objects.latest_published()}
    Framework.objects.filter(version=2).delete()
    Framework.objects.all().delete()
    call_command("load_frameworks", str(tmp_path), stdout=StringIO())
    assert {f.slug: framework_to_data(f) for f in Framework.objects.all()} == before


def test_defaults_are_left_out_and_weights_are_numbers():
    framework = build_framework(sections=(3,), text_items=(1,))
    dimension = framework.dimensions.get()
    for band in framework.bands.all():
        DimensionAdvice.objects.create(dimension=dimension, band=band, text=f"{band} advice")
    items = list(Item.objects.filter(dimension__framework=framework).order_by("position"))
    items[0].weight = Decimal("2.50")
    items[1].weight = Decimal("10.00")
    items[2].reverse_scored = True
    for item in items:
        item.save()
    text = dump_yaml(framework_to_data(framework))
    content = yaml.safe_load(text)
    exported = content["dimensions"][0]["items"]
    assert exported[0]["weight"] == 2.5 and "weight: 2.5\n" in text
    assert exported[1]["weight"] == 10 and "weight: 10\n" in text
    assert "weight" not in exported[2] and exported[2]["reverse_scored"] is True
    assert exported[0].keys() == {"key", "statement"} | {"weight"}
    # A text item offers no "not applicable" by default: this one does, so it is written.
    assert exported[3] == {
        "key": exported[3]["key"],
        "statement": "Reflection 1",
        "response": "text",
        "allows_not_applicable": True,
    }
    assert "local_context" not in content["dimensions"][0]
    data, errors = read_yaml(text)
    assert errors == [] and data == framework_to_data(framework)


@pytest.mark.parametrize(
    "text",
    [
        "A plain sentence.",
        "A long sentence with  two spaces, a colon: and a hash # and 'quotes' and \"more\" "
        "that goes on well past the folding width of the file.",
        " Leading and trailing spaces are kept exactly as they are in the database text. ",
        "Two lines\nof text\n\n  with an indented third and a trailing newline\n",
        "Tab\tand unicode “quotes” — dashes, ü, and a very long line so it must be folded.",
        "- looks like a list item, long enough to be folded by the writer, yes indeed it is",
        "yes",
        "1.5",
    ],
)
def test_any_text_reads_back_exactly(text):
    framework = build_framework(sections=(1,))
    data = framework_to_data(framework)
    data["summary"] = text
    data["dimensions"][0]["items"][0]["statement"] = text
    again = yaml.safe_load(dump_yaml(data))
    assert again["summary"] == text
    assert again["dimensions"][0]["items"][0]["statement"] == text


def test_import_of_a_new_slug_keeps_the_files_version(tmp_path):
    data = yaml.safe_load((CONTENT / "warning-signs.yaml").read_text())
    data.update(slug="local-warning-signs", version=3)
    path = tmp_path / "local.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    import_file(path)
    framework = Framework.objects.get(slug="local-warning-signs")
    assert (framework.version, framework.status, framework.previous_version) == (
        3,
        FrameworkStatus.DRAFT,
        None,
    )


def test_import_reports_every_problem_with_its_location_and_saves_nothing(tmp_path):
    data = yaml.safe_load((CONTENT / "readiness-for-change.yaml").read_text())
    del data["title"]
    data["bands"][1]["lower"] = 0
    data["dimensions"][1]["items"][0]["weight"] = -1
    data["dimensions"][2]["advice"].pop("Strength")
    data["dimensions"][3]["items"] = []
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(CommandError) as raised:
        import_file(path)
    message = str(raised.value)
    assert "broken.yaml: nothing was imported" in message
    for expected in [
        "broken.yaml: title: is required",
        "broken.yaml: bands: lower bounds must rise from one band to the next",
        "broken.yaml: dimensions[1].items[0].weight: must be a positive number",
        "broken.yaml: dimensions[2].advice: needs advice for the band 'Strength'",
        "broken.yaml: dimensions[3].items: must be a list of at least one item",
    ]:
        assert expected in message
    assert Framework.objects.count() == 0


def test_import_of_unreadable_files(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("slug: [unclosed")
    with pytest.raises(CommandError, match=r"broken.yaml: \(file\): cannot be read as YAML"):
        import_file(broken)
    with pytest.raises(CommandError, match="cannot be read"):
        import_file(tmp_path / "missing.yaml")


def test_import_exits_non_zero_on_error(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("slug: Not A Slug\n")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_framework", str(broken), "--skip-checks"],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DATABASE_URL": "sqlite:///:memory:"},
        check=False,
    )
    assert result.returncode != 0
    assert "slug: must be lower-case letters" in result.stderr


def test_export_options_and_errors(library, tmp_path):
    output = tmp_path / "out.yaml"
    call_command("export_framework", "warning-signs", "--output", str(output), stderr=StringIO())
    assert output.read_text(encoding="utf-8") == export("warning-signs", "--version", "2")
    with pytest.raises(CommandError, match="No framework has the slug 'nothing'"):
        export("nothing")
    with pytest.raises(CommandError, match=r"has no version 7 \(it has: 2, 1\)"):
        export("warning-signs", "--version", "7")
