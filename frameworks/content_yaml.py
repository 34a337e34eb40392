"""Framework content as YAML text, the format of ``frameworks/content/`` (see
docs/framework-content.md): read a file into validated data, and write data back out.

Writing leaves out keys at their default value and keeps the key order of the content files;
``read_yaml(dump_yaml(data))`` gives back exactly ``data``.
"""

from __future__ import annotations

from decimal import Decimal

import yaml

from frameworks.content_format import ContentError, framework_to_data, validate
from frameworks.models import Framework, ResponseType
from frameworks.yaml_limits import YamlLimitError, check_yaml

FOLD_AT = 60  # longer single-line text is written folded (">-"), as in the content files
# libyaml's safe loader when PyYAML has it (ten times faster), else the pure-Python one.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str | bytes):
    """Parse YAML safely (plain data only), within the limits of frameworks.yaml_limits
    (size, control characters, nodes after alias expansion); raises yaml.YAMLError."""
    check_yaml(text)
    return yaml.load(text, Loader=SafeLoader)


def read_yaml(text: str | bytes) -> tuple[dict | None, list[ContentError]]:
    """Parse and validate one framework's YAML; return the data or every problem found."""
    try:
        raw = load_yaml(text)
    except YamlLimitError as error:
        return None, [ContentError("(file)", str(error))]
    except yaml.YAMLError as error:
        return None, [ContentError("(file)", f"cannot be read as YAML: {error}")]
    return validate(raw)


def to_content(data: dict) -> dict:
    """Validated data in the shape of a content file: the same key order, defaults left out."""
    content = {key: data[key] for key in ("slug", "version", "title", "summary", "kind", "source")}
    if scale := data["scale"]:
        content["scale"] = {"min": scale["min"], "max": scale["max"]}
        if scale["question"]:
            content["scale"]["question"] = scale["question"]
        content["scale"]["labels"] = list(scale["labels"])
    content["bands"] = [
        _without_empty(
            {
                "label": band["label"],
                "lower": band["lower"],
                "colour": band["colour"],
                "meaning": band["meaning"],
            }
        )
        for band in data["bands"]
    ]
    content["dimensions"] = [_dimension(dimension) for dimension in data["dimensions"]]
    return content


def _dimension(dimension: dict) -> dict:
    content = _without_empty(
        {
            "key": dimension["key"],
            "title": dimension["title"],
            "description": dimension["description"],
            "source": dimension["source"],
            "guidance": dimension["guidance"],
        }
    )
    if dimension["local_context"]:
        content["local_context"] = True
    if dimension["advice"]:
        content["advice"] = dict(dimension["advice"])
    content["items"] = [_item(item) for item in dimension["items"]]
    return content


def _item(item: dict) -> dict:
    content = _without_empty(
        {"key": item["key"], "statement": item["statement"], "help": item["help"]}
    )
    if item["response"] != ResponseType.SCALE:
        content["response"] = item["response"]
    if item["reverse_scored"]:
        content["reverse_scored"] = True
    if Decimal(item["weight"]) != 1:
        content["weight"] = Decimal(item["weight"])
    if item["allows_not_applicable"] != (item["response"] == ResponseType.SCALE):
        content["allows_not_applicable"] = item["allows_not_applicable"]
    return content


def _without_empty(mapping: dict) -> dict:
    return {key: value for key, value in mapping.items() if value not in ("", None)}


class _Dumper(yaml.SafeDumper):
    """Block style with sequences indented under their key, as in the content files."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = None
    if "\n" in value:
        style = "|"
    elif len(value) > FOLD_AT:
        style = ">"
    # PyYAML falls back to a quoted style by itself when a block style would not read back.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal):
    text = f"{value.normalize():f}"
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_multi_representer(str, _represent_str)  # choices (TextChoices) are text too
_Dumper.add_representer(Decimal, _represent_decimal)


def dump_yaml(data: dict) -> str:
    """Validated framework data as the text of a content file."""
    return yaml.dump(
        to_content(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=76
    )


def export_framework(framework: Framework) -> str:
    return dump_yaml(framework_to_data(framework))


def file_name(framework: Framework, *, with_version: bool = False) -> str:
    """``<slug>.yaml``, as in frameworks/content/; with the version when exporting several."""
    suffix = f"-v{framework.version}" if with_version else ""
    return f"{framework.slug}{suffix}.yaml"
