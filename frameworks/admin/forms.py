"""Forms of the framework admin: friendlier fields than the models' defaults, and tables of
ordered rows (dimensions, items) that may be reordered or left to number themselves."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from frameworks.models import Framework, FrameworkKind


class ScaleLabelsField(forms.CharField):
    """The scale's labels, one per line, lowest value first."""

    widget = forms.Textarea(attrs={"rows": 5, "cols": 40})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]


class FrameworkForm(forms.ModelForm):
    scale_labels = ScaleLabelsField(
        label="Scale labels",
        required=False,
        help_text="One label per line, lowest value first: one for each value of the scale.",
    )

    class Meta:
        model = Framework
        fields = [
            "title",
            "slug",
            "version",
            "kind",
            "summary",
            "source",
            "scale_min",
            "scale_max",
            "scale_labels",
            "scale_question",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "cols": 80}),
            "source": forms.Textarea(attrs={"rows": 3, "cols": 80}),
        }

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        labels = cleaned.get("scale_labels") or []
        kind = cleaned.get("kind")
        if (low is None) != (high is None):
            self.add_error("scale_max", "Give both ends of the scale, or neither.")
        elif low is not None and low >= high:
            self.add_error("scale_max", "The highest value must be above the lowest.")
        elif low is not None and len(labels) != high - low + 1:
            self.add_error(
                "scale_labels",
                f"Give {high - low + 1} labels, one for each value from {low} to {high} "
                f"(there are {len(labels)}).",
            )
        if kind in (FrameworkKind.RATED, FrameworkKind.CHECKLIST) and low is None:
            self.add_error("scale_min", "A rated or checklist framework needs a scale.")
        return cleaned


class OrderedInlineFormSet(BaseInlineFormSet):
    """Rows with a position: positions must differ; a new row left without one goes last.
    Uniqueness of positions is checked here across the whole table (not row by row against
    the database), so rows can swap places in one save."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        field = form.fields.get("position")
        if field is not None:
            field.required = False
            field.min_value = 1
            field.widget.attrs.update(min=1, **{"class": "fw-position"})
            field.help_text = ""

    def clean(self):
        super().clean()
        live = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk is not None
            if not self._should_delete_form(form) and form.is_valid()
        ]
        seen = {}
        for form in live:
            position = form.cleaned_data.get("position")
            if position is None:
                continue
            if position in seen:
                raise ValidationError(
                    f"Two rows have position {position}: give each row its own position."
                )
            seen[position] = form
        following = max(seen, default=0) + 1
        for form in live:
            if form.cleaned_data.get("position") is None and form.has_changed():
                form.cleaned_data["position"] = following
                form.instance.position = following
                following += 1


def without_position_uniqueness(form_class):
    """A model form that leaves the (parent, position) uniqueness to OrderedInlineFormSet."""

    class Form(form_class):
        def _get_validation_exclusions(self):
            exclude = super()._get_validation_exclusions()
            exclude.add("position")
            return exclude

    Form.__name__ = form_class.__name__
    return Form


class ImportForm(forms.Form):
    file = forms.FileField(
        label="YAML file",
        help_text="A framework in the framework file format (linked above), as an export gives.",
    )

    MAX_BYTES = 2_000_000

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError("The file is too large for a framework (over 2 MB).")
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValidationError("The file is not UTF-8 text.") from error
