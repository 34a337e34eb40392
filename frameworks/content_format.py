"""The YAML content format of frameworks (docs/framework-content.md): validate, read, write.

`validate` returns every problem with its location; `framework_to_data` turns a stored
framework back into the same structure, so a loaded file and the database can be compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from frameworks.models import (
    SCALE_CEILING,
    SCALE_FLOOR,
    Framework,
    FrameworkKind,
    ResponseType,
    TagColour,
)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class ContentError:
    location: str
    message: str

    def __str__(self):
        return f"{self.location}: {self.message}"


class _Checker:
    def __init__(self):
        self.errors: list[ContentError] = []

    def error(self, location: str, message: str):
        self.errors.append(ContentError(location, message))

    def mapping(self, value, location) -> dict | None:
        if not isinstance(value, dict):
            self.error(location, "must be a mapping of keys to values")
            return None
        return value

    def text(self, parent: dict, key: str, location: str, *, required=True, max_length=None):
        value = parent.get(key)
        where = f"{location}.{key}" if location else key
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(where, "is required")
            return ""
        if not isinstance(value, str):
            self.error(where, "must be text")
            return ""
        if max_length and len(value) > max_length:
            self.error(where, f"must be at most {max_length} characters")
        return value.strip()

    def boolean(self, parent: dict, key: str, location: str, default: bool) -> bool:
        value = parent.get(key, default)
        if not isinstance(value, bool):
            self.error(f"{location}.{key}", "must be true or false")
            return default
        return value

    def integer(self, parent: dict, key: str, location: str, *, low=None, high=None):
        value = parent.get(key)
        where = f"{location}.{key}" if location else key
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(where, "must be a whole number")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.error(where, f"must be between {low} and {high}")
            return None
        return value

    def known_keys(self, parent: dict, allowed: set[str], location: str):
        for key in parent:
            if key not in allowed:
                where = f"{location}.{key}" if location else str(key)
                self.error(
                    where, f"is not a known key (expected one of: {', '.join(sorted(allowed))})"
                )


TOP_KEYS = {"slug", "version", "title", "summary", "kind", "source", "scale", "bands", "dimensions"}
DIMENSION_KEYS = {
    "key", "title", "description", "source", "guidance", "local_context", "advice", "items",
}  # fmt: skip
ITEM_KEYS = {
    "key", "statement", "help", "response", "reverse_scored", "weight", "allows_not_applicable",
}  # fmt: skip


def validate(data: Any) -> tuple[dict | None, list[ContentError]]:
    """Check a framework's content; return it normalised (defaults filled in) and any errors."""
    check = _Checker()
    top = check.mapping(data, "(file)")
    if top is None:
        return None, check.errors
    check.known_keys(top, TOP_KEYS, "")
    slug = check.text(top, "slug", "", max_length=80)
    if slug and not SLUG.match(slug):
        check.error("slug", "must be lower-case letters, digits and single hyphens")
    version = check.integer(top, "version", "", low=1, high=10_000)
    kind = check.text(top, "kind", "")
    if kind and kind not in FrameworkKind.values:
        check.error("kind", f"must be one of: {', '.join(FrameworkKind.values)}")
    result = {
        "slug": slug,
        "version": version,
        "title": check.text(top, "title", "", max_length=200),
        "summary": check.text(top, "summary", ""),
        "kind": kind,
        "source": check.text(top, "source", ""),
        "scale": _validate_scale(check, top, kind),
        "bands": _validate_bands(check, top),
    }
    band_labels = [band["label"] for band in result["bands"]]
    result["dimensions"] = _validate_dimensions(
        check, top, band_labels, scored=bool(result["scale"])
    )
    return (None if check.errors else result), check.errors


def _validate_scale(check: _Checker, top: dict, kind: str) -> dict | None:
    raw = top.get("scale")
    if raw is None:
        if kind in (FrameworkKind.RATED, FrameworkKind.CHECKLIST):
            check.error("scale", f"is required for a {kind} framework")
        return None
    scale = check.mapping(raw, "scale")
    if scale is None:
        return None
    check.known_keys(scale, {"min", "max", "labels", "question"}, "scale")
    low = check.integer(scale, "min", "scale", low=SCALE_FLOOR, high=SCALE_CEILING)
    high = check.integer(scale, "max", "scale", low=SCALE_FLOOR, high=SCALE_CEILING)
    labels = scale.get("labels")
    if low is not None and high is not None:
        if low >= high:
            check.error("scale", "min must be below max")
        elif not isinstance(labels, list) or not all(
            isinstance(label, str) and label.strip() for label in labels
        ):
            check.error("scale.labels", "must be a list of labels, lowest value first")
        elif len(labels) != high - low + 1:
            check.error(
                "scale.labels",
                f"needs {high - low + 1} labels (one per value {low}–{high}), found {len(labels)}",
            )
    return {
        "min": low,
        "max": high,
        "labels": [str(label).strip() for label in labels] if isinstance(labels, list) else [],
        "question": check.text(scale, "question", "scale", required=False, max_length=200),
    }


def _validate_bands(check: _Checker, top: dict) -> list[dict]:
    raw = top.get("bands")
    if not isinstance(raw, list) or not raw:
        check.error("bands", "must be a list of at least one band")
        return []
    bands = []
    for index, entry in enumerate(raw):
        where = f"bands[{index}]"
        band = check.mapping(entry, where)
        if band is None:
            continue
        check.known_keys(band, {"label", "lower", "colour", "meaning"}, where)
        colour = band.get("colour", TagColour.GREY)
        if colour not in TagColour.values:
            check.error(f"{where}.colour", f"must be one of: {', '.join(TagColour.values)}")
        bands.append(
            {
                "label": check.text(band, "label", where, max_length=50),
                "lower": check.integer(band, "lower", where, low=0, high=100),
                "colour": colour,
                "meaning": check.text(band, "meaning", where, required=False),
            }
        )
    lowers = [band["lower"] for band in bands]
    if lowers and None not in lowers:
        if lowers[0] != 0:
            check.error("bands[0].lower", "must be 0 so that every score has a band")
        if any(later <= earlier for earlier, later in zip(lowers, lowers[1:], strict=False)):
            check.error("bands", "lower bounds must rise from one band to the next")
    labels = [band["label"] for band in bands]
    if len(set(labels)) != len(labels):
        check.error("bands", "labels must be different from each other")
    return bands


def _validate_dimensions(
    check: _Checker, top: dict, band_labels: list[str], *, scored: bool
) -> list[dict]:
    raw = top.get("dimensions")
    if not isinstance(raw, list) or not raw:
        check.error("dimensions", "must be a list of at least one dimension")
        return []
    dimensions, dimension_keys, item_keys = [], set(), set()
    for d_index, entry in enumerate(raw):
        where = f"dimensions[{d_index}]"
        dimension = check.mapping(entry, where)
        if dimension is None:
            continue
        check.known_keys(dimension, DIMENSION_KEYS, where)
        key = _key(check, dimension, where, dimension_keys)
        advice = dimension.get("advice", {})
        if not isinstance(advice, dict):
            check.error(f"{where}.advice", "must map band labels to advice")
            advice = {}
        for label in advice:
            if label not in band_labels:
                check.error(f"{where}.advice.{label}", "is not the label of a band")
        items_raw = dimension.get("items")
        items = []
        if not isinstance(items_raw, list) or not items_raw:
            check.error(f"{where}.items", "must be a list of at least one item")
            items_raw = []
        for i_index, item_entry in enumerate(items_raw):
            items.append(_validate_item(check, item_entry, f"{where}.items[{i_index}]", item_keys))
        # A scored dimension (one with a rated item) needs the suggested action for each band.
        if scored and any(item and item["response"] == ResponseType.SCALE for item in items):
            for label in band_labels:
                if not (isinstance(advice.get(label), str) and advice[label].strip()):
                    check.error(f"{where}.advice", f"needs advice for the band '{label}'")
        dimensions.append(
            {
                "key": key,
                "title": check.text(dimension, "title", where, max_length=200),
                "description": check.text(dimension, "description", where, required=False),
                "source": check.text(dimension, "source", where, required=False),
                "guidance": check.text(dimension, "guidance", where, required=False),
                "local_context": check.boolean(dimension, "local_context", where, False),
                "advice": {label: str(text).strip() for label, text in advice.items()},
                "items": [item for item in items if item],
            }
        )
        if not scored and any(item["response"] == ResponseType.SCALE for item in items if item):
            check.error(f"{where}.items", "a framework without a scale can only have text items")
    return dimensions


def _key(check: _Checker, parent: dict, where: str, seen: set[str]) -> str:
    key = check.text(parent, "key", where, max_length=80)
    if key and not SLUG.match(key):
        check.error(f"{where}.key", "must be lower-case letters, digits and single hyphens")
    elif key in seen:
        check.error(f"{where}.key", f"'{key}' is used more than once")
    seen.add(key)
    return key


def _validate_item(check: _Checker, entry: Any, where: str, seen: set[str]) -> dict | None:
    item = check.mapping(entry, where)
    if item is None:
        return None
    check.known_keys(item, ITEM_KEYS, where)
    response = item.get("response", ResponseType.SCALE)
    if response not in ResponseType.values:
        check.error(f"{where}.response", f"must be one of: {', '.join(ResponseType.values)}")
    reverse = check.boolean(item, "reverse_scored", where, False)
    if reverse and response == ResponseType.TEXT:
        check.error(f"{where}.reverse_scored", "a text item cannot be reverse-scored")
    try:
        weight = Decimal(str(item.get("weight", 1)))
        if weight <= 0 or weight >= 1000 or weight != weight.quantize(Decimal("0.01")):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        check.error(f"{where}.weight", "must be a positive number with at most two decimals")
        weight = Decimal(1)
    return {
        "key": _key(check, item, where, seen),
        "statement": check.text(item, "statement", where),
        "help": check.text(item, "help", where, required=False),
        "response": response,
        "reverse_scored": reverse,
        "weight": weight,
        "allows_not_applicable": check.boolean(
            item, "allows_not_applicable", where, response == ResponseType.SCALE
        ),
    }


def framework_to_data(framework: Framework) -> dict:
    """A stored framework in the content format, normalised as `validate` returns it."""
    bands = list(framework.bands.all())
    labels_by_band = {band.pk: band.label for band in bands}
    data = {
        "slug": framework.slug,
        "version": framework.version,
        "title": framework.title,
        "summary": framework.summary,
        "kind": framework.kind,
        "source": framework.source,
        "scale": (
            {
                "min": framework.scale_min,
                "max": framework.scale_max,
                "labels": list(framework.scale_labels),
                "question": framework.scale_question,
            }
            if framework.is_scored
            else None
        ),
        "bands": [
            {"label": b.label, "lower": b.lower_bound, "colour": b.colour, "meaning": b.meaning}
            for b in bands
        ],
        "dimensions": [],
    }
    for dimension in framework.dimensions.prefetch_related("items", "advice"):
        data["dimensions"].append(
            {
                "key": dimension.key,
                "title": dimension.title,
                "description": dimension.description,
                "source": dimension.source,
                "guidance": dimension.guidance,
                "local_context": dimension.local_context,
                "advice": {labels_by_band[a.band_id]: a.text for a in dimension.advice.all()},
                "items": [
                    {
                        "key": item.key,
                        "statement": item.statement,
                        "help": item.help_text,
                        "response": item.response_type,
                        "reverse_scored": item.reverse_scored,
                        "weight": Decimal(item.weight).quantize(Decimal("0.01")),
                        "allows_not_applicable": item.allows_not_applicable,
                    }
                    for item in dimension.items.all()
                ],
            }
        )
    return data
