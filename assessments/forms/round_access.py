"""Forms for who may answer a round: its closing date and personal invitation links."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils import timezone

from assessments.forms.dates import DATE_INPUT_TEMPLATE, DateInputField
from assessments.forms.partnerships import page_form_helper
from assessments.forms.people_lists import EmailList, numbered_rows
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
        people, lines = [], EmailList()
        for number, cells in numbered_rows(self.cleaned_data["people"]):
            if len(cells) != 4:
                lines.error(
                    number,
                    "give 4 things separated by commas (name, email address, "
                    f"organisation, role); found {len(cells)}",
                )
                continue
            name, email, organisation, role_text = cells
            partner = self.partners.get(organisation.casefold())
            role = role_from_text(role_text)
            line_errors = len(lines.errors)
            if not name:
                lines.error(number, "enter the person's name")
            lines.check(number, email)
            if partner is None:
                lines.error(number, f"“{organisation}” is not one of the organisations")
            if role is None:
                lines.error(number, f"“{role_text}” is not one of the roles")
            if len(lines.errors) == line_errors:
                people.append(PersonInput(name, email, partner, role, line=number))
        errors = lines.errors
        if errors:
            raise forms.ValidationError(errors)
        if not people:
            raise forms.ValidationError("Enter at least one person")
        if len(people) > MAX_PEOPLE_PER_BATCH:
            raise forms.ValidationError(f"Invite at most {MAX_PEOPLE_PER_BATCH} people at a time")
        return people
