from crispy_forms.layout import TemplateNameMixin
from crispy_forms.utils import TEMPLATE_PACK
from django.template.loader import render_to_string


class ErrorSummary(TemplateNameMixin):
    """
    Render the NHS.UK error summary for the form: a "There is a problem" box
    with a link to every field in error (``#id_<name>``; for radios and
    checkboxes the first input, ``#id_<name>_0``) and the non-field errors.

    Put it first in the layout so it appears at the top of the form::

        helper.layout = Layout(
            ErrorSummary(),
            Field.text("name"),
            ...
        )

    Nothing is rendered when the form has no errors or when the helper has
    ``form_show_errors = False``.

    Args:
        title (str, optional): the heading; "There is a problem" by default.
        template (str, optional): a template to use instead of the pack's.
    """

    template = "%s/layout/error_summary.html"

    def __init__(self, title=None, template=None):
        self.title = title
        self.template = template or self.template

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        if not context.get("form_show_errors", True):
            return ""
        return render_to_string(
            self.get_template_name(template_pack),
            {"form": form, "error_summary_title": self.title},
        )
