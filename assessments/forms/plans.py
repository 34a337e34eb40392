"""Forms for a closed round's targets (one optional score per dimension) and a consensus
workshop's agreed position (a score and a short rationale). Scores are whole numbers on the
report's 0–100 scale; the services (``assessments.services.plans``) check them again."""

from __future__ import annotations

from django import forms

from assessments.forms.partnerships import page_form_helper
from assessments.models.targets import SCORE_MAX
from assessments.services.plans import RATIONALE_MAX
from partnership_site.crispy_nhsuk.layout import Field, Fixed


def _score_field(label: str, *, required: bool, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=required,
        min_value=0,
        max_value=SCORE_MAX,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter a score from 0 to 100",
            "invalid": "Enter the score as a whole number from 0 to 100",
            "min_value": "The score must be 0 or more",
            "max_value": f"The score must be {SCORE_MAX} or less",
        },
    )


class TargetsForm(forms.Form):
    """``rows`` are the report's dimension rows; a field ``target_<dimension id>`` each."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            shown = row.score.shown
            self.fields[f"target_{row.id}"] = _score_field(
                f"{row.title} (optional)",
                required=False,
                help_text=f"Scored {shown} in this round." if shown is not None else "",
            )
        self.helper = page_form_helper(
            *(Field.text(f"target_{row.id}", field_width=Fixed.THREE) for row in rows),
            button="Save targets",
        )

    def targets_by_id(self) -> dict[int, int | None]:
        return {row.id: self.cleaned_data[f"target_{row.id}"] for row in self.rows}


class ConsensusForm(forms.Form):
    score = _score_field(
        "Agreed score", required=True, help_text="0 to 100, the scale the report uses."
    )
    rationale = forms.CharField(
        label="Why partners agreed this",
        max_length=RATIONALE_MAX,
        widget=forms.Textarea,
        error_messages={"required": "Enter why partners agreed this position"},
    )

    def __init__(self, *args, action_url: str, prefix: str, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)
        self.helper = page_form_helper(
            Field.text("score", field_width=Fixed.THREE),
            Field.textarea("rationale", rows=2, max_characters=RATIONALE_MAX),
            button="Record agreed position",
        )
        self.helper.form_action = action_url
