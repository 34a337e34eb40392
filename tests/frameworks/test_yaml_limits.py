"""Import limits on framework YAML: size, alias expansion, nodes, depth, control characters."""

import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from frameworks import yaml_limits
from frameworks.content_yaml import load_yaml, read_yaml
from frameworks.models import Framework
from frameworks.yaml_limits import MAX_NODES, YamlLimitError, check_yaml

CONTENT = Path(__file__).resolve().parents[2] / "frameworks" / "content"


def _bomb(levels=9, width=9) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_every_content_file_is_within_the_limits():
    for path in CONTENT.glob("*.yaml"):
        check_yaml(path.read_text(encoding="utf-8"))


def test_an_alias_bomb_is_refused_quickly_with_a_message():
    text = _bomb()
    assert len(text) < 1_000
    started = time.perf_counter()
    with pytest.raises(YamlLimitError, match="once its aliases .* are expanded"):
        load_yaml(text)
    assert time.perf_counter() - started < 1  # bounded work, not a timing target
    data, problems = read_yaml(text)
    assert data is None
    assert "a framework may have at most 5,000" in problems[0].message


def test_a_few_aliases_within_the_limit_are_fine():
    assert load_yaml("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_too_many_nodes_without_aliases_is_refused():
    text = "items:\n" + "".join(f"  - {n}\n" for n in range(MAX_NODES + 1))
    with pytest.raises(YamlLimitError, match="at most 5,000"):
        check_yaml(text)


def test_deep_nesting_is_refused():
    with pytest.raises(YamlLimitError, match="nested more than 20 levels"):
        check_yaml("[" * 30 + "]" * 30)


def test_a_recursive_alias_is_refused():
    with pytest.raises(YamlLimitError, match="refers to a part of the file that contains it"):
        check_yaml("a: &a [1, *a]\n")


def test_an_oversized_file_is_refused(monkeypatch):
    monkeypatch.setattr(yaml_limits, "MAX_BYTES", 100)
    with pytest.raises(YamlLimitError, match="at most 100 bytes"):
        check_yaml("title: " + "x" * 200)
    with pytest.raises(YamlLimitError, match="at most 100 bytes"):
        check_yaml(("title: " + "x" * 200).encode())


@pytest.mark.parametrize(
    ("text", "where", "code"),
    [
        ("slug: ok\ntitle: bad\x00name\n", "line 2, column 11", "U+0000"),
        ("title: bell\x07\n", "line 1, column 12", "U+0007"),
        ("title: c1\x85x\n", "line 1, column 10", "U+0085"),
        ('slug: ok\ntitle: "escaped \\0 nul"\n', "line 2, column 8", "U+0000"),
        ('title: "escaped \\x1b escape"\n', "line 1, column 8", "U+001B"),
    ],
)
def test_control_characters_are_refused_with_where_they_are(text, where, code):
    data, problems = read_yaml(text)
    assert data is None
    assert problems[0].message.startswith(f"{where}: the control character {code}")


def test_tabs_and_line_breaks_are_allowed():
    assert load_yaml("title: 'a\tb'\r\nsummary: c\n") == {"title": "a\tb", "summary": "c"}


def test_bytes_that_are_not_utf8_are_refused():
    with pytest.raises(YamlLimitError, match="not UTF-8"):
        check_yaml(b"title: \xff\xfe")


def test_the_admin_import_shows_the_message_and_imports_nothing(client, admin_user):
    client.force_login(admin_user)
    upload = SimpleUploadedFile("bomb.yaml", _bomb().encode(), content_type="application/yaml")
    response = client.post(reverse("admin:frameworks_framework_import"), {"file": upload})
    assert response.status_code == 200
    assert "a framework may have at most 5,000" in response.content.decode()
    assert not Framework.objects.exists()
