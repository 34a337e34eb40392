"""A version's life: draft → published → retired. A new draft is a deep copy of a published
or retired version. Content changes only while no response uses the version: past reports read
their own version, so they never change because content was edited (docs/adr/0006)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.template.defaultfilters import truncatechars
from django.utils import timezone

from frameworks.content_format import framework_to_data, validate
from frameworks.guards import frozen_framework, touched_framework_ids
from frameworks.models import Framework, FrameworkFrozen, FrameworkStatus
from frameworks.services.content import replace_content

POSITION_OFFSET = 20_000  # a position no row holds: rows step aside to it while reordering


def assert_editable(framework: Framework) -> None:
    if framework.is_frozen:
        raise FrameworkFrozen(framework)


def _lock(ids) -> None:
    """Hold the versions' rows until the transaction ends. PostgreSQL then makes a response
    that starts on one of them wait, so a version cannot become frozen mid-edit."""
    list(Framework.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))


def _lock_and_refresh(framework: Framework) -> Framework:
    _lock([framework.pk])
    framework.refresh_from_db()
    return framework


def _as(obj, actor):
    if actor is not None:
        obj._history_user = actor
    return obj


@transaction.atomic
def save_content(*, obj, actor):
    """Save a framework version, or one of its dimensions, items, bands or advice, unless a
    version it belongs to (now or before this change) is used by responses."""
    ids = touched_framework_ids(obj)
    _lock(ids)
    if framework := frozen_framework(ids):
        raise FrameworkFrozen(framework)
    _as(obj, actor).save()
    return obj


@transaction.atomic
def delete_content(*, obj, actor) -> None:
    """Delete a version (or a part of one) that no response uses."""
    ids = touched_framework_ids(obj)
    _lock(ids)
    if framework := frozen_framework(ids):
        raise FrameworkFrozen(framework)
    _as(obj, actor).delete()


@transaction.atomic
def save_parts(*, framework: Framework, saved, deleted, actor) -> None:
    """Save and delete rows of one version together, as an admin edits a table of its
    dimensions, items, bands or advice. Rows may swap positions: those being saved first
    step aside, so no two rows ever hold one position."""
    _lock([framework.pk])
    assert_editable(framework)
    saved, deleted = list(saved), list(deleted)
    for obj in [*saved, *deleted]:
        if touched_framework_ids(obj) - {framework.pk}:
            raise ValidationError(f"{obj} does not belong to {framework}.", code="elsewhere")
    for obj in deleted:
        _as(obj, actor).delete()
    moving = [obj for obj in saved if obj.pk is not None and hasattr(obj, "position")]
    if moving:
        type(moving[0])._base_manager.filter(pk__in=[obj.pk for obj in moving]).update(
            position=F("position") + POSITION_OFFSET
        )
    for obj in saved:
        _as(obj, actor).save()


@transaction.atomic
def publish_version(*, framework: Framework, actor) -> Framework:
    """Publish a draft once its content is complete; every problem is listed if not.

    Publishing retires the older published versions of the same framework, so only the
    newest is offered to new rounds; rounds that use an older version keep it, and their
    reports still read it (issue 17). A draft numbered below the newest published version
    is refused: it would retire a newer one."""
    _lock_and_refresh(framework)
    if framework.status != FrameworkStatus.DRAFT:
        raise ValidationError(
            f"Version {framework.version} is {framework.get_status_display().lower()}; "
            "only a draft can be published.",
            code="not_draft",
        )
    if problems := publish_problems(framework):
        raise ValidationError([ValidationError(p, code="incomplete") for p in problems])
    older = list(
        Framework.objects.select_for_update()
        .filter(
            slug=framework.slug,
            partnership_id=framework.partnership_id,
            status=FrameworkStatus.PUBLISHED,
        )
        .exclude(pk=framework.pk)
        .order_by("version")
    )
    if newer := [f for f in older if f.version > framework.version]:
        raise ValidationError(
            f"Version {newer[-1].version} is published already; publishing version "
            f"{framework.version} would put an older version back in use.",
            code="older_than_published",
        )
    for previous in older:
        previous.status = FrameworkStatus.RETIRED
        _as(previous, actor).save(update_fields=["status", "updated_at"])
    framework.status = FrameworkStatus.PUBLISHED
    framework.published_at = timezone.now()
    _as(framework, actor).save(update_fields=["status", "published_at", "updated_at"])
    return framework


@transaction.atomic
def retire_version(*, framework: Framework, actor) -> Framework:
    """Take a published version out of use for new rounds; its rounds and reports stay."""
    _lock_and_refresh(framework)
    if framework.status != FrameworkStatus.PUBLISHED:
        raise ValidationError(
            f"Version {framework.version} is {framework.get_status_display().lower()}; "
            "only a published version can be retired.",
            code="not_published",
        )
    framework.status = FrameworkStatus.RETIRED
    _as(framework, actor).save(update_fields=["status", "updated_at"])
    return framework


@transaction.atomic
def new_draft_version(*, framework: Framework, actor) -> Framework:
    """A draft copy of a published or retired version (fields, bands, dimensions, items and
    advice), numbered after the highest version of its framework."""
    _lock_and_refresh(framework)
    if framework.status == FrameworkStatus.DRAFT:
        raise ValidationError(
            f"Version {framework.version} is a draft already: edit it.", code="is_draft"
        )
    versions = Framework.objects.select_for_update().filter(slug=framework.slug)
    if draft := versions.filter(status=FrameworkStatus.DRAFT).first():
        raise ValidationError(
            f"Version {draft.version} of this framework is a draft already: edit that one "
            "(or delete it) rather than starting another.",
            code="draft_exists",
        )
    latest = versions.order_by("-version").first()
    copy = Framework(
        slug=framework.slug,
        version=latest.version + 1,
        status=FrameworkStatus.DRAFT,
        previous_version=framework,
    )
    replace_content(copy, framework_to_data(framework), actor=actor)
    return copy


@dataclass(frozen=True)
class Problem:
    """One thing that stops a version being published."""

    location: str  # where in the content format, e.g. "dimensions[1].advice"
    where: str  # the same in words, e.g. "Dimension 2 ‘Trust’, advice"
    message: str

    def __str__(self):
        return f"{self.where}: {self.message}"

    @property
    def dimension_index(self) -> int | None:
        """Which dimension (from 0) the problem is in, if it is in one."""
        match = re.match(r"^dimensions\[(\d+)\]", self.location)
        return int(match[1]) if match else None


def publish_checklist(framework: Framework) -> list[Problem]:
    """What stops a version being published, each with where it is. The rules are those of
    the content files, so every published version can be exported and imported again."""
    data = framework_to_data(framework)
    _, errors = validate(data)
    return [
        Problem(error.location, describe_location(error.location, data), error.message)
        for error in errors
    ]


def publish_problems(framework: Framework) -> list[str]:
    """The checklist as sentences an admin reads: "Dimension 2 ‘Trust’, items: ..."."""
    return [str(problem) for problem in publish_checklist(framework)]


_PART = re.compile(r"^(?P<name>[a-z_]+)\[(?P<index>\d+)\]$")
_FIELD_LABELS = {
    "bands": "score bands",
    "help": "hint",
    "labels": "labels",
    "lower": "lower bound",
    "min": "lowest value",
    "max": "highest value",
    "local_context": "local context",
    "reverse_scored": "reverse scored",
    "allows_not_applicable": "not applicable",
    "response": "response type",
}


def describe_location(location: str, data: dict) -> str:
    """'dimensions[1].items[0].statement' -> "Dimension 2 ‘Title’, item 1 ‘Statement…’,
    statement"."""
    if location in ("", "(file)"):
        return "Framework"
    words, node = [], data
    for part in location.split("."):
        match = _PART.match(part)
        if match is None:
            words.append(_FIELD_LABELS.get(part, part.replace("_", " ")))
            node = node.get(part) if isinstance(node, dict) else None
            continue
        name, index = match["name"], int(match["index"])
        entries = node.get(name) if isinstance(node, dict) else None
        node = entries[index] if isinstance(entries, list) and index < len(entries) else None
        named = node if isinstance(node, dict) else {}
        if name == "dimensions":
            words.append(f"Dimension {index + 1} ‘{named.get('title') or named.get('key', '')}’")
        elif name == "items":
            words.append(f"item {index + 1} ‘{truncatechars(named.get('statement', ''), 40)}’")
        elif name == "bands":
            words.append(f"score band {index + 1} ‘{named.get('label', '')}’")
        else:
            words.append(f"{name} {index + 1}")
    text = ", ".join(words)
    return text[:1].upper() + text[1:]
