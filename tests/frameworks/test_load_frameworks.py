"""load_frameworks: validation names the file and key; frozen versions never change."""

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from frameworks.content_format import framework_to_data, validate
from frameworks.models import Framework
from tests.factories import AnswerFactory, ResponseFactory

CONTENT = Path(__file__).resolve().parents[2] / "frameworks" / "content"


def _load(*paths) -> str:
    out = StringIO()
    call_command("load_frameworks", *[str(p) for p in paths], stdout=out)
    return out.getvalue()


def _copy(tmp_path, slug="readiness-for-change", change=None) -> Path:
    data = yaml.safe_load((CONTENT / f"{slug}.yaml").read_text())
    data["version"] = 1
    if change:
        change(data)
    path = tmp_path / f"{slug}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


@pytest.mark.django_db
def test_errors_name_the_file_and_key_and_nothing_is_loaded(tmp_path):
    good = _copy(tmp_path, "warning-signs")

    def break_it(data):
        del data["dimensions"][1]["items"][0]["statement"]
        data["scale"]["labels"].pop()
        data["bands"][1]["lower"] = 0
        data["dimensions"][0]["items"][0]["reverse_scored"] = "yes"

    bad = _copy(tmp_path, change=break_it)
    with pytest.raises(CommandError) as raised:
        _load(good, bad)
    message = str(raised.value)
    assert "readiness-for-change.yaml: dimensions[1].items[0].statement: is required" in message
    assert "readiness-for-change.yaml: scale.labels: needs 5 labels" in message
    assert "readiness-for-change.yaml: bands: lower bounds must rise" in message
    assert "dimensions[0].items[0].reverse_scored: must be true or false" in message
    assert Framework.objects.count() == 0


@pytest.mark.django_db
def test_unreadable_yaml_and_wrong_file_name_are_reported(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("slug: [unclosed")
    renamed = tmp_path / "other-name.yaml"
    renamed.write_text((CONTENT / "warning-signs.yaml").read_text())
    with pytest.raises(CommandError) as raised:
        _load(broken, renamed)
    assert "broken.yaml: cannot be read as YAML" in str(raised.value)
    assert "other-name.yaml: slug: 'warning-signs' must match the file name" in str(raised.value)


@pytest.mark.django_db
def test_unknown_keys_are_reported_with_their_location(tmp_path):
    path = _copy(tmp_path, change=lambda d: d["dimensions"][2].update(colour="red"))
    with pytest.raises(CommandError, match=r"dimensions\[2\]\.colour: is not a known key"):
        _load(path)


@pytest.mark.django_db
def test_an_unused_version_is_updated_from_a_changed_file(tmp_path):
    _load(_copy(tmp_path))
    path = _copy(tmp_path, change=lambda d: d.update(title="Readiness for change (revised)"))
    assert "updated: readiness-for-change version 1" in _load(path)
    assert Framework.objects.get(slug="readiness-for-change").title.endswith("(revised)")


@pytest.mark.django_db
def test_a_frozen_version_is_never_altered(tmp_path):
    _load(_copy(tmp_path))
    framework = Framework.objects.get(slug="readiness-for-change")
    item = framework.dimensions.first().items.first()
    AnswerFactory(response=ResponseFactory(framework=framework), item=item, value=4)
    before = framework_to_data(framework)

    def change(data):
        data["title"] = "Changed"
        data["dimensions"][0]["items"][0]["statement"] = "Changed statement"

    output = _load(_copy(tmp_path, change=change))
    assert "left alone: frozen, and the file differs" in output
    framework.refresh_from_db()
    assert framework_to_data(framework) == before
    assert Framework.objects.filter(slug="readiness-for-change").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(CONTENT.glob("*.yaml")), ids=lambda p: p.stem)
def test_stored_content_reads_back_exactly_as_the_file(path):
    _load(path)
    data, errors = validate(yaml.safe_load(path.read_text()))
    assert errors == []
    assert framework_to_data(Framework.objects.get(slug=path.stem)) == data


@pytest.mark.django_db
def test_latest_published_picks_the_highest_published_version(tmp_path):
    _load(_copy(tmp_path))
    _load(_copy(tmp_path, change=lambda d: d.update(version=2)))
    versions = Framework.objects.filter(slug="readiness-for-change")
    assert [f.version for f in versions.latest_published()] == [2]
    assert versions.get(version=2).previous_version == versions.get(version=1)
