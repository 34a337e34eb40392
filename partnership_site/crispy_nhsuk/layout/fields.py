from crispy_forms import layout as crispy_forms_layout
from crispy_forms.utils import TEMPLATE_PACK
from django.utils.html import conditional_escape

from .constants import Fixed, Fluid, Size


class Field(crispy_forms_layout.LayoutObject):
    """
    A layout object for one or more fields, with class methods that set the
    options of each NHS.UK component::

        Field.text("name", label_size=Size.MEDIUM, field_width=Fixed.TWENTY,
                   autocomplete="name")
        Field.textarea("comments", rows=5, max_characters=500)
        Field.select("region")
        Field.radios("role", legend_size=Size.LARGE, legend_tag="h1", inline=True)
        Field.checkboxes("topics", legend_size=Size.MEDIUM, small=True)
        Field.checkbox("agree")

    Keyword arguments that are not options become attributes of the widget
    (``autocomplete="email"``, ``spellcheck="false"``, ``data_x="1"``);
    underscores become dashes.

    Args:
        *fields: the names of the fields.
        css_class (str, optional): extra classes for the widget.
        context (dict, optional): extra template context for the field.
        template (str, optional): a template to use instead of ``nhsuk/field.html``.
        **kwargs: attributes added to the widget.
    """

    template = "%s/field.html"

    @classmethod
    def checkbox(cls, field, small=False, **kwargs):
        """A single checkbox (a ``BooleanField``), labelled by the field's label."""
        return cls(field, context={"checkboxes_small": small}, **kwargs)

    @classmethod
    def checkboxes(
        cls, field, legend_size=None, legend_tag=None, small=False, inline=False, **kwargs
    ):
        """
        Checkboxes in a fieldset for a field with a ``CheckboxSelectMultiple``
        widget. The field's label is the legend; ``legend_tag="h1"`` makes it
        the page heading.
        """
        context = _legend_context(legend_size, legend_tag)
        context["checkboxes_small"] = small
        context["checkboxes_inline"] = inline
        return cls(field, context=context, **kwargs)

    @classmethod
    def radios(cls, field, legend_size=None, legend_tag=None, small=False, inline=False, **kwargs):
        """
        Radios in a fieldset for a field with a ``RadioSelect`` widget. The
        field's label is the legend; ``legend_tag="h1"`` makes it the page
        heading. ``inline=True`` is for two short options such as Yes and No.
        """
        context = _legend_context(legend_size, legend_tag)
        context["radios_small"] = small
        context["radios_inline"] = inline
        return cls(field, context=context, **kwargs)

    @classmethod
    def select(cls, field, label_size=None, label_tag=None, **kwargs):
        """A ``<select class="nhsuk-select">``."""
        return cls(field, context=_label_context(label_size, label_tag), **kwargs)

    @classmethod
    def text(cls, field, label_size=None, label_tag=None, field_width=None, **kwargs):
        """
        A text input (also email, number, password, tel, url...).

        Args:
            field_width: a fixed width in characters (``Fixed.TWENTY`` or
                2, 3, 4, 5, 10, 20, 30) or a fluid width (``Fluid.ONE_HALF``...).
        """
        if field_width:
            if isinstance(field_width, int):
                width_class = Fixed.for_input(field_width)
            else:
                width_class = Fluid.for_input(field_width)
            css_class = kwargs.pop("css_class", None)
            kwargs["css_class"] = f"{width_class} {css_class}" if css_class else width_class
        return cls(field, context=_label_context(label_size, label_tag), **kwargs)

    @classmethod
    def textarea(
        cls,
        field,
        label_size=None,
        label_tag=None,
        rows=5,
        max_characters=None,
        max_words=None,
        threshold=None,
        **kwargs,
    ):
        """
        A ``<textarea class="nhsuk-textarea">`` with ``rows`` rows (5 by
        default, as the NHS.UK frontend). Give ``max_characters`` or
        ``max_words`` (and optionally a ``threshold`` percentage) to render the
        character count component.
        """
        context = _label_context(label_size, label_tag)
        kwargs["rows"] = rows
        if max_characters and max_words:
            raise ValueError("Cannot set max_characters and max_words at the same time.")
        if threshold and not max_characters and not max_words:
            raise ValueError(
                "Cannot set the typing threshold without setting the maximum "
                "number of characters or words."
            )
        if max_characters or max_words:
            if max_characters:
                context["max_characters"] = max_characters
            else:
                context["max_words"] = max_words
            if threshold:
                context["threshold"] = threshold
            css_class = kwargs.pop("css_class", None)
            kwargs["css_class"] = (
                f"nhsuk-js-character-count {css_class}" if css_class else "nhsuk-js-character-count"
            )
        return cls(field, context=context, **kwargs)

    def __init__(self, *fields, css_class=None, context=None, template=None, **kwargs):
        self.fields = list(fields)
        self.attrs = {}
        self.context = {}
        if css_class:
            self.add_class(css_class)
        if context:
            self.context.update(context)
        if template:
            self.template = template
        self.add_attributes(**kwargs)

    def add_field(self, field):
        self.fields.append(field)

    def add_class(self, css_class):
        if "class" in self.attrs:
            self.attrs["class"] += " " + css_class
        else:
            self.attrs["class"] = css_class

    def add_context(self, **kwargs):
        self.context.update(kwargs)

    def add_attributes(self, **kwargs):
        self.attrs.update({k.replace("_", "-"): conditional_escape(v) for k, v in kwargs.items()})

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        attrs, extra_context = self.attrs, self.context
        limit = _character_limit(form, self.fields) if len(self.fields) == 1 else None
        if limit and "max_characters" not in extra_context and "max_words" not in extra_context:
            extra_context = {**extra_context, "max_characters": limit}
            css_class = attrs.get("class")
            attrs = {
                **attrs,
                "class": f"nhsuk-js-character-count {css_class}"
                if css_class
                else "nhsuk-js-character-count",
            }
        return self.get_rendered_fields(
            form,
            context,
            template_pack,
            template=self.get_template_name(template_pack),
            attrs=attrs,
            extra_context=extra_context,
            **kwargs,
        )


# Text fields limited to at least this many characters (names, titles, comments, free text)
# get the NHS.UK character count component, which states the limit and counts down as
# people type. Shorter limits (codes, date parts) are stated by their format.
CHARACTER_COUNT_FROM = 100


def _character_limit(form, names) -> int | None:
    """The character count limit (``character_limit``) of the one field ``names`` holds."""
    field = form.fields.get(names[0]) if hasattr(form, "fields") else None
    return character_limit(field) if field is not None else None


def character_limit(field) -> int | None:
    """The limit to show with the character count component for a form field, or None: a
    text input or textarea whose ``max_length`` is at least ``CHARACTER_COUNT_FROM``
    (email addresses excepted).

    The widget never gets a ``maxlength`` attribute (nhsuk/layout/attrs.html leaves it out):
    a browser would cut pasted text short without saying so. The form refuses text over the
    limit with an error and shows what was typed, and the component counts down."""
    limit = getattr(field, "max_length", None)
    if not limit or limit < CHARACTER_COUNT_FROM:
        return None
    widget = field.widget
    is_textarea = widget.template_name == "django/forms/widgets/textarea.html"
    if is_textarea or getattr(widget, "input_type", None) == "text":
        return limit
    return None


class Hidden(crispy_forms_layout.Hidden):
    """A hidden ``<input>`` that is not a form field (crispy-forms' ``Hidden``)."""


def _label_context(label_size, label_tag):
    context = {}
    if label_size:
        context["label_size"] = Size.for_label(label_size)
    if label_tag:
        context["label_tag"] = label_tag
    return context


def _legend_context(legend_size, legend_tag):
    context = {}
    if legend_size:
        context["legend_size"] = Size.for_legend(legend_size)
    if legend_tag:
        context["legend_tag"] = legend_tag
    return context
