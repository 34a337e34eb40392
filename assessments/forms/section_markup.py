"""What the questionnaire section template needs of each question, worked out in Python.

``templates/assessments/questionnaire/includes/questions.html`` renders a section's items in
one template loop; it replaced a crispy layout that rendered about 30 nested templates per
item, which was four fifths of the page's time (ADR 0038). The markup is the NHS.UK crispy
pack's (``templates/nhsuk/field.html`` and the radios, textarea, label, hint, error and
character count templates it includes), element for element: this module computes what
those templates compute (ids, ``aria-describedby``, error ids, the character count limit,
which radio is checked), and tests/assessments/forms/test_questionnaire_markup.py renders
the same forms both ways and compares the HTML.

Shapes: a ``Question`` per item, in page order; its ``rating`` (radios) and ``comment``
(textarea in a details component) for a rated item, or ``text`` (textarea) for a free-text
item, each a ``FieldMarkup``. Nothing here queries the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.forms import BoundField
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from partnership_site.crispy_nhsuk.layout import character_limit

# Widget attributes the pack writes itself (or leaves out, as ``maxlength``), so its
# attrs.html skips them: the same lists as radio_item.html and textarea.html.
RADIO_WRITTEN = frozenset({"id", "class", "checked", "required", "aria-describedby"})
TEXTAREA_WRITTEN = frozenset({"id", "class", "aria-describedby", "maxlength"})


@dataclass(frozen=True)
class RadioOption:
    """One radio: ``value`` is the choice's value as a string; ``hint`` and ``divider`` come
    from a ``crispy_nhsuk.choices.Choice`` label."""

    id: str
    value: str
    label: str
    checked: bool
    hint: str | None
    divider: str | None
    attrs: SafeString  # any other widget attributes, such as aria-invalid="true"


@dataclass(frozen=True)
class FieldMarkup:
    """One form field as the pack renders it. ``errors`` are (element id, message) pairs:
    ``<id>-error``, then ``<id>-error-2``… as nhsuk/layout/field_errors.html numbers them."""

    name: str
    id: str
    label: str
    help_text: str
    errors: tuple[tuple[str, str], ...]
    describedby: str  # the aria-describedby value, or "" for none
    max_characters: int | None = None  # the character count component's limit
    options: tuple[RadioOption, ...] = ()  # radios only
    value: str | None = None  # textareas only: the text shown
    attrs: SafeString = SafeString("")  # textareas only: rows, cols, aria-invalid…


@dataclass(frozen=True)
class Question:
    """One item of the page: ``css_id`` is the anchor check answers links to (``item-<id>``)."""

    css_id: str
    rating: FieldMarkup | None = None
    comment: FieldMarkup | None = None
    comment_open: bool = False  # the details component starts open when it holds something
    summary_context: str = ""  # read by screen readers after "Add evidence or an example"
    text: FieldMarkup | None = None


def widget_attrs(attrs: Mapping[str, object], written: Iterable[str]) -> SafeString:
    """The attributes nhsuk/layout/attrs.html writes: those not in ``written``, in order,
    ``name="value"`` (escaped), a bare ``name`` for True, nothing for False or None."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if name not in written and value is not False and value is not None
        ),
    )


def _errors(bound: BoundField) -> tuple[tuple[str, str], ...]:
    return tuple(
        (f"{bound.auto_id}-error" if number == 1 else f"{bound.auto_id}-error-{number}", message)
        for number, message in enumerate(bound.errors, start=1)
    )


def _describedby(bound: BoundField, errors, prefix: str = "") -> str:
    """nhsuk/layout/describedby.html: the prefix, the hint's id, then each error's id."""
    parts = [prefix] if prefix else []
    if bound.help_text:
        parts.append(f"{bound.auto_id}-hint")
    parts.extend(error_id for error_id, _ in errors)
    return " ".join(parts)


def radios(bound: BoundField) -> FieldMarkup:
    """A RadioSelect field in an NHS.UK fieldset (nhsuk/layout/radios.html)."""
    errors = _errors(bound)
    options = []
    for subwidget in bound.subwidgets:
        choice = subwidget.data
        label = choice["label"]
        options.append(
            RadioOption(
                id=choice["attrs"]["id"],
                value=str(choice["value"]),
                label=label,
                checked=bool(choice["selected"]),
                hint=getattr(label, "hint", None),
                divider=getattr(label, "divider", None),
                attrs=widget_attrs(choice["attrs"], RADIO_WRITTEN),
            )
        )
    return FieldMarkup(
        name=bound.html_name,
        id=bound.auto_id,
        label=bound.label,
        help_text=bound.help_text,
        errors=errors,
        describedby=_describedby(bound, errors),
        options=tuple(options),
    )


def textarea(bound: BoundField) -> FieldMarkup:
    """A Textarea field (nhsuk/layout/textarea.html), with the character count component
    where the pack would give it one (``crispy_nhsuk.layout.character_limit``)."""
    errors = _errors(bound)
    limit = character_limit(bound.field)
    widget = bound.subwidgets[0].data
    return FieldMarkup(
        name=widget["name"],
        id=bound.auto_id,
        label=bound.label,
        help_text=bound.help_text,
        errors=errors,
        describedby=_describedby(bound, errors, prefix=f"{bound.auto_id}-info" if limit else ""),
        max_characters=limit,
        value=widget["value"],
        attrs=widget_attrs(widget["attrs"], TEXTAREA_WRITTEN),
    )
