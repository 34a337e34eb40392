"""The form that puts a partnership in a cohort."""

from __future__ import annotations

from django import forms

from assessments.forms.partnerships import page_form_helper
from assessments.models import Partnership
from partnership_site.crispy_nhsuk.layout import Field


class PartnershipInCohortField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Partnership) -> str:
        return f"{obj.name} ({obj.region})" if obj.region else obj.name


class AddToCohortForm(forms.Form):
    partnership = PartnershipInCohortField(
        label="Partnership",
        queryset=Partnership.objects.none(),
        empty_label="Choose a partnership",
        error_messages={
            "required": "Choose the partnership to add",
            "invalid_choice": "Choose a partnership from the list",
        },
    )

    def __init__(self, *args, choices, **kwargs):
        """``choices``: the partnerships this person may add (selectors.partnerships_to_add)."""
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = choices
        self.helper = page_form_helper(Field.select("partnership"), button="Add partnership")
