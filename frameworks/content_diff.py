"""What changed between two versions of a framework, from their content data.

Pure: both sides are the content format (``content_format.validate`` or
``framework_to_data`` output), so a YAML file can be compared with a stored version and two
stored versions with each other, without queries.

Items are matched by key (keys are unique within a framework, docs/framework-content.md),
dimensions by key, score bands by label. An item is

* **added** or **removed** when its key is only on one side (a split item is one removal
  and two additions: its meaning changed, so it is not the same question);
* **reworded** when its statement or hint changed;
* **rescored** when anything that decides its score changed: reverse scoring, weight,
  response type, or whether it offers "Not applicable / don't know";
* **moved** when it now belongs to a different dimension (it feeds another score).

One item can be reworded, rescored and moved at once; it is listed under each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

FRAMEWORK_FIELDS = {
    "title": "title",
    "summary": "summary",
    "kind": "kind",
    "source": "source",
}
SCALE_FIELDS = {
    "min": "lowest scale value",
    "max": "highest scale value",
    "labels": "scale labels",
    "question": "scale question",
}
DIMENSION_FIELDS = {
    "title": "title",
    "description": "description",
    "source": "source",
    "guidance": "guidance",
    "local_context": "local context",
}
BAND_FIELDS = {"lower": "lower bound", "colour": "colour", "meaning": "meaning"}
WORDING_FIELDS = {"statement": "statement", "help": "hint"}
SCORING_FIELDS = {
    "reverse_scored": "reverse scored",
    "weight": "weight",
    "response": "response type",
    "allows_not_applicable": "offers 'Not applicable / don't know'",
}


@dataclass(frozen=True)
class FieldChange:
    """One field's value before and after, as text a person reads."""

    field: str
    old: str
    new: str

    def __str__(self):
        return f"{self.field}: {self.old} → {self.new}"


@dataclass(frozen=True)
class ItemChange:
    key: str
    statement: str  # the newer statement (the older one for a removed item)
    dimension: str  # title of the dimension it is in (newer side; older for removed)
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class DimensionChange:
    key: str
    title: str
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class VersionDiff:
    """The differences from ``old_version`` to ``new_version`` of one framework."""

    old_version: int | None
    new_version: int | None
    framework: tuple[FieldChange, ...] = ()
    bands: tuple[FieldChange, ...] = ()
    dimensions_added: tuple[DimensionChange, ...] = ()
    dimensions_removed: tuple[DimensionChange, ...] = ()
    dimensions_changed: tuple[DimensionChange, ...] = ()
    items_added: tuple[ItemChange, ...] = ()
    items_removed: tuple[ItemChange, ...] = ()
    items_reworded: tuple[ItemChange, ...] = ()
    items_rescored: tuple[ItemChange, ...] = ()
    items_moved: tuple[ItemChange, ...] = ()
    counts: dict = field(default_factory=dict, compare=False)

    @property
    def is_empty(self) -> bool:
        return not any(self.counts.values())

    def summary(self) -> str:
        """'3 items added, 1 removed, 12 reworded, ...' or 'no differences'."""
        parts = [
            f"{n} {_singular(label) if n == 1 else label}" for label, n in self.counts.items() if n
        ]
        return ", ".join(parts) if parts else "no differences"

    def lines(self) -> list[str]:
        """Every change, one line each, for a command's output."""
        out = [f"framework {c}" for c in self.framework]
        out += [f"score band {c}" for c in self.bands]
        out += [f"dimension added: {d.title} [{d.key}]" for d in self.dimensions_added]
        out += [f"dimension removed: {d.title} [{d.key}]" for d in self.dimensions_removed]
        for d in self.dimensions_changed:
            out += [f"dimension changed: {d.title} [{d.key}]: {c.field}" for c in d.changes]
        for label, items in (
            ("item added", self.items_added),
            ("item removed", self.items_removed),
        ):
            out += [f"{label}: [{i.key}] {i.statement}" for i in items]
        for label, items in (
            ("item reworded", self.items_reworded),
            ("item rescored", self.items_rescored),
            ("item moved", self.items_moved),
        ):
            for i in items:
                out += [f"{label}: [{i.key}] {c}" for c in i.changes]
        return out


PLURAL_WORDS = {"fields": "field", "changes": "change", "dimensions": "dimension", "items": "item"}


def _singular(label: str) -> str:
    """'items added' -> 'item added', 'score band changes' -> 'score band change'."""
    return " ".join(PLURAL_WORDS.get(word, word) for word in label.split(" "))


def _text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, list):
        return " / ".join(str(v) for v in value) or "(none)"
    if value in (None, ""):
        return "(none)"
    return str(value)


def _changes(old: dict, new: dict, fields: dict[str, str]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(label, _text(old.get(name)), _text(new.get(name)))
        for name, label in fields.items()
        if old.get(name) != new.get(name)
    )


def _items(data: dict) -> dict[str, tuple[dict, dict]]:
    return {i["key"]: (i, d) for d in data["dimensions"] for i in d["items"]}


def compare(old: dict, new: dict) -> VersionDiff:
    """The differences from content ``old`` to content ``new`` (one framework's two versions)."""
    framework = _changes(old, new, FRAMEWORK_FIELDS)
    framework += _changes(old.get("scale") or {}, new.get("scale") or {}, SCALE_FIELDS)

    old_bands = {b["label"]: b for b in old["bands"]}
    new_bands = {b["label"]: b for b in new["bands"]}
    bands = tuple(
        FieldChange(f"‘{label}’", "(none)", f"from {b['lower']}")
        for label, b in new_bands.items()
        if label not in old_bands
    )
    bands += tuple(
        FieldChange(f"‘{label}’", f"from {b['lower']}", "(removed)")
        for label, b in old_bands.items()
        if label not in new_bands
    )
    for label, b in new_bands.items():
        if label in old_bands:
            bands += tuple(
                FieldChange(f"‘{label}’ {c.field}", c.old, c.new)
                for c in _changes(old_bands[label], b, BAND_FIELDS)
            )

    old_dims = {d["key"]: (position, d) for position, d in enumerate(old["dimensions"], 1)}
    new_dims = {d["key"]: (position, d) for position, d in enumerate(new["dimensions"], 1)}
    added_dims = tuple(
        DimensionChange(k, d["title"]) for k, (_, d) in new_dims.items() if k not in old_dims
    )
    removed_dims = tuple(
        DimensionChange(k, d["title"]) for k, (_, d) in old_dims.items() if k not in new_dims
    )
    changed_dims = []
    for key, (position, d) in new_dims.items():
        if key not in old_dims:
            continue
        old_position, before = old_dims[key]
        changes = _changes(before, d, DIMENSION_FIELDS)
        if old_position != position:
            changes += (FieldChange("position", str(old_position), str(position)),)
        for label in sorted(set(before["advice"]) | set(d["advice"])):
            if before["advice"].get(label) != d["advice"].get(label):
                changes += (
                    FieldChange(
                        f"advice for ‘{label}’",
                        _text(before["advice"].get(label)),
                        _text(d["advice"].get(label)),
                    ),
                )
        if changes:
            changed_dims.append(DimensionChange(key, d["title"], changes))

    old_items, new_items = _items(old), _items(new)
    added = tuple(
        ItemChange(k, i["statement"], d["title"])
        for k, (i, d) in new_items.items()
        if k not in old_items
    )
    removed = tuple(
        ItemChange(k, i["statement"], d["title"])
        for k, (i, d) in old_items.items()
        if k not in new_items
    )
    reworded, rescored, moved = [], [], []
    for key, (item, dimension) in new_items.items():
        if key not in old_items:
            continue
        before, old_dimension = old_items[key]
        where = dimension["title"]
        if wording := _changes(before, item, WORDING_FIELDS):
            reworded.append(ItemChange(key, item["statement"], where, wording))
        if scoring := _changes(before, item, SCORING_FIELDS):
            rescored.append(ItemChange(key, item["statement"], where, scoring))
        if old_dimension["key"] != dimension["key"]:
            change = FieldChange("dimension", old_dimension["title"], dimension["title"])
            moved.append(ItemChange(key, item["statement"], where, (change,)))

    counts = {
        "framework fields changed": len(framework),
        "score band changes": len(bands),
        "dimensions added": len(added_dims),
        "dimensions removed": len(removed_dims),
        "dimensions changed": len(changed_dims),
        "items added": len(added),
        "items removed": len(removed),
        "items reworded": len(reworded),
        "items rescored": len(rescored),
        "items moved": len(moved),
    }
    return VersionDiff(
        old_version=old.get("version"),
        new_version=new.get("version"),
        framework=framework,
        bands=bands,
        dimensions_added=added_dims,
        dimensions_removed=removed_dims,
        dimensions_changed=tuple(changed_dims),
        items_added=added,
        items_removed=removed,
        items_reworded=tuple(reworded),
        items_rescored=tuple(rescored),
        items_moved=tuple(moved),
        counts=counts,
    )
