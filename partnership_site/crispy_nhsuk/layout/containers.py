from crispy_forms import layout as crispy_forms_layout
from crispy_forms.utils import TEMPLATE_PACK, flatatt
from django.template.loader import render_to_string

from .constants import Size


class Div(crispy_forms_layout.Div):
    """The crispy-forms ``Div``: wraps layout objects in a ``<div>``."""


class Fieldset(crispy_forms_layout.LayoutObject):
    """
    Group fields in an NHS.UK fieldset: ``<fieldset class="nhsuk-fieldset">``
    with a ``<legend class="nhsuk-fieldset__legend">``.

    Example::

        Fieldset(
            Field.text("address_line_1"),
            Field.text("postcode", field_width=Fixed.TEN),
            legend="What is your address?",
            legend_size=Size.LARGE,
            legend_tag="h1",
        )

    Args:
        *fields: field names or layout objects.
        legend (str, optional): the legend text; escaped unless marked safe.
        legend_size (str, optional): ``Size.SMALL``, ``MEDIUM``, ``LARGE`` or
            ``EXTRA_LARGE``.
        legend_tag (str, optional): wrap the legend text in this heading tag,
            for example ``"h1"`` when the legend is the page heading.
        css_id (str, optional), css_class (str, optional): extra id / classes
            for the ``<fieldset>``.
        template (str, optional): a template to use instead of the pack's.
        **kwargs: other attributes for the ``<fieldset>``.
    """

    css_class = "nhsuk-fieldset"
    template = "%s/layout/fieldset.html"

    def __init__(self, *fields, legend=None, legend_size=None, legend_tag=None, **kwargs):
        self.fields = list(fields)
        self.context = {}
        if legend:
            self.context["legend"] = legend
        if legend_size:
            self.context["legend_size"] = Size.for_legend(legend_size)
        if legend_tag:
            self.context["legend_tag"] = legend_tag
        css_class = kwargs.pop("css_class", None)
        self.css_class = f"{self.css_class} {css_class}" if css_class else self.css_class
        self.css_id = kwargs.pop("css_id", None)
        self.template = kwargs.pop("template", None) or self.template
        self.flat_attrs = flatatt(kwargs)

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        template_context = {"fieldset": self, "fields": fields}
        template_context.update(self.context)
        return render_to_string(self.get_template_name(template_pack), template_context)
