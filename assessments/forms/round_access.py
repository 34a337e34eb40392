"""Forms for who may answer a round: its closing date and personal invitation links."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from assessments.forms.dates import DATE_INPUT_TEMPLATE, DateInputField
from assessments.forms.partnerships import page_form_helper
from assessments.models import Partner, RespondentRole
from assessments.services.invitations import MAX_PEOPLE_PER_BATCH, PersonInput
from partnership_site.crispy_nhsuk.layout import Field

MAX_PASTE_CHARACTERS = 100_000  # about 1,000 lines: a pasted document is refused


class ExtendRoundForm(forms.Form):
    closes_on = DateInputField(
        name="the new closing date",
        label="New closing date",
        help_text="The last day people can answer. For example, 30 4 2026.",
    )

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current
        self.helper = page_form_helper(
            Field("closes_on", template=DATE_INPUT_TEMPLATE), button="Change closing date"
        )

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < self.current:
            raise forms.ValidationError(
                "The new closing date must be the same as or after "
                f"{self.current:%-d %B %Y}, the current one"
            )
        if closes_on < timezone.localdate():
            raise forms.ValidationError("The new closing date must be today or in the future")
        return closes_on


def role_from_text(text: str) -> str | None:
    """A role value from what a manager typed: the value ("clinical") or the start of its
    label ("Clinical", "Leadership or management"), ignoring case."""
    wanted = text.strip().casefold()
    if not wanted:
        return None
    for value, label in RespondentRole.choices:
        short = label.split(" (")[0].casefold()
        if wanted in (value, label.casefold(), short) or short.startswith(wanted):
            return value
    return None


class PersonalInvitationsForm(forms.Form):
    """People to invite, one per line: name, email address, organisation, role."""

    people = forms.CharField(
        label="People to invite",
        help_text=(
            "One person per line: name, email address, organisation, role. For example: "
            "Sam Patel, sam.patel@nhs.net, Riverside Surgery, Clinical."
        ),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        max_length=MAX_PASTE_CHARACTERS,
        error_messages={
            "required": "Enter at least one person",
            "max_length": "The list is too long: paste at most "
            f"{MAX_PEOPLE_PER_BATCH} people at a time",
        },
    )

    def __init__(self, *args, partners: Sequence[Partner], **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = {p.name.casefold(): p for p in partners}
        self.helper = page_form_helper(Field.textarea("people", rows=8), button="Create links")

    def clean_people(self) -> list[PersonInput]:
        text = self.cleaned_data["people"]
        rows = list(csv.reader(io.StringIO(text), skipinitialspace=True))
        people, errors, seen = [], [], set()
        for number, row in enumerate(rows, start=1):
            cells = [cell.strip() for cell in row]
            if not any(cells):
                continue
            if len(cells) != 4:
                errors.append(
                    f"Line {number}: give 4 things separated by commas (name, email address, "
                    f"organisation, role); found {len(cells)}"
                )
                continue
            name, email, organisation, role_text = cells
            partner = self.partners.get(organisation.casefold())
            role = role_from_text(role_text)
            line_errors = len(errors)
            if not name:
                errors.append(f"Line {number}: enter the person's name")
            try:
                validate_email(email)
            except ValidationError:
                errors.append(f"Line {number}: “{email}” is not a valid email address.")
            else:
                if email.casefold() in seen:
                    errors.append(f"Line {number}: {email} appears more than once in the list.")
                seen.add(email.casefold())
            if partner is None:
                errors.append(f"Line {number}: “{organisation}” is not one of the organisations")
            if role is None:
                errors.append(f"Line {number}: “{role_text}” is not one of the roles")
            if len(errors) == line_errors:
                people.append(PersonInput(name, email, partner, role, line=number))
        if errors:
            raise forms.ValidationError(errors)
        if not people:
            raise forms.ValidationError("Enter at least one person")
        if len(people) > MAX_PEOPLE_PER_BATCH:
            raise forms.ValidationError(f"Invite at most {MAX_PEOPLE_PER_BATCH} people at a time")
        return people
