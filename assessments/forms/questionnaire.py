"""Forms for the questionnaire: one section (dimension) of items, and who is answering."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property

from django import forms
from django.template.defaultfilters import truncatechars
from django.utils.html import format_html, format_html_join

from assessments.forms.section_markup import Question, radios, textarea
from assessments.models import Answer, Partner, RespondentRole
from assessments.services import AnswerInput
from assessments.services.responses import MAX_COMMENT_LENGTH, MAX_TEXT_LENGTH
from frameworks.models import Framework, Item
from partnership_site.crispy_nhsuk.choices import Choice
from partnership_site.crispy_nhsuk.helper import FormHelper
from partnership_site.crispy_nhsuk.layout import Field, Layout, Size

NOT_APPLICABLE = "na"
NOT_APPLICABLE_LABEL = "Not applicable / don't know"
# Every field name a section form could have; any other name of this shape is tampering.
ANSWER_FIELD = re.compile(r"^(item|comment|text)_")

COMMENT_HINT = (
    "For example, something that happened. Comments are shared with the partnership without "
    "your name, so do not include names or other personal details."
)


def first_sentence(text: str) -> str:
    sentence, stop, _ = text.strip().partition(". ")
    return sentence + "." if stop else sentence


def _short(item: Item) -> str:
    return truncatechars(item.statement.rstrip("."), 80)


def _hint(item: Item, framework: Framework) -> str:
    parts = [part for part in (item.help_text, framework.scale_question) if part]
    if not parts:
        return ""
    # The pack renders help text as HTML: escape the content ourselves.
    return format_html("{}", parts[0]) if len(parts) == 1 else format_html("{}<br>{}", *parts)


def scale_choices(item: Item, framework: Framework) -> list[Choice]:
    points = framework.scale_points
    choices = []
    for index, (value, label) in enumerate(points):
        last = index == len(points) - 1
        divider = "or" if last and item.allows_not_applicable else None
        choices.append(Choice(str(value), label, divider=divider))
    if item.allows_not_applicable:
        choices.append(Choice(NOT_APPLICABLE, NOT_APPLICABLE_LABEL))
    return choices


def answer_label(answer: Answer | None, framework: Framework) -> str:
    """How an answer reads back on the check-answers page."""
    if answer is None:
        return ""
    if answer.value is None:
        return answer.text or NOT_APPLICABLE_LABEL
    return dict(framework.scale_points).get(answer.value, str(answer.value))


class SectionForm(forms.Form):
    """The items of one dimension: radios (and an optional comment) per rated item, a text
    area per free-text item. Every field is optional: partial answers are saved; only
    submitting the whole response needs every rated item answered.

    Only what the person changed on this page is written (ADR 0024). Every field carries the
    value the page was rendered with in a hidden ``initial-<name>`` input (Django's
    ``show_hidden_initial``), so ``changed_data`` compares what was sent with what this page
    showed, not with what is stored now: a page left open in a second tab never overwrites
    or deletes an answer, comment or free text saved from another tab that it did not touch.

    The page renders ``questions`` with templates/assessments/questionnaire/includes/
    questions.html, the NHS.UK pack's markup in one template loop (ADR 0038).
    """

    # No `required` attributes: the browser's validation would pre-empt the NHS.UK error
    # summary (as crispy_nhsuk.FormHelper.html5_required; every field is optional anyway).
    use_required_attribute = False

    def __init__(
        self,
        data=None,
        *,
        framework: Framework,
        items: Sequence[Item],
        answers: Mapping[int, Answer] | Callable[[], Mapping[int, Answer]],
    ):
        """``answers``: the stored answers by item id, or a function that reads them, called
        only if the page is rendered (a page saved without errors never needs them: its
        hidden initial values say what it showed)."""
        self.framework = framework
        self.items = list(items)
        self._answers = answers
        super().__init__(data)
        for item in self.items:
            if item.is_scored:
                short = _short(item)
                self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                    label=item.statement,
                    help_text=_hint(item, framework),
                    choices=scale_choices(item, framework),
                    widget=forms.RadioSelect,
                    required=False,
                    show_hidden_initial=True,
                    error_messages={
                        "invalid_choice": f"Select one of the answers shown for ‘{short}’"
                    },
                )
                self.fields[f"comment_{item.pk}"] = forms.CharField(
                    label="Evidence or example (optional)",
                    help_text=COMMENT_HINT,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    required=False,
                    show_hidden_initial=True,
                    max_length=MAX_COMMENT_LENGTH,
                    error_messages={
                        "max_length": f"Evidence or example for ‘{short}’ must be "
                        f"{MAX_COMMENT_LENGTH} characters or fewer"
                    },
                )
            else:
                self.fields[f"text_{item.pk}"] = forms.CharField(
                    label=item.statement,
                    help_text=format_html("{}", item.help_text) if item.help_text else "",
                    widget=forms.Textarea(attrs={"rows": 5}),
                    required=False,
                    show_hidden_initial=True,
                    max_length=MAX_TEXT_LENGTH,
                    error_messages={
                        "max_length": f"Your answer to ‘{_short(item)}’ must be "
                        f"{MAX_TEXT_LENGTH} characters or fewer"
                    },
                )

    def get_initial_for_field(self, field, field_name):
        """The field's value in the stored answers (read on first use), else none."""
        return self._stored_initial.get(field_name, field.initial)

    @cached_property
    def _stored_initial(self) -> dict:
        answers = self._answers() if callable(self._answers) else self._answers
        initial = {}
        for item in self.items:
            answer = answers.get(item.pk)
            if answer is None:
                continue
            if item.is_scored:
                value = answer.value
                initial[f"item_{item.pk}"] = NOT_APPLICABLE if value is None else str(value)
                initial[f"comment_{item.pk}"] = answer.comment
            else:
                initial[f"text_{item.pk}"] = answer.text
        return initial

    def hidden_initials(self):
        """The hidden ``initial-<name>`` inputs: the value each field had when this page was
        first rendered. A page shown again after an error keeps the values it was first
        rendered with, so the person's second try is compared with what they first saw."""
        rows = []
        for name in self.fields:
            bound = self[name]
            if self.is_bound and bound.html_initial_name in self.data:
                value = self.data.get(bound.html_initial_name)
            else:
                value = bound.initial
            rows.append((bound.html_initial_name, "" if value is None else value))
        return format_html_join("\n", '<input type="hidden" name="{}" value="{}">', rows)

    def questions(self) -> list[Question]:
        """The page's items in order, as the questions template renders them: a rated item's
        radios and its comment (in a details component, open when it holds text or an
        error), or a free-text item's text area."""
        questions = []
        for item in self.items:
            css_id = f"item-{item.pk}"
            if not item.is_scored:
                questions.append(Question(css_id=css_id, text=textarea(self[f"text_{item.pk}"])))
                continue
            comment = self[f"comment_{item.pk}"]
            questions.append(
                Question(
                    css_id=css_id,
                    rating=radios(self[f"item_{item.pk}"]),
                    comment=textarea(comment),
                    comment_open=bool(comment.value()) or bool(comment.errors),
                    summary_context=f"for ‘{_short(item)}’",
                )
            )
        return questions

    @classmethod
    def unexpected_fields(cls, data, expected) -> list[str]:
        """Answer-shaped names that are not this page's fields, or fields sent twice: a
        tampered form (or a page changed under the person), never stored."""
        expected = set(expected)
        return [
            name
            for name in data
            if ANSWER_FIELD.match(name) and (name not in expected or len(data.getlist(name)) > 1)
        ]

    def clean(self):
        cleaned = super().clean()
        for item in self.items:
            if not item.is_scored:
                continue
            choice = cleaned.get(f"item_{item.pk}")
            comment = cleaned.get(f"comment_{item.pk}")
            if comment and not choice and f"item_{item.pk}" not in self.errors:
                self.add_error(
                    f"item_{item.pk}",
                    f"Select an answer for ‘{_short(item)}’ to go with your evidence or "
                    "example, or delete the evidence",
                )
        return cleaned

    def answers(self) -> dict[int, AnswerInput]:
        """The answers changed on this page (against the values it was rendered with).

        Unchanged fields are left out, so whatever is stored for them now stays; unanswered
        rated items are left out too. A rated item whose rating changed writes the rating,
        one whose comment changed writes the comment (``AnswerInput.fields``); the other part
        keeps its stored value. A changed free-text item is written (emptied text removes it).
        """
        changed = set(self.changed_data)
        answers = {}
        for item in self.items:
            if item.is_scored:
                choice = self.cleaned_data.get(f"item_{item.pk}")
                fields = {
                    part
                    for part, name in (("value", "item"), ("comment", "comment"))
                    if f"{name}_{item.pk}" in changed
                }
                if not choice or not fields:
                    continue
                comment = self.cleaned_data.get(f"comment_{item.pk}", "")
                value = None if choice == NOT_APPLICABLE else int(choice)
                answers[item.pk] = AnswerInput(
                    value=value, comment=comment, fields=frozenset(fields)
                )
            elif f"text_{item.pk}" in changed:
                answers[item.pk] = AnswerInput(text=self.cleaned_data.get(f"text_{item.pk}", ""))
        return answers

    def field_for_item(self, item_id: int) -> str | None:
        for name in (f"item_{item_id}", f"text_{item_id}"):
            if name in self.fields:
                return name
        return None


class RespondentForm(forms.Form):
    """Who is answering: their organisation and role, and (for guests) which questionnaires.
    Only the questions the page needs are asked."""

    partner = forms.TypedChoiceField(
        label="Which organisation do you work for?",
        help_text="Choose the partner organisation you mainly work for in this partnership.",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the organisation you work for"},
    )
    respondent_role = forms.ChoiceField(
        label="What is your role?",
        help_text="Choose the closest. Results are only shown for groups large enough that "
        "no one can be identified.",
        choices=RespondentRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select your role"},
    )
    frameworks = forms.TypedMultipleChoiceField(
        label="Which questionnaires will you answer?",
        help_text="Select all that you have time for. You can answer the others later with "
        "the same invitation link.",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one questionnaire"},
    )

    def __init__(
        self,
        data=None,
        *,
        partners: Sequence[Partner] | None = None,
        ask_role: bool = True,
        frameworks: Sequence[Framework] | None = None,
        initial=None,
    ):
        super().__init__(data, initial=initial)
        layout = []
        if partners:
            self.fields["partner"].choices = [(p.pk, p.name) for p in partners]
            layout.append(Field.radios("partner", legend_size=Size.MEDIUM))
        else:
            del self.fields["partner"]
        if ask_role:
            layout.append(Field.radios("respondent_role", legend_size=Size.MEDIUM))
        else:
            del self.fields["respondent_role"]
        if frameworks and len(frameworks) > 1:
            self.fields["frameworks"].choices = [
                Choice(f.pk, f.title, hint=first_sentence(f.summary)) for f in frameworks
            ]
            layout.append(Field.checkboxes("frameworks", legend_size=Size.MEDIUM))
        else:
            del self.fields["frameworks"]
        self.partners = {p.pk: p for p in partners or ()}
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(*layout)

    def chosen_partner(self) -> Partner | None:
        return self.partners.get(self.cleaned_data.get("partner"))


class LinkRequestForm(RespondentForm):
    """Asking for a personal link through a round's shared link (ADR 0037): a work email
    address, then organisation and role. The address's domain is checked by the service
    (``services.request_personal_link``), so the form and the service cannot disagree."""

    email = forms.CharField(
        label="Your work email address",
        max_length=254,
        widget=forms.EmailInput,
        error_messages={"required": "Enter your work email address"},
    )

    def __init__(self, data=None, *, partners: Sequence[Partner], domains: str, initial=None):
        super().__init__(data, partners=partners, initial=initial)
        self.fields[
            "email"
        ].help_text = f"An address {domains}. We email your own link to it: only you can use it."
        self.helper.layout = Layout(
            Field.text(
                "email",
                label_size=Size.MEDIUM,
                autocomplete="email",
                spellcheck="false",
            ),
            *self.helper.layout.fields,
        )
