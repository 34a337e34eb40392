"""Forms for managing a partnership: its details, partner organisations, members and rounds.

The forms only check and tidy what people type; every write goes through
``assessments.services``, whose refusals (``assessments.errors``) are shown on the form
by ``assessments.views.service_forms.handle_service_form``.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone

from assessments.forms.dates import DATE_INPUT_TEMPLATE, DateInputField
from assessments.icbs import icb_choices
from assessments.models import (
    DEFAULT_ANONYMITY_THRESHOLD,
    MIN_ANONYMITY_THRESHOLD,
    OrganisationType,
    Partner,
    Partnership,
    PartnershipKind,
)
from assessments.services.partnerships import ODS_CODE_ERROR, ODS_CODE_PATTERN
from frameworks.models import Framework
from partnership_site.crispy_nhsuk.choices import Choice, ChoiceLabel
from partnership_site.crispy_nhsuk.helper import FormHelper
from partnership_site.crispy_nhsuk.layout import Button, Field, Fixed, Fluid, Layout, Size
from partnership_site.roles import PartnershipRole

ROLE_CHOICES = [
    Choice(
        PartnershipRole.MANAGER,
        PartnershipRole.MANAGER.label,
        hint="Can change the partnership, its members and rounds, and answer questionnaires.",
    ),
    Choice(
        PartnershipRole.MEMBER,
        PartnershipRole.MEMBER.label,
        hint="Answers questionnaires and reads the partnership's results.",
    ),
    Choice(
        PartnershipRole.FACILITATOR,
        PartnershipRole.FACILITATOR.label,
        hint="Supports the partnership and reads its results, but does not answer.",
    ),
]


def page_form_helper(*layout, button: str) -> FormHelper:
    helper = FormHelper()
    # The page puts the error summary above its <h1> (nhsuk/layout/error_summary.html).
    helper.error_summary = False
    helper.form_method = "post"
    helper.attrs = {"novalidate": ""}
    helper.layout = Layout(*layout, Button.primary("save", button, prevent_double_click=True))
    return helper


class WholeNumberField(forms.IntegerField):
    """A whole number that may be typed with commas or spaces, like 41,500."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").replace(" ", "")
        return super().to_python(value)


class PartnershipForm(forms.Form):
    name = forms.CharField(
        label="Partnership name",
        max_length=200,
        error_messages={"required": "Enter the partnership's name"},
    )
    kind = forms.ChoiceField(
        label="Type of partnership",
        choices=PartnershipKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the type of partnership",
            "invalid_choice": "Select the type of partnership",
        },
    )
    population = WholeNumberField(
        label="Population served (optional)",
        help_text="The number of people the partnership serves, for example 45,000.",
        required=False,
        min_value=1,
        max_value=100_000_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter the population as a whole number, like 45000",
            "min_value": "The population must be at least 1",
            "max_value": "The population must be 100,000,000 or fewer",
        },
    )
    icb = forms.ChoiceField(
        label="Integrated care board (ICB) (optional)",
        help_text="The ICB the partnership is in: one of the 42 in England.",
        choices=[("", "Not chosen"), *icb_choices()],
        required=False,
        error_messages={"invalid_choice": "Choose an integrated care board from the list"},
    )

    def __init__(self, *args, button: str = "Save", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = page_form_helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.text("population", field_width=Fixed.TEN),
            Field.select("icb"),
            button=button,
        )

    @classmethod
    def initial_for(cls, partnership: Partnership) -> dict:
        return {
            "name": partnership.name,
            "kind": partnership.kind,
            "population": partnership.population,
            "icb": partnership.icb,
        }


class PartnerForm(forms.Form):
    name = forms.CharField(
        label="Organisation name",
        max_length=200,
        error_messages={"required": "Enter the organisation's name"},
    )
    organisation_type = forms.ChoiceField(
        label="Type of organisation",
        choices=OrganisationType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the type of organisation",
            "invalid_choice": "Select the type of organisation",
        },
    )
    ods_code = forms.CharField(
        label="ODS code (optional)",
        help_text="The organisation's Organisation Data Service code, for example F81001.",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocapitalize": "characters"}),
    )

    people_invited = WholeNumberField(
        label="Number of people asked to answer (optional)",
        help_text=(
            "How many people from this organisation you will ask to answer. The round page "
            "uses it to show response rates."
        ),
        required=False,
        min_value=1,
        max_value=100_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter the number of people as a whole number, like 12",
            "min_value": "The number of people must be at least 1, or leave it empty",
            "max_value": "The number of people must be 100,000 or fewer",
        },
    )

    def __init__(self, *args, button: str = "Save", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = page_form_helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.radios("organisation_type", legend_size=Size.SMALL, small=True),
            Field.text("ods_code", field_width=Fixed.TEN),
            Field.text("people_invited", field_width=Fixed.FIVE),
            button=button,
        )

    def clean_ods_code(self):
        code = self.cleaned_data["ods_code"].strip().upper()
        if code and not ODS_CODE_PATTERN.fullmatch(code):
            raise ValidationError(ODS_CODE_ERROR)
        return code

    @classmethod
    def initial_for(cls, partner: Partner) -> dict:
        return {
            "name": partner.name,
            "organisation_type": partner.organisation_type,
            "ods_code": partner.ods_code,
            "people_invited": partner.people_invited,
        }


class PartnerChoiceField(forms.ModelChoiceField):
    def __init__(self, partnership: Partnership, **kwargs):
        super().__init__(
            queryset=partnership.partners.active().order_by("name"),
            required=False,
            empty_label="Not linked to an organisation",
            label="Organisation (optional)",
            help_text="The partner organisation this person works for.",
            error_messages={"invalid_choice": "Choose an organisation from the list"},
            **kwargs,
        )


class MemberRoleForm(forms.Form):
    """A member's role and organisation: used to change an existing member."""

    role = forms.ChoiceField(
        label="Role",
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a role", "invalid_choice": "Select a role"},
    )

    def __init__(self, *args, partnership: Partnership, button: str = "Save", **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["partner"] = PartnerChoiceField(partnership)
        self.helper = page_form_helper(*self.layout_fields(), button=button)

    def layout_fields(self):
        return [Field.radios("role", legend_size=Size.SMALL), Field.select("partner")]


class FrameworkChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        """The title, then a hint naming the version the round will use (issue 17), its
        first sentence and how many questions it has."""
        first_sentence = obj.summary.split(". ")[0].rstrip(".") + "."
        count = getattr(obj, "item_count", None)
        if count:
            first_sentence += f" {count} questions."
        published = f", published {obj.published_at:%-d %B %Y}" if obj.published_at else ""
        return ChoiceLabel(obj.title, hint=f"Version {obj.version}{published}. {first_sentence}")


class RoundForm(forms.Form):
    title = forms.CharField(
        label="Title",
        help_text="For example, Spring 2026 baseline.",
        max_length=200,
        error_messages={"required": "Enter a title for the round"},
    )
    frameworks = FrameworkChoiceField(
        label="Questionnaires",
        help_text="Select all the questionnaires people will answer in this round.",
        queryset=Framework.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one questionnaire",
            "invalid_choice": "Select questionnaires from the list",
            "invalid_pk_value": "Select questionnaires from the list",
        },
    )
    proposed_change = forms.CharField(
        label="The change this round asks about",
        help_text=(
            "Needed for Readiness for change, which asks how ready people are for one change. "
            "Everyone sees it before they answer. For example, one care co-ordination team "
            "for all our practices."
        ),
        max_length=200,
        required=False,
        error_messages={"max_length": "Name the change in 200 characters or fewer"},
    )
    opens_on = DateInputField(
        name="the opening date",
        label="Opening date",
        help_text="For example, 15 3 2026.",
    )
    closes_on = DateInputField(
        name="the closing date",
        label="Closing date",
        help_text="The last day people can answer. For example, 30 4 2026.",
    )
    anonymity_threshold = forms.IntegerField(
        label="Smallest group to show in results",
        help_text=(
            "Results for an organisation or role with fewer responses than this are never "
            f"shown, so nobody's answers can be identified. At least {MIN_ANONYMITY_THRESHOLD}."
        ),
        initial=DEFAULT_ANONYMITY_THRESHOLD,
        min_value=MIN_ANONYMITY_THRESHOLD,
        max_value=50,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter the smallest group to show in results",
            "invalid": "Enter the smallest group as a whole number, like 3",
            "min_value": f"The smallest group must be at least {MIN_ANONYMITY_THRESHOLD}",
            "max_value": "The smallest group must be 50 or fewer",
        },
    )
    open_link_enabled = forms.BooleanField(
        label="Also let people ask for a link through a shared link",
        help_text=(
            "Anyone with the shared link can give their work email address, organisation and "
            "role, and is emailed their own personal link to answer with."
        ),
        required=False,
    )

    def __init__(self, *args, button: str = "Create round", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["frameworks"].queryset = (
            Framework.objects.latest_published()
            .annotate(item_count=Count("dimensions__items"))
            .order_by("title")
        )
        self.helper = page_form_helper(
            Field.text("title", field_width=Fluid.TWO_THIRDS),
            Field.checkboxes("frameworks", legend_size=Size.SMALL),
            Field.text("proposed_change", field_width=Fluid.FULL),
            Field("opens_on", template=DATE_INPUT_TEMPLATE),
            Field("closes_on", template=DATE_INPUT_TEMPLATE),
            Field.text("anonymity_threshold", field_width=Fixed.TWO),
            Field.checkbox("open_link_enabled"),
            button=button,
        )

    @classmethod
    def initial_for(cls, round_) -> dict:
        """The form's values for an existing round (its library questionnaires only: the
        partnership's own local questions are kept as they are)."""
        return {
            "title": round_.title,
            "frameworks": [
                rf.framework_id
                for rf in round_.round_frameworks.filter(framework__partnership__isnull=True)
            ],
            "proposed_change": round_.proposed_change,
            "opens_on": round_.opens_on,
            "closes_on": round_.closes_on,
            "anonymity_threshold": round_.anonymity_threshold,
            "open_link_enabled": round_.open_link_enabled,
        }

    def clean(self):
        """Dates that make sense (issue 11): the closing date on or after the opening date,
        and not in the past (a round that has already ended could never be answered)."""
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error(
                "closes_on", "The closing date must be the same as or after the opening date"
            )
        elif closes_on and closes_on < timezone.localdate():
            self.add_error("closes_on", "The closing date must be today or in the future")
        return cleaned


class LocalQuestionsForm(forms.Form):
    title = forms.CharField(
        label="Heading for your questions",
        help_text="For example, Barriers in our neighbourhood.",
        max_length=200,
        error_messages={"required": "Enter a heading for your questions"},
    )
    statements = forms.CharField(
        label="Questions",
        help_text=(
            "One statement per line, up to 10. People rate each one, like the other questionnaires."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        error_messages={"required": "Enter at least one question"},
    )
    barriers = forms.BooleanField(
        label="These are barriers: ask how strongly each is present",
        help_text="A barrier that is strongly present lowers the score.",
        required=False,
    )

    def __init__(self, *args, warning: str = "", **kwargs):
        """``warning``: what adding questions means for people who have already answered
        (services.asking_again_warning, shown above the form); when given, the manager must
        confirm it."""
        super().__init__(*args, **kwargs)
        layout = [
            Field.text("title", field_width=Fluid.TWO_THIRDS),
            Field.textarea("statements", rows=6),
            Field.checkbox("barriers"),
        ]
        if warning:
            self.fields["confirm_asking_again"] = forms.BooleanField(
                label="I understand: ask everyone who has answered to answer these questions too",
                help_text="They will have one more questionnaire to answer in this round.",
                required=False,
            )
            layout.append(Field.checkbox("confirm_asking_again"))
        self.helper = page_form_helper(*layout, button="Add questions")

    def clean_statements(self):
        return [
            line.strip() for line in self.cleaned_data["statements"].splitlines() if line.strip()
        ]
