"""Forms for inviting people to a partnership by email, accepting an invitation as a new
account, and a round's reminder setting.

The invite form reads a pasted list or an uploaded CSV (name, email, organisation, role)
with ``people_lists``, reporting each bad line by number; the service
(``services.invite_people``) checks the rest and invites nobody if any line is wrong.
"""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from assessments.forms.partnerships import page_form_helper
from assessments.forms.people_lists import (
    MAX_LIST_BYTES,
    EmailList,
    check_size,
    numbered_rows,
    read_upload,
)
from assessments.models import MAX_REMIND_DAYS_BEFORE, Partner
from assessments.services.membership_invitations import MAX_INVITATIONS_PER_BATCH, InviteeInput
from partnership_site.crispy_nhsuk.layout import Field, Fixed, Fluid
from partnership_site.passwords import PASSWORD_HINT
from partnership_site.roles import PartnershipRole


def partnership_role_from_text(text: str) -> str | None:
    """A partnership role from what a manager typed: empty means member; otherwise the
    value or the label ("Manager", "Partnership manager", "Facilitator"), any case."""
    wanted = text.strip().casefold()
    if not wanted:
        return PartnershipRole.MEMBER
    for value, label in PartnershipRole.choices:
        if wanted in (value, label.casefold()):
            return value
    return None


class InvitePeopleForm(forms.Form):
    """Addresses to invite: pasted one per line, or a CSV file, or both."""

    people = forms.CharField(
        label="Email addresses",
        help_text=(
            "One person per line. Give just an email address, or: name, email address, "
            "organisation, role. For example: Sam Patel, sam.patel@nhs.net, Riverside Surgery, "
            "Member."
        ),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )
    csv_file = forms.FileField(
        label="Or upload a CSV file (optional)",
        help_text="Columns: name, email, organisation, role. Save it from a spreadsheet as CSV.",
        required=False,
        max_length=200,
    )

    def __init__(self, *args, partners: Sequence[Partner], **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = {p.name.casefold(): p for p in partners}
        self.fields["csv_file"].widget.attrs["accept"] = ".csv,text/csv"
        self.helper = page_form_helper(
            Field.textarea("people", rows=6),
            Field("csv_file"),
            button="Send invitations",
        )

    def clean_people(self) -> str:
        text = self.cleaned_data["people"]
        check_size(text, max_people=MAX_INVITATIONS_PER_BATCH)
        return text

    def clean_csv_file(self) -> str:
        upload = self.cleaned_data.get("csv_file")
        if not upload:
            return ""
        return read_upload(upload, max_people=MAX_INVITATIONS_PER_BATCH)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        pasted, uploaded = cleaned.get("people", ""), cleaned.get("csv_file", "")
        if not pasted and not uploaded:
            self.add_error("people", "Enter at least one email address, or upload a CSV file")
            return cleaned
        if pasted and uploaded:
            self.add_error("people", "Paste a list or upload a file, not both")
            return cleaned
        field = "people" if pasted else "csv_file"
        try:
            cleaned["invitees"] = self._read(pasted or uploaded)
        except forms.ValidationError as error:
            self.add_error(field, error)
        return cleaned

    def _read(self, text: str) -> list[InviteeInput]:
        people, lines = [], EmailList()
        for number, cells in numbered_rows(text):
            if len(cells) == 1:
                cells = ["", cells[0]]
            if len(cells) > 4:
                lines.error(
                    number,
                    "give at most 4 things separated by commas (name, email address, "
                    f"organisation, role); found {len(cells)}",
                )
                continue
            name, email, organisation, role_text = [*cells, "", ""][:4]
            before = len(lines.errors)
            lines.check(number, email)
            partner = self.partners.get(organisation.casefold()) if organisation else None
            if organisation and partner is None:
                lines.error(number, f"“{organisation}” is not one of the organisations")
            role = partnership_role_from_text(role_text)
            if role is None:
                lines.error(
                    number, f"“{role_text}” is not a role: use Member, Manager or Facilitator"
                )
            if len(lines.errors) == before:
                people.append(InviteeInput(email, name, partner, role, line=number))
        if lines.errors:
            raise forms.ValidationError(lines.errors)
        if not people:
            raise forms.ValidationError("Enter at least one email address")
        if len(people) > MAX_INVITATIONS_PER_BATCH:
            raise forms.ValidationError(
                f"Invite at most {MAX_INVITATIONS_PER_BATCH} people at a time"
            )
        return people


class NewAccountForm(SetPasswordForm):
    """A new account's name and password, for an invitation to a new address. The user
    given is unsaved (its email is the invitation's), so the password validators can compare
    the password with it."""

    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter your first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": "Enter your last name"}
    )
    field_order = ["first_name", "last_name", "new_password1", "new_password2"]

    @staticmethod
    def initial_for(name: str) -> dict[str, str]:
        """First and last name from the name the manager invited: the last word is the last
        name, the words before it the first name; a single word is the first name. Only a
        starting point: the person corrects it before the account is made."""
        words = name.split()
        if len(words) < 2:
            return {"first_name": " ".join(words), "last_name": ""}
        return {"first_name": " ".join(words[:-1]), "last_name": words[-1]}

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_HINT
        self.fields["new_password2"].help_text = ""
        self.fields["new_password1"].label = "Create a password"
        self.fields["new_password1"].error_messages["required"] = "Enter a password"
        self.fields["new_password2"].label = "Type the password again"
        self.fields["new_password2"].error_messages["required"] = "Type the password again"
        self.helper = page_form_helper(
            Field.text("first_name", field_width=Fluid.ONE_HALF, autocomplete="given-name"),
            Field.text("last_name", field_width=Fluid.ONE_HALF, autocomplete="family-name"),
            Field.text("new_password1", field_width=Fluid.ONE_HALF),
            Field.text("new_password2", field_width=Fluid.ONE_HALF),
            button="Create account and join",
        )

    def clean(self):
        # Name the account before the validators compare the password with it.
        self.user.first_name = self.cleaned_data.get("first_name", "")
        self.user.last_name = self.cleaned_data.get("last_name", "")
        return super().clean()


class ReminderSettingsForm(forms.Form):
    remind_days_before = forms.IntegerField(
        label="Days before closing to start reminders",
        help_text=(
            "People who have not answered get one email a day from this many days before the "
            "closing date. Enter 0 to turn automatic reminders off."
        ),
        min_value=0,
        max_value=MAX_REMIND_DAYS_BEFORE,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter a number of days, or 0 to turn reminders off",
            "invalid": "Enter the number of days as a whole number, like 3",
            "min_value": "The number of days must be 0 or more",
            "max_value": f"The number of days must be {MAX_REMIND_DAYS_BEFORE} or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = page_form_helper(
            Field.text("remind_days_before", field_width=Fixed.TWO), button="Save"
        )


__all__ = [
    "MAX_LIST_BYTES",
    "InvitePeopleForm",
    "NewAccountForm",
    "ReminderSettingsForm",
    "partnership_role_from_text",
]
