"""One version's change history across all its content: who changed what, when, from what to
what. Read from django-simple-history's records of the five content models."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.template.defaultfilters import truncatechars

from frameworks.models import Dimension, DimensionAdvice, Framework, Item, ScoreBand

ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
UNTRACKED = {"id", "created_at", "updated_at"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class ContentChange:
    when: datetime
    who: object
    action: str
    what: str
    changes: list[FieldChange] = field(default_factory=list)
    order: tuple = ()
    kind: str = ""


def _shown(value) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return truncatechars(str(value), 120)


def _fields(model) -> list:
    return [f for f in model._meta.concrete_fields if f.name not in UNTRACKED]


def content_history(framework: Framework) -> list[ContentChange]:
    """Every recorded change to the version and its parts, newest first."""
    dimensions = list(
        Dimension.history.filter(framework_id=framework.pk).select_related("history_user")
    )
    dimension_ids = {record.id for record in dimensions}
    bands = list(ScoreBand.history.filter(framework_id=framework.pk).select_related("history_user"))
    dimension_title = {r.id: r.title for r in sorted(dimensions, key=lambda r: r.history_date)}
    band_label = {r.id: r.label for r in sorted(bands, key=lambda r: r.history_date)}

    def describe(model, record) -> str:
        if model is Framework:
            return f"Framework: {truncatechars(record.title, 60)}"
        if model is ScoreBand:
            return f"Score band ‘{record.label}’"
        if model is Dimension:
            return f"Dimension ‘{truncatechars(record.title, 60)}’"
        if model is Item:
            return (
                f"Item ‘{truncatechars(record.statement, 60)}’ in "
                f"‘{truncatechars(dimension_title.get(record.dimension_id, '?'), 40)}’"
            )
        return (
            f"Advice for ‘{band_label.get(record.band_id, '?')}’ in "
            f"‘{truncatechars(dimension_title.get(record.dimension_id, '?'), 40)}’"
        )

    groups = [
        (Framework, list(Framework.history.filter(id=framework.pk).select_related("history_user"))),
        (ScoreBand, bands),
        (Dimension, dimensions),
        (
            Item,
            list(
                Item.history.filter(dimension_id__in=dimension_ids).select_related("history_user")
            ),
        ),
        (
            DimensionAdvice,
            list(
                DimensionAdvice.history.filter(dimension_id__in=dimension_ids).select_related(
                    "history_user"
                )
            ),
        ),
    ]
    changes = []
    for model, records in groups:
        fields = _fields(model)
        previous = {}
        for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
            before = previous.get(record.id)
            diffs = []
            if record.history_type == "~" and before is not None:
                diffs = [
                    FieldChange(
                        str(f.verbose_name),
                        _shown(getattr(before, f.attname)),
                        _shown(getattr(record, f.attname)),
                    )
                    for f in fields
                    if getattr(before, f.attname) != getattr(record, f.attname)
                ]
            previous[record.id] = record
            if record.history_type == "~" and before is not None and not diffs:
                continue  # saved with nothing changed
            changes.append(
                ContentChange(
                    when=record.history_date,
                    who=record.history_user,
                    action=ACTIONS.get(record.history_type, record.history_type),
                    what=describe(model, record),
                    changes=diffs,
                    order=(record.history_date, model.__name__, record.history_id),
                    kind=KINDS[model],
                )
            )
    return _summarise_bulk(sorted(changes, key=lambda change: change.order, reverse=True))


KINDS = {
    Framework: "framework version",
    ScoreBand: "score band",
    Dimension: "dimension",
    Item: "item",
    DimensionAdvice: "piece of advice",
}
PLURALS = {"piece of advice": "pieces of advice"}
BULK_WINDOW = timedelta(seconds=5)


def _summarise_bulk(changes: list[ContentChange]) -> list[ContentChange]:
    """Rows created together (a copy, an import, a load) become one line with counts."""
    summarised, run = [], []

    def flush():
        if len(run) <= 2:
            summarised.extend(run)
        else:
            counts = Counter(change.kind for change in run)
            parts = [
                f"{counts[kind]} {kind if counts[kind] == 1 else PLURALS.get(kind, kind + 's')}"
                for kind in KINDS.values()
                if counts[kind]
            ]
            first = run[0]
            summarised.append(
                ContentChange(
                    when=first.when,
                    who=first.who,
                    action="Created",
                    what=", ".join(parts),
                    order=first.order,
                    kind="",
                )
            )
        run.clear()

    for change in changes:
        joins = (
            run
            and change.action == "Created"
            and change.who == run[0].who
            and run[-1].when - change.when <= BULK_WINDOW
        )
        if not joins:
            flush()
        if change.action == "Created":
            run.append(change)
        else:
            summarised.append(change)
    flush()
    return summarised
