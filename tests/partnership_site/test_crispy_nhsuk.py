"""
Tests for the ``nhsuk`` django-crispy-forms template pack (templates/nhsuk/)
and its layout objects (partnership_site.crispy_nhsuk).

Each test renders a small form and compares the whole fragment with the
expected NHS.UK frontend markup using Django's assertHTMLEqual, which ignores
insignificant whitespace, attribute order and class order.
"""

import pytest
from django import forms
from django.template import Context, Template
from django.test import SimpleTestCase

from partnership_site.crispy_nhsuk.choices import Choice
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

_html = SimpleTestCase()
_html.maxDiff = None


def assert_html(actual, expected):
    _html.assertHTMLEqual(actual, expected)


def render(template_string, **context):
    template = Template("{% load crispy_forms_tags %}" + template_string)
    return template.render(Context(context))


def crispy(form, **context):
    return render("{% crispy form %}", form=form, **context)


def helper_for(*layout, **options):
    helper = FormHelper()
    helper.form_tag = False
    for name, value in options.items():
        setattr(helper, name, value)
    helper.layout = Layout(*layout)
    return helper


# -- Text inputs ---------------------------------------------------------------------


class NameForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        help_text="As it appears on your NHS smartcard",
        max_length=50,
        error_messages={"required": "Enter your full name"},
    )


def test_text_input_with_label_hint_and_error():
    form = NameForm(data={"name": ""})
    form.helper = helper_for(
        Field.text("name", field_width=Fixed.TWENTY, autocomplete="name"),
    )

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <label class="nhsuk-label" for="id_name">Full name</label>
          <div class="nhsuk-hint" id="id_name-hint">As it appears on your NHS smartcard</div>
          <span class="nhsuk-error-message" id="id_name-error">
            <span class="nhsuk-u-visually-hidden">Error: </span>Enter your full name
          </span>
          <input class="nhsuk-input nhsuk-input--error nhsuk-input--width-20"
                 id="id_name" name="name" type="text"
                 aria-describedby="id_name-hint id_name-error" aria-invalid="true"
                 maxlength="50" autocomplete="name">
        </div>
        """,
    )


class ContactForm(forms.Form):
    email = forms.EmailField(label="Email address")
    age = forms.IntegerField(label="Age", required=False)
    password = forms.CharField(label="Password", widget=forms.PasswordInput)


def test_email_number_and_password_inputs_with_sizes_and_widths():
    form = ContactForm(initial={"email": "jo@example.nhs.uk", "age": 42})
    form.helper = helper_for(
        Field.text(
            "email",
            label_size=Size.LARGE,
            label_tag="h1",
            field_width=Fluid.TWO_THIRDS,
            autocomplete="email",
            spellcheck="false",
        ),
        Field.text("age", field_width=Fixed.THREE, inputmode="numeric"),
        Field.text("password", label_size=Size.SMALL, autocomplete="current-password"),
    )

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group">
          <h1 class="nhsuk-label-wrapper">
            <label class="nhsuk-label nhsuk-label--l" for="id_email">Email address</label>
          </h1>
          <input class="nhsuk-input nhsuk-u-width-two-thirds" id="id_email" name="email"
                 type="email" value="jo@example.nhs.uk" maxlength="320"
                 autocomplete="email" spellcheck="false">
        </div>
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="id_age">Age</label>
          <input class="nhsuk-input nhsuk-input--width-3" id="id_age" name="age"
                 type="number" value="42" inputmode="numeric">
        </div>
        <div class="nhsuk-form-group">
          <label class="nhsuk-label nhsuk-label--s" for="id_password">Password</label>
          <input class="nhsuk-input" id="id_password" name="password" type="password"
                 autocomplete="current-password">
        </div>
        """,
    )


def test_crispy_filter_keeps_djangos_required_attribute():
    # The |crispy filter has no helper, so the form's own use_required_attribute
    # applies; the NHS.UK FormHelper turns it off (see the next test).
    assert_html(
        render("{{ form|crispy }}", form=NameForm()),
        """
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="id_name">Full name</label>
          <div class="nhsuk-hint" id="id_name-hint">As it appears on your NHS smartcard</div>
          <input class="nhsuk-input" id="id_name" name="name" type="text"
                 aria-describedby="id_name-hint" maxlength="50" required>
        </div>
        """,
    )


def test_helper_html5_required_keeps_required_attribute():
    form = NameForm()
    form.helper = helper_for("name", html5_required=True)

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="id_name">Full name</label>
          <div class="nhsuk-hint" id="id_name-hint">As it appears on your NHS smartcard</div>
          <input class="nhsuk-input" id="id_name" name="name" type="text"
                 aria-describedby="id_name-hint" maxlength="50" required>
        </div>
        """,
    )


# -- Radios and the error summary ----------------------------------------------------


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label="What is your role in the partnership?",
        help_text="Select one option",
        choices=(
            Choice("manager", "Manager", hint="You can invite members"),
            ("member", "Member"),
            Choice("observer", "Observer", divider="or"),
            ("none", "None of these"),
        ),
        widget=forms.RadioSelect,
        error_messages={"required": "Select your role"},
    )


def test_radios_with_legend_hint_error_and_error_summary():
    form = RoleForm(data={})
    form.helper = FormHelper()
    form.helper.error_summary = True
    form.helper.layout = Layout(
        Field.radios("role", legend_size=Size.LARGE, legend_tag="h1"),
        Button.primary("continue", "Continue"),
    )

    assert_html(
        crispy(form, csrf_token="TOKEN"),
        """
        <div class="nhsuk-error-summary" data-module="nhsuk-error-summary" tabindex="-1">
          <div role="alert">
            <h2 class="nhsuk-error-summary__heading">There is a problem</h2>
            <div class="nhsuk-error-summary__body">
              <ul class="nhsuk-list nhsuk-error-summary__list">
                <li><a href="#id_role_0">Select your role</a></li>
              </ul>
            </div>
          </div>
        </div>
        <form method="post">
          <input type="hidden" name="csrfmiddlewaretoken" value="TOKEN">
          <div class="nhsuk-form-group nhsuk-form-group--error">
            <fieldset class="nhsuk-fieldset" aria-describedby="id_role-hint id_role-error">
              <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--l">
                <h1 class="nhsuk-fieldset__heading">What is your role in the partnership?</h1>
              </legend>
              <div class="nhsuk-hint" id="id_role-hint">Select one option</div>
              <span class="nhsuk-error-message" id="id_role-error">
                <span class="nhsuk-u-visually-hidden">Error: </span>Select your role
              </span>
              <div class="nhsuk-radios" data-module="nhsuk-radios">
                <div class="nhsuk-radios__item">
                  <input class="nhsuk-radios__input" id="id_role_0" name="role" type="radio"
                         value="manager" aria-describedby="id_role_0-item-hint"
                         aria-invalid="true">
                  <label class="nhsuk-label nhsuk-radios__label" for="id_role_0">Manager</label>
                  <div class="nhsuk-hint nhsuk-radios__hint" id="id_role_0-item-hint">
                    You can invite members
                  </div>
                </div>
                <div class="nhsuk-radios__item">
                  <input class="nhsuk-radios__input" id="id_role_1" name="role" type="radio"
                         value="member" aria-invalid="true">
                  <label class="nhsuk-label nhsuk-radios__label" for="id_role_1">Member</label>
                </div>
                <div class="nhsuk-radios__item">
                  <input class="nhsuk-radios__input" id="id_role_2" name="role" type="radio"
                         value="observer" aria-invalid="true">
                  <label class="nhsuk-label nhsuk-radios__label" for="id_role_2">Observer</label>
                </div>
                <div class="nhsuk-radios__divider">or</div>
                <div class="nhsuk-radios__item">
                  <input class="nhsuk-radios__input" id="id_role_3" name="role" type="radio"
                         value="none" aria-invalid="true">
                  <label class="nhsuk-label nhsuk-radios__label" for="id_role_3">
                    None of these
                  </label>
                </div>
              </div>
            </fieldset>
          </div>
          <button class="nhsuk-button" data-module="nhsuk-button" id="id_continue"
                  name="continue" type="submit">Continue</button>
        </form>
        """,
    )


class YesNoForm(forms.Form):
    agreed = forms.ChoiceField(
        label="Has the partnership agreed its priorities?",
        choices=(("yes", "Yes"), ("no", "No")),
        widget=forms.RadioSelect,
    )


def test_inline_small_radios_with_a_checked_choice():
    form = YesNoForm(initial={"agreed": "no"})
    form.helper = helper_for(
        Field.radios("agreed", legend_size=Size.MEDIUM, inline=True, small=True)
    )

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group">
          <fieldset class="nhsuk-fieldset">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              Has the partnership agreed its priorities?
            </legend>
            <div class="nhsuk-radios nhsuk-radios--inline nhsuk-radios--small"
                 data-module="nhsuk-radios">
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_agreed_0" name="agreed"
                       type="radio" value="yes">
                <label class="nhsuk-label nhsuk-radios__label" for="id_agreed_0">Yes</label>
              </div>
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_agreed_1" name="agreed"
                       type="radio" value="no" checked>
                <label class="nhsuk-label nhsuk-radios__label" for="id_agreed_1">No</label>
              </div>
            </div>
          </fieldset>
        </div>
        """,
    )


class ProfileForm(forms.Form):
    name = forms.CharField(label="Name", error_messages={"required": "Enter your name"})
    team = forms.ChoiceField(
        label="Team",
        choices=(("a", "A"), ("b", "B")),
        widget=forms.RadioSelect,
        error_messages={"required": "Select your team"},
    )
    ref = forms.CharField(widget=forms.HiddenInput, error_messages={"required": "Missing ref"})

    def clean(self):
        raise forms.ValidationError("Something went wrong")


def test_error_summary_layout_object_lists_every_error_with_links():
    form = ProfileForm(data={})
    form.helper = helper_for(
        ErrorSummary(title="Check your answers"),
        Field.text("name"),
        Field.radios("team"),
        "ref",
    )

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-error-summary" data-module="nhsuk-error-summary" tabindex="-1">
          <div role="alert">
            <h2 class="nhsuk-error-summary__heading">Check your answers</h2>
            <div class="nhsuk-error-summary__body">
              <ul class="nhsuk-list nhsuk-error-summary__list">
                <li><a href="#id_name">Something went wrong</a></li>
                <li>Ref: Missing ref</li>
                <li><a href="#id_name">Enter your name</a></li>
                <li><a href="#id_team_0">Select your team</a></li>
              </ul>
            </div>
          </div>
        </div>
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <label class="nhsuk-label" for="id_name">Name</label>
          <span class="nhsuk-error-message" id="id_name-error">
            <span class="nhsuk-u-visually-hidden">Error: </span>Enter your name
          </span>
          <input class="nhsuk-input nhsuk-input--error" id="id_name" name="name" type="text"
                 aria-describedby="id_name-error" aria-invalid="true">
        </div>
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <fieldset class="nhsuk-fieldset" aria-describedby="id_team-error">
            <legend class="nhsuk-fieldset__legend">Team</legend>
            <span class="nhsuk-error-message" id="id_team-error">
              <span class="nhsuk-u-visually-hidden">Error: </span>Select your team
            </span>
            <div class="nhsuk-radios" data-module="nhsuk-radios">
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_team_0" name="team" type="radio"
                       value="a" aria-invalid="true">
                <label class="nhsuk-label nhsuk-radios__label" for="id_team_0">A</label>
              </div>
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_team_1" name="team" type="radio"
                       value="b" aria-invalid="true">
                <label class="nhsuk-label nhsuk-radios__label" for="id_team_1">B</label>
              </div>
            </div>
          </fieldset>
        </div>
        <input type="hidden" name="ref" id="id_ref">
        """,
    )


def test_form_show_errors_false_hides_error_summary_and_messages():
    form = NameForm(data={"name": ""})
    form.helper = helper_for(
        ErrorSummary(), Field.text("name"), form_show_errors=False, error_summary=True
    )

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="id_name">Full name</label>
          <div class="nhsuk-hint" id="id_name-hint">As it appears on your NHS smartcard</div>
          <input class="nhsuk-input" id="id_name" name="name" type="text"
                 aria-describedby="id_name-hint" aria-invalid="true" maxlength="50">
        </div>
        """,
    )


# -- Checkboxes ----------------------------------------------------------------------


class TopicsForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label="Which topics do you want to assess?",
        help_text="Select all that apply",
        choices=(
            ("governance", "Governance"),
            Choice("finance", "Finance", hint="Budgets and funding"),
            ("workforce", "Workforce"),
        ),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one topic"},
    )


def test_checkboxes_with_legend_hint_and_checked_values():
    form = TopicsForm(initial={"topics": ["governance", "workforce"]})
    form.helper = helper_for(Field.checkboxes("topics", legend_size=Size.MEDIUM, small=True))

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group">
          <fieldset class="nhsuk-fieldset" aria-describedby="id_topics-hint">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              Which topics do you want to assess?
            </legend>
            <div class="nhsuk-hint" id="id_topics-hint">Select all that apply</div>
            <div class="nhsuk-checkboxes nhsuk-checkboxes--small" data-module="nhsuk-checkboxes">
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_topics_0" name="topics"
                       type="checkbox" value="governance" checked>
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_0">
                  Governance
                </label>
              </div>
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_topics_1" name="topics"
                       type="checkbox" value="finance" aria-describedby="id_topics_1-item-hint">
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_1">
                  Finance
                </label>
                <div class="nhsuk-hint nhsuk-checkboxes__hint" id="id_topics_1-item-hint">
                  Budgets and funding
                </div>
              </div>
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_topics_2" name="topics"
                       type="checkbox" value="workforce" checked>
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_2">
                  Workforce
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        """,
    )


def test_checkboxes_with_error():
    form = TopicsForm(data={})
    form.helper = helper_for(Field.checkboxes("topics"))

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <fieldset class="nhsuk-fieldset" aria-describedby="id_topics-hint id_topics-error">
            <legend class="nhsuk-fieldset__legend">Which topics do you want to assess?</legend>
            <div class="nhsuk-hint" id="id_topics-hint">Select all that apply</div>
            <span class="nhsuk-error-message" id="id_topics-error">
              <span class="nhsuk-u-visually-hidden">Error: </span>Select at least one topic
            </span>
            <div class="nhsuk-checkboxes" data-module="nhsuk-checkboxes">
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_topics_0" name="topics"
                       type="checkbox" value="governance" aria-invalid="true">
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_0">
                  Governance
                </label>
              </div>
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_topics_1" name="topics"
                       type="checkbox" value="finance" aria-describedby="id_topics_1-item-hint"
                       aria-invalid="true">
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_1">
                  Finance
                </label>
                <div class="nhsuk-hint nhsuk-checkboxes__hint" id="id_topics_1-item-hint">
                  Budgets and funding
                </div>
              </div>
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_topics_2" name="topics"
                       type="checkbox" value="workforce" aria-invalid="true">
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_2">
                  Workforce
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        """,
    )


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label="I agree to share my answers with the partnership",
        help_text="You can change this later",
        error_messages={"required": "Agree to share your answers"},
    )


def test_single_checkbox_with_hint_and_error():
    form = ConsentForm(data={})
    form.helper = helper_for(Field.checkbox("consent", small=True))

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <span class="nhsuk-error-message" id="id_consent-error">
            <span class="nhsuk-u-visually-hidden">Error: </span>Agree to share your answers
          </span>
          <div class="nhsuk-checkboxes nhsuk-checkboxes--small" data-module="nhsuk-checkboxes">
            <div class="nhsuk-checkboxes__item">
              <input class="nhsuk-checkboxes__input" id="id_consent" name="consent"
                     type="checkbox" aria-describedby="id_consent-hint id_consent-error"
                     aria-invalid="true">
              <label class="nhsuk-label nhsuk-checkboxes__label" for="id_consent">
                I agree to share my answers with the partnership
              </label>
              <div class="nhsuk-hint nhsuk-checkboxes__hint" id="id_consent-hint">
                You can change this later
              </div>
            </div>
          </div>
        </div>
        """,
    )


# -- Textarea ------------------------------------------------------------------------


class CommentsForm(forms.Form):
    comments = forms.CharField(
        label="Comments",
        help_text="Do not include personal information",
        widget=forms.Textarea,
        error_messages={"required": "Enter your comments"},
    )


def test_textarea_with_rows_hint_and_error():
    form = CommentsForm(data={"comments": ""})
    form.helper = helper_for(Field.textarea("comments", rows=3, label_size=Size.MEDIUM))

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <label class="nhsuk-label nhsuk-label--m" for="id_comments">Comments</label>
          <div class="nhsuk-hint" id="id_comments-hint">Do not include personal information</div>
          <span class="nhsuk-error-message" id="id_comments-error">
            <span class="nhsuk-u-visually-hidden">Error: </span>Enter your comments
          </span>
          <textarea class="nhsuk-textarea nhsuk-textarea--error" id="id_comments"
                    name="comments" cols="40" rows="3" aria-invalid="true"
                    aria-describedby="id_comments-hint id_comments-error"></textarea>
        </div>
        """,
    )


def test_textarea_with_character_count_and_value():
    form = CommentsForm(data={"comments": "Works well"})
    form.helper = helper_for(Field.textarea("comments", max_characters=200, threshold=75))

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group nhsuk-character-count" data-module="nhsuk-character-count"
             data-maxlength="200" data-threshold="75">
          <label class="nhsuk-label" for="id_comments">Comments</label>
          <div class="nhsuk-hint" id="id_comments-hint">Do not include personal information</div>
          <textarea class="nhsuk-textarea nhsuk-js-character-count" id="id_comments"
                    name="comments" cols="40" rows="5"
                    aria-describedby="id_comments-info id_comments-hint">Works well</textarea>
          <div class="nhsuk-hint nhsuk-character-count__message" id="id_comments-info">
            You can enter up to 200 characters
          </div>
        </div>
        """,
    )


def test_textarea_rejects_both_character_and_word_limits():
    with pytest.raises(ValueError, match="max_characters and max_words"):
        Field.textarea("comments", max_characters=10, max_words=5)


# -- Select --------------------------------------------------------------------------


class RegionForm(forms.Form):
    region = forms.ChoiceField(
        label="Region",
        help_text="Where most of your practices are",
        choices=(
            ("", "Select a region"),
            ("north", "North East and Yorkshire"),
            ("London", (("nwl", "North West London"), ("sel", "South East London"))),
        ),
        error_messages={"required": "Select a region"},
    )


def test_select_with_optgroups_and_selected_option():
    form = RegionForm(initial={"region": "sel"})
    form.helper = helper_for(Field.select("region", label_size=Size.SMALL))

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group">
          <label class="nhsuk-label nhsuk-label--s" for="id_region">Region</label>
          <div class="nhsuk-hint" id="id_region-hint">Where most of your practices are</div>
          <select class="nhsuk-select" id="id_region" name="region"
                  aria-describedby="id_region-hint">
            <option value="">Select a region</option>
            <option value="north">North East and Yorkshire</option>
            <optgroup label="London">
              <option value="nwl">North West London</option>
              <option value="sel" selected>South East London</option>
            </optgroup>
          </select>
        </div>
        """,
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


# -- Buttons -------------------------------------------------------------------------


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


# -- Bound, valid form ---------------------------------------------------------------


class AssessmentForm(forms.Form):
    name = forms.CharField(label="Name", help_text="Your full name")
    role = forms.ChoiceField(
        label="Role", choices=(("lead", "Lead"), ("member", "Member")), widget=forms.RadioSelect
    )
    region = RegionForm.base_fields["region"]
    topics = TopicsForm.base_fields["topics"]
    consent = ConsentForm.base_fields["consent"]
    comments = forms.CharField(label="Comments", widget=forms.Textarea)


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


# -- Fieldsets and content -----------------------------------------------------------


class AddressForm(forms.Form):
    line_1 = forms.CharField(label="Address line 1")
    postcode = forms.CharField(label="Postcode")


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
