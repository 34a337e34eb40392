"""
Tests for the ``nhsuk`` django-crispy-forms template pack (templates/nhsuk/)
and its layout objects (partnership_site.crispy_nhsuk).

Each test renders a small form and compares the whole fragment with the
expected NHS.UK frontend markup using Django's assertHTMLEqual, which ignores
insignificant whitespace, attribute order and class order.
"""

from django import forms
from django.template import Context, Template
from django.test import SimpleTestCase

from partnership_site.crispy_nhsuk.choices import Choice
from partnership_site.crispy_nhsuk.helper import FormHelper
from partnership_site.crispy_nhsuk.layout import (
    Button,
    Field,
    Fixed,
    Fluid,
    Layout,
    Size,
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
                 autocomplete="name">
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
                 type="email" value="jo@example.nhs.uk"
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
                 aria-describedby="id_name-hint" required>
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
                 aria-describedby="id_name-hint" required>
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


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label="I agree to share my answers with the partnership",
        help_text="You can change this later",
        error_messages={"required": "Agree to share your answers"},
    )


class CommentsForm(forms.Form):
    comments = forms.CharField(
        label="Comments",
        help_text="Do not include personal information",
        widget=forms.Textarea,
        error_messages={"required": "Enter your comments"},
    )


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


class AssessmentForm(forms.Form):
    name = forms.CharField(label="Name", help_text="Your full name")
    role = forms.ChoiceField(
        label="Role", choices=(("lead", "Lead"), ("member", "Member")), widget=forms.RadioSelect
    )
    region = RegionForm.base_fields["region"]
    topics = TopicsForm.base_fields["topics"]
    consent = ConsentForm.base_fields["consent"]
    comments = forms.CharField(label="Comments", widget=forms.Textarea)


class AddressForm(forms.Form):
    line_1 = forms.CharField(label="Address line 1")
    postcode = forms.CharField(label="Postcode")
