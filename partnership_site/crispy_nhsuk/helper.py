from crispy_forms import helper as crispy_forms_helper
from crispy_forms.utils import TEMPLATE_PACK

from .layout.constants import Size


class FormHelper(crispy_forms_helper.FormHelper):
    """
    The crispy-forms ``FormHelper`` with the settings used by the ``nhsuk``
    template pack.

    Attributes:
        error_summary (bool): render an NHS.UK error summary (a list of links
            to each field in error) at the top of ``{% crispy form %}``,
            before the ``<form>`` tag. The default is ``False``; set it to
            ``True``, or put an ``ErrorSummary()`` first in the layout, or
            include ``nhsuk/layout/error_summary.html`` in the page. Non-field
            errors are listed in the summary. Any plain crispy ``FormHelper``
            with an ``error_summary = True`` instance attribute works too.

        show_non_field_errors (bool): render the non-field errors in their own
            error summary box above a form with a layout. The default is
            ``False`` because the error summary lists them.

        html5_required (bool): when ``False`` (the default) the form is
            rendered without ``required`` attributes, as the GOV.UK pack does,
            so that the browser's own validation does not pre-empt the NHS.UK
            error messages and summary. Set to ``True`` to keep Django's
            ``required`` attributes. Applies when the helper has a layout
            (``FormHelper(form)`` or ``helper.layout = Layout(...)``).

        label_size (str): default size for every ``<label>``: ``Size.SMALL``,
            ``Size.MEDIUM``, ``Size.LARGE`` or ``Size.EXTRA_LARGE``.

        legend_size (str): default size for every field ``<legend>``
            (radios, checkboxes).

    Values set on the layout objects (``Field.text(label_size=...)``) override
    these defaults.
    """

    error_summary = False
    show_non_field_errors = False
    html5_required = False
    label_size = ""
    legend_size = ""

    def get_attributes(self, template_pack=TEMPLATE_PACK):
        items = super().get_attributes(template_pack=template_pack)
        items["error_summary"] = self.error_summary
        items["show_non_field_errors"] = self.show_non_field_errors
        items["html5_required"] = self.html5_required
        if self.label_size:
            items["label_size"] = Size.for_label(self.label_size)
        else:
            items.pop("label_size", None)
        if self.legend_size:
            items["legend_size"] = Size.for_legend(self.legend_size)
        else:
            items.pop("legend_size", None)
        return items

    def render_layout(self, form, context, template_pack=TEMPLATE_PACK):
        """:meta private:"""
        # Browser validation of `required` fields would stop the form from being
        # submitted, so the user would never see the NHS.UK error messages.
        form.use_required_attribute = bool(self.html5_required)
        return super().render_layout(form, context, template_pack=template_pack)
