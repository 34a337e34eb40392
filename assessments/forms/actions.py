"""Forms for the action plan: an action (new or changed) and a progress note.

The forms check and tidy what people type; the rules (who may own an action, which
organisation, the one-owner rule) are the service's (``assessments.services.actions``),
whose refusals appear on the form.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from assessments.forms.dates import DATE_INPUT_TEMPLATE, DateInputField
from assessments.forms.partnerships import page_form_helper
from assessments.models import ActionItem, ActionStatus, Membership, Partnership
from partnership_site.crispy_nhsuk.layout import Field, Fluid, Size

NAMED = "named"  # the owner choice for a person or group without an account


class ActionForm(forms.Form):
    title = forms.CharField(
        label="Action",
        help_text="What will be done, in a few words.",
        max_length=200,
        error_messages={"required": "Enter a title for the action"},
    )
    description = forms.CharField(
        label="Detail (optional)",
        help_text="How it will be done and what will show it has worked.",
        required=False,
        max_length=4000,
        widget=forms.Textarea,
    )
    dimension = forms.TypedChoiceField(
        label="Dimension (optional)", required=False, coerce=int, empty_value=None
    )
    owner_choice = forms.ChoiceField(
        label="Owner",
        error_messages={
            "required": "Choose who owns the action",
            "invalid_choice": "Choose who owns the action from the list",
        },
    )
    owner = forms.CharField(
        label="Name of the owner, if not a member",
        help_text="A person or group without an account here, such as the practice managers.",
        max_length=200,
        required=False,
    )
    partner = forms.TypedChoiceField(
        label="Partner organisation (optional)", required=False, coerce=int, empty_value=None
    )
    due_on = DateInputField(
        name="the due date",
        label="Due date (optional)",
        help_text="For example, 31 3 2027.",
        required=False,
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        initial=ActionStatus.PLANNED,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a status", "invalid_choice": "Choose a status"},
    )

    def __init__(
        self,
        *args,
        partnership: Partnership,
        owners: list[Membership],
        dimensions,
        former_owner=None,
        button: str = "Save action",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self._owners = {str(m.user_id): m.user for m in owners}
        choices = [("", "Choose the owner")] + [
            (str(m.user_id), m.user.get_full_name() or m.user.get_username()) for m in owners
        ]
        if former_owner is not None and str(former_owner.pk) not in self._owners:
            # An owner who has left keeps the action; they stay selectable for it.
            self._owners[str(former_owner.pk)] = former_owner
            name = former_owner.get_full_name() or former_owner.get_username()
            choices.append((str(former_owner.pk), f"{name} (former member)"))
        choices.append((NAMED, "Someone else (give their name below)"))
        self.fields["owner_choice"].choices = choices
        self._dimensions = {d.pk: d for d in dimensions}
        self.fields["dimension"].choices = [("", "Not about one dimension")] + [
            (d.pk, f"{d.title} ({d.framework.title})") for d in dimensions
        ]
        self._partners = {p.pk: p for p in partnership.partners.order_by("name")}
        self.fields["partner"].choices = [("", "Not one organisation")] + [
            (p.pk, p.name) for p in self._partners.values()
        ]
        self.helper = page_form_helper(
            Field.text("title", field_width=Fluid.FULL),
            Field.textarea("description", rows=4),
            Field.select("dimension"),
            Field.select("owner_choice"),
            Field.text("owner", field_width=Fluid.TWO_THIRDS),
            Field.select("partner"),
            Field("due_on", template=DATE_INPUT_TEMPLATE),
            Field.radios("status", legend_size=Size.SMALL, small=True, inline=True),
            button=button,
        )

    def clean(self):
        data = super().clean()
        choice = data.get("owner_choice")
        name = (data.get("owner") or "").strip()
        if choice == NAMED and not name:
            self.add_error("owner", "Enter the name of the person or group who owns the action")
        if choice and choice != NAMED and name:
            self.add_error("owner", "Leave the name empty when a member owns the action")
        return data

    def clean_dimension(self):
        value = self.cleaned_data["dimension"]
        return None if value is None else self._dimensions[value]

    def clean_partner(self):
        value = self.cleaned_data["partner"]
        return None if value is None else self._partners[value]

    def service_arguments(self) -> dict:
        """What the service takes, from the cleaned form."""
        data = dict(self.cleaned_data)
        choice = data.pop("owner_choice")
        if choice == NAMED:
            data["owner_user"] = None
            data["owner"] = data["owner"].strip()
        else:
            data["owner_user"], data["owner"] = self._owners[choice], ""
        return data

    @classmethod
    def initial_for(cls, action: ActionItem) -> dict:
        return {
            "title": action.title,
            "description": action.description,
            "dimension": action.dimension_id,
            "owner_choice": str(action.owner_user_id) if action.owner_user_id else NAMED,
            "owner": action.owner,
            "partner": action.partner_id,
            "due_on": action.due_on,
            "status": action.status,
        }


class NoteForm(forms.Form):
    written_on = DateInputField(
        name="the date", label="Date", help_text="When it happened. For example, 14 1 2027."
    )
    text = forms.CharField(
        label="What has happened",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Enter what has happened"},
    )

    def __init__(self, *args, action_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = page_form_helper(
            Field("written_on", template=DATE_INPUT_TEMPLATE),
            Field.textarea("text", rows=3, max_characters=2000),
            button="Add progress note",
        )
        self.helper.form_action = action_url

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError("Enter what has happened")
        return text
