"""The NHS.UK crispy-forms template pack, continued: textareas, selects, buttons, fieldsets,
helper defaults and sizes."""

import pytest
from django import forms

from partnership_site.crispy_nhsuk.helper import FormHelper
from partnership_site.crispy_nhsuk.layout import (
    HTML,
    Button,
    Div,
    ErrorSummary,
    Field,
    Fieldset,
    Fixed,
    Fluid,
    Layout,
    Size,
    Submit,
)
from tests.partnership_site.test_crispy_nhsuk import (
    AddressForm,
    AssessmentForm,
    RegionForm,
    assert_html,
    crispy,
    helper_for,
)


def test_select_with_error():
    form = RegionForm(data={"region": ""})
    form.helper = helper_for("region")

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <label class="nhsuk-label" for="id_region">Region</label>
          <div class="nhsuk-hint" id="id_region-hint">Where most of your practices are</div>
          <span class="nhsuk-error-message" id="id_region-error">
            <span class="nhsuk-u-visually-hidden">Error: </span>Select a region
          </span>
          <select class="nhsuk-select nhsuk-select--error" id="id_region" name="region"
                  aria-describedby="id_region-hint id_region-error">
            <option value="" selected>Select a region</option>
            <option value="north">North East and Yorkshire</option>
            <optgroup label="London">
              <option value="nwl">North West London</option>
              <option value="sel">South East London</option>
            </optgroup>
          </select>
        </div>
        """,
    )


def test_buttons_in_layout_and_helper_inputs():
    form = forms.Form()
    form.helper = FormHelper()
    form.helper.form_action = "/save/"
    form.helper.form_id = "save-form"
    form.helper.layout = Layout(
        Div(
            Button.primary("save", "Save and continue"),
            Button.secondary("draft", "Save as draft"),
            Button.warning("delete", "Delete", disabled=True),
            Button.reverse("back", "Back", prevent_double_click=True, css_class="extra"),
            css_class="nhsuk-button-group",
        )
    )
    form.helper.add_input(Button.secondary("cancel", "Cancel"))
    form.helper.add_input(Submit("send", "Send"))

    assert_html(
        crispy(form, csrf_token="TOKEN"),
        """
        <form action="/save/" id="save-form" method="post">
          <input type="hidden" name="csrfmiddlewaretoken" value="TOKEN">
          <div class="nhsuk-button-group">
            <button class="nhsuk-button" data-module="nhsuk-button" id="id_save" name="save"
                    type="submit">Save and continue</button>
            <button class="nhsuk-button nhsuk-button--secondary" data-module="nhsuk-button"
                    id="id_draft" name="draft" type="submit">Save as draft</button>
            <button class="nhsuk-button nhsuk-button--warning" data-module="nhsuk-button"
                    id="id_delete" name="delete" type="submit" disabled
                    aria-disabled="true">Delete</button>
            <button class="nhsuk-button nhsuk-button--reverse extra" data-module="nhsuk-button"
                    data-prevent-double-click="true" id="id_back" name="back"
                    type="submit">Back</button>
          </div>
          <button class="nhsuk-button nhsuk-button--secondary" data-module="nhsuk-button"
                  id="id_cancel" name="cancel" type="submit">Cancel</button>
          <input type="submit" name="send" value="Send" class="nhsuk-button"
                 id="submit-id-send" data-module="nhsuk-button">
        </form>
        """,
    )


def test_bound_valid_form_has_no_error_markup():
    form = AssessmentForm(
        data={
            "name": "Sam Patel",
            "role": "member",
            "region": "north",
            "topics": ["finance"],
            "consent": "on",
            "comments": "All good",
        }
    )
    assert form.is_valid(), form.errors
    form.helper = helper_for(
        ErrorSummary(),
        Field.text("name"),
        Field.radios("role", inline=True),
        Field.select("region"),
        Field.checkboxes("topics"),
        Field.checkbox("consent"),
        Field.textarea("comments"),
        error_summary=True,
    )

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="id_name">Name</label>
          <div class="nhsuk-hint" id="id_name-hint">Your full name</div>
          <input class="nhsuk-input" id="id_name" name="name" type="text" value="Sam Patel"
                 aria-describedby="id_name-hint">
        </div>
        <div class="nhsuk-form-group">
          <fieldset class="nhsuk-fieldset">
            <legend class="nhsuk-fieldset__legend">Role</legend>
            <div class="nhsuk-radios nhsuk-radios--inline" data-module="nhsuk-radios">
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_role_0" name="role" type="radio"
                       value="lead">
                <label class="nhsuk-label nhsuk-radios__label" for="id_role_0">Lead</label>
              </div>
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_role_1" name="role" type="radio"
                       value="member" checked>
                <label class="nhsuk-label nhsuk-radios__label" for="id_role_1">Member</label>
              </div>
            </div>
          </fieldset>
        </div>
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="id_region">Region</label>
          <div class="nhsuk-hint" id="id_region-hint">Where most of your practices are</div>
          <select class="nhsuk-select" id="id_region" name="region"
                  aria-describedby="id_region-hint">
            <option value="">Select a region</option>
            <option value="north" selected>North East and Yorkshire</option>
            <optgroup label="London">
              <option value="nwl">North West London</option>
              <option value="sel">South East London</option>
            </optgroup>
          </select>
        </div>
        <div class="nhsuk-form-group">
          <fieldset class="nhsuk-fieldset" aria-describedby="id_topics-hint">
            <legend class="nhsuk-fieldset__legend">Which topics do you want to assess?</legend>
            <div class="nhsuk-hint" id="id_topics-hint">Select all that apply</div>
            <div class="nhsuk-checkboxes" data-module="nhsuk-checkboxes">
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_topics_0" name="topics"
                       type="checkbox" value="governance">
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_0">
                  Governance
                </label>
              </div>
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_topics_1" name="topics"
                       type="checkbox" value="finance" checked
                       aria-describedby="id_topics_1-item-hint">
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_1">
                  Finance
                </label>
                <div class="nhsuk-hint nhsuk-checkboxes__hint" id="id_topics_1-item-hint">
                  Budgets and funding
                </div>
              </div>
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_topics_2" name="topics"
                       type="checkbox" value="workforce">
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_2">
                  Workforce
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        <div class="nhsuk-form-group">
          <div class="nhsuk-checkboxes" data-module="nhsuk-checkboxes">
            <div class="nhsuk-checkboxes__item">
              <input class="nhsuk-checkboxes__input" id="id_consent" name="consent"
                     type="checkbox" checked aria-describedby="id_consent-hint">
              <label class="nhsuk-label nhsuk-checkboxes__label" for="id_consent">
                I agree to share my answers with the partnership
              </label>
              <div class="nhsuk-hint nhsuk-checkboxes__hint" id="id_consent-hint">
                You can change this later
              </div>
            </div>
          </div>
        </div>
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="id_comments">Comments</label>
          <textarea class="nhsuk-textarea" id="id_comments" name="comments" cols="40"
                    rows="5">All good</textarea>
        </div>
        """,
    )


def test_fieldset_with_legend_as_page_heading_and_html_content():
    form = AddressForm()
    form.helper = helper_for(
        Fieldset(
            HTML.p("We will send letters here."),
            Field.text("line_1", autocomplete="address-line1"),
            Field.text("postcode", field_width=Fixed.TEN, autocomplete="postal-code"),
            legend="What is the practice address?",
            legend_size=Size.EXTRA_LARGE,
            legend_tag="h1",
            css_id="address",
        ),
        HTML.inset("Use the address registered with the CQC."),
    )

    assert_html(
        crispy(form),
        """
        <fieldset class="nhsuk-fieldset" id="address">
          <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--xl">
            <h1 class="nhsuk-fieldset__heading">What is the practice address?</h1>
          </legend>
          <p class="nhsuk-body">We will send letters here.</p>
          <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="id_line_1">Address line 1</label>
            <input class="nhsuk-input" id="id_line_1" name="line_1" type="text"
                   autocomplete="address-line1">
          </div>
          <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="id_postcode">Postcode</label>
            <input class="nhsuk-input nhsuk-input--width-10" id="id_postcode" name="postcode"
                   type="text" autocomplete="postal-code">
          </div>
        </fieldset>
        <div class="nhsuk-inset-text">
          <span class="nhsuk-u-visually-hidden">Information: </span>
          <p>Use the address registered with the CQC.</p>
        </div>
        """,
    )


def test_helper_default_label_and_legend_sizes():
    form = AssessmentForm()
    form.helper = helper_for(
        "name", Field.radios("role"), label_size=Size.MEDIUM, legend_size=Size.LARGE
    )

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group">
          <label class="nhsuk-label nhsuk-label--m" for="id_name">Name</label>
          <div class="nhsuk-hint" id="id_name-hint">Your full name</div>
          <input class="nhsuk-input" id="id_name" name="name" type="text"
                 aria-describedby="id_name-hint">
        </div>
        <div class="nhsuk-form-group">
          <fieldset class="nhsuk-fieldset">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--l">Role</legend>
            <div class="nhsuk-radios" data-module="nhsuk-radios">
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_role_0" name="role" type="radio"
                       value="lead">
                <label class="nhsuk-label nhsuk-radios__label" for="id_role_0">Lead</label>
              </div>
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_role_1" name="role" type="radio"
                       value="member">
                <label class="nhsuk-label nhsuk-radios__label" for="id_role_1">Member</label>
              </div>
            </div>
          </fieldset>
        </div>
        """,
    )


@pytest.mark.parametrize(
    ("factory", "value"),
    [
        (Size.for_label, "xxl"),
        (Size.for_legend, "big"),
        (Fixed.for_input, 7),
        (Fluid.for_input, "one-fifth"),
    ],
)
def test_invalid_sizes_and_widths_are_rejected(factory, value):
    with pytest.raises(ValueError):
        factory(value)


# -- Limits: the character count component, never a silent cut (issue 17) ---------------


class LimitsForm(forms.Form):
    name = forms.CharField(label="Organisation name", max_length=200)
    code = forms.CharField(label="ODS code", max_length=20, required=False)
    email = forms.EmailField(label="Email", max_length=254, required=False)
    comment = forms.CharField(
        label="Comment", max_length=2000, widget=forms.Textarea, required=False
    )


def limits_form(data=None):
    form = LimitsForm(data=data)
    form.helper = helper_for(
        Field.text("name"), Field.text("code"), Field.text("email"), Field.textarea("comment")
    )
    return form


def test_long_text_fields_get_the_character_count_with_their_limit_stated():
    html = crispy(limits_form())
    for name, limit in [("name", 200), ("comment", 2000)]:
        assert (
            f'class="nhsuk-form-group nhsuk-character-count" data-module="nhsuk-character-count" '
            f'data-maxlength="{limit}"'
        ) in html
        assert f'id="id_{name}-info"' in html
        assert f"You can enter up to {limit} characters" in html
        assert f'aria-describedby="id_{name}-info"' in html
    # Codes and email addresses: no count.
    assert html.count("nhsuk-character-count__message") == 2


def test_no_field_has_a_maxlength_so_nothing_is_cut_without_a_word():
    html = crispy(limits_form())
    assert "maxlength=" not in html.replace("data-maxlength=", "")


def test_over_long_text_is_refused_with_an_error_and_kept():
    typed = "Riverside" + "X" * 2100
    form = limits_form({"name": typed[:250], "code": "", "email": "", "comment": typed})
    assert not form.is_valid()
    assert "at most 200 characters (it has 250)" in form.errors["name"][0]
    assert "at most 2000 characters (it has 2109)" in form.errors["comment"][0]
    html = crispy(form)
    assert f'value="{typed[:250]}"' in html
    assert f">{typed}</textarea>" in html.replace("\n", "")


def test_an_explicit_limit_in_the_layout_wins():
    form = LimitsForm()
    form.helper = helper_for(Field.textarea("comment", max_words=100))
    html = crispy(form)
    assert 'data-maxwords="100"' in html
    assert "data-maxlength" not in html
