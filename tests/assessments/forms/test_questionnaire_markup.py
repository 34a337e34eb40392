"""The questionnaire section's questions render exactly what the NHS.UK crispy pack renders.

``templates/assessments/questionnaire/includes/questions.html`` renders a section's items in
one template loop (ADR 0038) instead of a crispy layout that renders a template per field.
These tests render the same forms both ways and compare the HTML (``assertHTMLEqual``:
whitespace and attribute order aside, the same elements, attributes and text): the crispy
reference below is the layout ``SectionForm`` used before, field for field, so any drift
from the pack's markup (fieldset and legend, hints, error messages and their ids,
aria-describedby, the character count, the details component) fails here.
"""

import pytest
from crispy_forms.layout import Div
from crispy_forms.utils import TEMPLATE_PACK, render_crispy_form
from django.template.loader import render_to_string
from django.test import SimpleTestCase
from django.utils.html import format_html

from assessments.forms.questionnaire import SectionForm, _short
from assessments.models import Answer
from frameworks.models import FrameworkKind, Item, ResponseType
from partnership_site.crispy_nhsuk.helper import FormHelper
from partnership_site.crispy_nhsuk.layout import HTML, Field, Layout, Size
from tests.factories import build_framework

pytestmark = pytest.mark.django_db

SECTION_BREAK = (
    '<hr class="nhsuk-section-break nhsuk-section-break--m nhsuk-section-break--visible">'
)


class ReferenceDetails(Div):
    """The NHS.UK details component around fields, as the crispy layout rendered it."""

    def __init__(self, *fields, summary, summary_context, open):
        super().__init__(*fields)
        self.summary, self.summary_context, self.open = summary, summary_context, open

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        return format_html(
            '<details class="nhsuk-details"{}><summary class="nhsuk-details__summary">'
            '<span class="nhsuk-details__summary-text">{}<span class="nhsuk-u-visually-hidden">'
            " {}</span></span></summary>"
            '<div class="nhsuk-details__text">{}</div></details>',
            " open" if self.open else "",
            self.summary,
            self.summary_context,
            fields,
        )


def crispy_reference(form: SectionForm) -> str:
    """The section's fields laid out with the NHS.UK crispy pack, one template per field."""
    layout = []
    for index, item in enumerate(form.items):
        if index:
            layout.append(HTML(SECTION_BREAK))
        if item.is_scored:
            comment = f"comment_{item.pk}"
            layout.append(
                Div(
                    Field.radios(f"item_{item.pk}", legend_size=Size.SMALL, legend_tag="h2"),
                    ReferenceDetails(
                        Field.textarea(comment, rows=3),
                        summary="Add evidence or an example",
                        summary_context=f"for ‘{_short(item)}’",
                        open=bool(form[comment].value()) or bool(form[comment].errors),
                    ),
                    css_id=f"item-{item.pk}",
                    css_class="app-question",
                )
            )
        else:
            layout.append(
                Div(
                    Field.textarea(
                        f"text_{item.pk}", label_size=Size.SMALL, label_tag="h2", rows=5
                    ),
                    css_id=f"item-{item.pk}",
                    css_class="app-question",
                )
            )
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*layout)
    return render_crispy_form(form, helper=helper)


def rendered(form: SectionForm) -> str:
    return render_to_string("assessments/questionnaire/includes/questions.html", {"form": form})


def assert_same_markup(make_form):
    """Render a form from ``make_form()`` both ways: two forms, because crispy-forms changes
    the widgets' attributes as it renders and Django caches a field's subwidgets."""
    case = SimpleTestCase()
    case.maxDiff = None
    case.assertHTMLEqual(rendered(make_form()), crispy_reference(make_form()))


@pytest.fixture
def framework():
    framework = build_framework(
        sections=(4,), text_items=(1,), scale_question="How far do you agree?"
    )
    items = section_items(framework)
    Item.objects.filter(pk=items[0].pk).update(help_text="Think of the last <b>year</b> & more.")
    Item.objects.filter(pk=items[1].pk).update(allows_not_applicable=False)
    Item.objects.filter(pk=items[2].pk).update(statement="Partners <share> data & plans.")
    Item.objects.filter(pk=items[4].pk).update(help_text="In your own words.")
    return framework


def section_items(framework):
    return list(Item.objects.filter(dimension__framework=framework).order_by("position"))


def form_for(framework, data=None, answers=None):
    return SectionForm(
        data, framework=framework, items=section_items(framework), answers=answers or {}
    )


def test_a_blank_page(framework):
    assert_same_markup(lambda: form_for(framework))


def test_a_page_with_answers_given(framework):
    rated, strict, third, fourth, written = section_items(framework)
    answers = {
        rated.pk: Answer(item=rated, value=2, comment="We met twice."),
        third.pk: Answer(item=third, value=None),
        fourth.pk: Answer(item=fourth, value=5, comment=""),
        written.pk: Answer(item=written, text="Our joint clinic <worked>."),
    }
    html = rendered(form_for(framework, answers=answers))
    assert html.count(" open>") == 1  # only the comment with content is open
    assert html.count(" checked") == 3
    assert_same_markup(lambda: form_for(framework, answers=answers))


def test_a_page_shown_again_with_every_kind_of_error(framework):
    rated, strict, third, fourth, written = section_items(framework)
    data = {
        f"item_{rated.pk}": "9",  # not a choice
        f"initial-item_{rated.pk}": "",
        f"comment_{strict.pk}": "Evidence without an answer",  # needs a rating
        f"item_{third.pk}": "3",
        f"comment_{third.pk}": "x" * 2001,  # too long
        f"item_{fourth.pk}": "na",
        f"text_{written.pk}": "y" * 5001,  # too long
    }

    def make_form():
        form = form_for(framework, data=data)
        assert not form.is_valid()
        form.add_error(f"item_{rated.pk}", "A second message for the same question")
        return form

    html = rendered(make_form())
    assert f'id="id_item_{rated.pk}-error-2"' in html
    assert html.count('aria-invalid="true"') == 6 + 5 + 1 + 1  # radios, radios, textareas
    assert_same_markup(make_form)


def test_a_page_with_kept_answers_and_no_hints(framework):
    Item.objects.filter(dimension__framework=framework).update(help_text="")
    framework.scale_question = ""
    rated, strict, third, fourth, written = section_items(framework)
    data = {
        f"item_{rated.pk}": "1",
        f"comment_{rated.pk}": "Kept",
        f"item_{strict.pk}": "5",
        f"text_{written.pk}": "Kept text",
    }
    assert form_for(framework, data=data).is_valid()
    assert "aria-describedby" not in rendered(form_for(framework, data=data)).replace(
        'aria-describedby="id_comment', ""
    ).replace('aria-describedby="id_text', "")
    assert_same_markup(lambda: form_for(framework, data=data))


def test_a_checklist_page():
    checklist = build_framework(
        sections=(3,),
        kind=FrameworkKind.CHECKLIST,
        scale_min=0,
        scale_max=2,
        scale_labels=["No", "Partly", "Yes"],
    )
    first = section_items(checklist)[0]
    answers = {first.pk: Answer(item=first, value=0)}
    assert_same_markup(lambda: form_for(checklist, answers=answers))


def test_a_page_of_written_answers_only():
    framework = build_framework(sections=(0,), text_items=(1,), kind=FrameworkKind.REFLECTION)
    assert [item.response_type for item in section_items(framework)] == [ResponseType.TEXT]
    assert_same_markup(lambda: form_for(framework))
