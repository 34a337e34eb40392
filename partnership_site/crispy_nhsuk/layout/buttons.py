from crispy_forms.layout import BaseInput
from django.utils.text import slugify


class Button(BaseInput):
    """
    An NHS.UK button: ``<button class="nhsuk-button" data-module="nhsuk-button"
    type="submit">``.

    Use the class methods for the variants::

        Button.primary("save", "Save and continue")
        Button.secondary("draft", "Save as draft")
        Button.warning("delete", "Delete assessment")
        Button.reverse("continue", "Continue")  # for dark backgrounds

    Args:
        name (str): the ``name`` of the button, submitted with the form so the
            view can tell which button was pressed. The ``id`` defaults to
            ``id_<slugified name>``.
        value (str): the button text. It is rendered as a template, so it can
            use the page's context.
        disabled (bool): render the button ``disabled`` with
            ``aria-disabled="true"``.
        prevent_double_click (bool): add ``data-prevent-double-click="true"``.
        input_type (str): the ``type`` attribute, ``"submit"`` by default.
        css_id, css_class, template: as for crispy-forms' ``BaseInput``.
        **kwargs: other attributes for the ``<button>``; underscores become
            dashes.
    """

    template = "%s/layout/button.html"
    field_classes = "nhsuk-button"
    input_type = "submit"
    # Tells nhsuk/inputs.html to render a <button> for FormHelper.add_input().
    is_button = True

    @classmethod
    def primary(cls, name, value, disabled=False, **kwargs):
        return cls(name, value, disabled=disabled, **kwargs)

    @classmethod
    def secondary(cls, name, value, disabled=False, **kwargs):
        return cls._variant("nhsuk-button--secondary", name, value, disabled, kwargs)

    @classmethod
    def warning(cls, name, value, disabled=False, **kwargs):
        return cls._variant("nhsuk-button--warning", name, value, disabled, kwargs)

    @classmethod
    def reverse(cls, name, value, disabled=False, **kwargs):
        return cls._variant("nhsuk-button--reverse", name, value, disabled, kwargs)

    @classmethod
    def _variant(cls, variant, name, value, disabled, kwargs):
        css_class = kwargs.pop("css_class", None)
        css_class = f"{variant} {css_class}" if css_class else variant
        return cls(name, value, disabled=disabled, css_class=css_class, **kwargs)

    def __init__(
        self,
        name,
        value,
        disabled=False,
        prevent_double_click=False,
        input_type=None,
        **kwargs,
    ):
        if input_type:
            self.input_type = input_type
        if disabled:
            kwargs["disabled"] = True
            kwargs["aria-disabled"] = "true"
        if prevent_double_click:
            kwargs["data-prevent-double-click"] = "true"
        if not kwargs.get("css_id"):
            kwargs["css_id"] = f"id_{slugify(name)}"
        super().__init__(name, value, data_module="nhsuk-button", **kwargs)


class Submit(BaseInput):
    """
    An NHS.UK button rendered as ``<input type="submit">``. Prefer ``Button``,
    which renders a ``<button>`` as the NHS.UK frontend does by default.
    """

    input_type = "submit"
    field_classes = "nhsuk-button"

    def __init__(self, name, value, **kwargs):
        super().__init__(name, value, data_module="nhsuk-button", **kwargs)
