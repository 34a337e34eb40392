"""An NHS.UK date input (day, month and year boxes) as a Django form field.

Render it with the pack's ``Field`` and this module's template::

    Field("opens_on", template=DATE_INPUT_TEMPLATE)

The boxes are named ``<name>_0`` (day), ``<name>_1`` (month) and ``<name>_2`` (year), so the
error summary's link to ``#id_<name>_0`` lands on the day box.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

DATE_INPUT_TEMPLATE = "assessments/partnerships/includes/date_input.html"

PARTS = ("day", "month", "year")


class DateInputWidget(forms.MultiWidget):
    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(attrs={"inputmode": "numeric", "class": f"nhsuk-input--width-{w}"})
            for w in (2, 2, 4)
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


class DateInputField(forms.MultiValueField):
    """A date typed as day, month and year, with the NHS.UK error messages.

    ``name`` is how the messages refer to the date, for example "the opening date".
    """

    widget = DateInputWidget

    def __init__(self, *, name: str = "the date", **kwargs):
        self.date_name = name
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("required", f"Enter {name}")
        fields = [forms.CharField(required=False, max_length=4) for _ in PARTS]
        super().__init__(fields, require_all_fields=False, **kwargs)

    def clean(self, value):
        # MultiValueField.clean lets one part through as the whole value; check every part
        # here so a missing or wrong part gets its own plain message.
        if not value or not any((part or "").strip() for part in value):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        return self.compress([(part or "").strip() for part in value])

    def compress(self, data_list):
        if not data_list:
            return None
        name = self.date_name[0].upper() + self.date_name[1:]
        missing = [part for part, text in zip(PARTS, data_list, strict=True) if not text]
        if missing:
            raise ValidationError(f"{name} must include a {' and '.join(missing)}", code="missing")
        if not all(text.isascii() and text.isdigit() for text in data_list):
            raise ValidationError(f"{name} must be a real date, using numbers only", code="invalid")
        day_text, month_text, year_text = data_list
        if len(year_text) != 4:
            raise ValidationError(
                f"The year must include 4 numbers, like {timezone.localdate().year}",
                code="invalid",
            )
        if len(day_text) > 2 or len(month_text) > 2:
            raise ValidationError(f"{name} must be a real date", code="invalid")
        try:
            return date(int(year_text), int(month_text), int(day_text))
        except ValueError:
            raise ValidationError(f"{name} must be a real date", code="invalid") from None
