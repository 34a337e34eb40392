"""
Choices that carry a per-item hint or a divider for radios and checkboxes.

Example::

    CONTACT_METHODS = (
        Choice("email", "Email"),
        Choice("phone", "Phone", hint="We will only call between 9am and 5pm"),
        Choice("none", "None of these", divider="or"),
    )

    method = forms.ChoiceField(choices=CONTACT_METHODS, widget=forms.RadioSelect)

A ``Choice`` is a 2-tuple of the value and a ``ChoiceLabel``: a ``str`` that
also has ``hint`` and ``divider`` attributes. Django 5 normalises choices to
lists of 2-tuples but leaves string labels untouched, so the attributes survive
all the way to the widget's options, where the radios and checkboxes templates
read them. The label is converted to ``str`` when the choice is created, so a
lazily translated label is translated at that point.
"""

from __future__ import annotations


class ChoiceLabel(str):
    """A choice label with the optional extras rendered by the nhsuk templates."""

    hint: str | None
    divider: str | None

    def __new__(cls, label, hint=None, divider=None):
        obj = super().__new__(cls, label)
        obj.hint = hint
        obj.divider = divider
        return obj

    def __reduce__(self):
        return (self.__class__, (str(self), self.hint, self.divider))


class Choice(tuple):
    """
    A ``(value, label)`` pair for a choice field, with an optional ``hint``
    shown under the label and an optional ``divider`` (for example "or")
    shown after the item.
    """

    __slots__ = ()

    def __new__(cls, value, label, hint=None, divider=None):
        return super().__new__(cls, (value, ChoiceLabel(label, hint=hint, divider=divider)))

    @property
    def value(self):
        return self[0]

    @property
    def label(self):
        return self[1]

    @property
    def hint(self):
        return self[1].hint

    @property
    def divider(self):
        return self[1].divider
