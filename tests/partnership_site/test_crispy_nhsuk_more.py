"""The NHS.UK crispy-forms template pack, continued from test_crispy_nhsuk.py."""

import pytest

from partnership_site.crispy_nhsuk.layout import (
    ErrorSummary,
    Field,
    Size,
)
from tests.partnership_site.test_crispy_nhsuk import (  # noqa: F401
    AddressForm,
    AssessmentForm,
    CommentsForm,
    ConsentForm,
    ContactForm,
    NameForm,
    ProfileForm,
    RegionForm,
    RoleForm,
    TopicsForm,
    YesNoForm,
    _html,
    assert_html,
    crispy,
    helper_for,
    render,
)


def test_inline_small_radios_with_a_checked_choice():
    form = YesNoForm(initial={"agreed": "no"})
    form.helper = helper_for(
        Field.radios("agreed", legend_size=Size.MEDIUM, inline=True, small=True)
    )

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group">
          <fieldset class="nhsuk-fieldset">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              Has the partnership agreed its priorities?
            </legend>
            <div class="nhsuk-radios nhsuk-radios--inline nhsuk-radios--small"
                 data-module="nhsuk-radios">
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_agreed_0" name="agreed"
                       type="radio" value="yes">
                <label class="nhsuk-label nhsuk-radios__label" for="id_agreed_0">Yes</label>
              </div>
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_agreed_1" name="agreed"
                       type="radio" value="no" checked>
                <label class="nhsuk-label nhsuk-radios__label" for="id_agreed_1">No</label>
              </div>
            </div>
          </fieldset>
        </div>
        """,
    )


def test_error_summary_layout_object_lists_every_error_with_links():
    form = ProfileForm(data={})
    form.helper = helper_for(
        ErrorSummary(title="Check your answers"),
        Field.text("name"),
        Field.radios("team"),
        "ref",
    )

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-error-summary" data-module="nhsuk-error-summary" tabindex="-1">
          <div role="alert">
            <h2 class="nhsuk-error-summary__heading">Check your answers</h2>
            <div class="nhsuk-error-summary__body">
              <ul class="nhsuk-list nhsuk-error-summary__list">
                <li><a href="#id_name">Something went wrong</a></li>
                <li>Ref: Missing ref</li>
                <li><a href="#id_name">Enter your name</a></li>
                <li><a href="#id_team_0">Select your team</a></li>
              </ul>
            </div>
          </div>
        </div>
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <label class="nhsuk-label" for="id_name">Name</label>
          <span class="nhsuk-error-message" id="id_name-error">
            <span class="nhsuk-u-visually-hidden">Error: </span>Enter your name
          </span>
          <input class="nhsuk-input nhsuk-input--error" id="id_name" name="name" type="text"
                 aria-describedby="id_name-error" aria-invalid="true">
        </div>
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <fieldset class="nhsuk-fieldset" aria-describedby="id_team-error">
            <legend class="nhsuk-fieldset__legend">Team</legend>
            <span class="nhsuk-error-message" id="id_team-error">
              <span class="nhsuk-u-visually-hidden">Error: </span>Select your team
            </span>
            <div class="nhsuk-radios" data-module="nhsuk-radios">
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_team_0" name="team" type="radio"
                       value="a" aria-invalid="true">
                <label class="nhsuk-label nhsuk-radios__label" for="id_team_0">A</label>
              </div>
              <div class="nhsuk-radios__item">
                <input class="nhsuk-radios__input" id="id_team_1" name="team" type="radio"
                       value="b" aria-invalid="true">
                <label class="nhsuk-label nhsuk-radios__label" for="id_team_1">B</label>
              </div>
            </div>
          </fieldset>
        </div>
        <input type="hidden" name="ref" id="id_ref">
        """,
    )


def test_form_show_errors_false_hides_error_summary_and_messages():
    form = NameForm(data={"name": ""})
    form.helper = helper_for(
        ErrorSummary(), Field.text("name"), form_show_errors=False, error_summary=True
    )

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group">
          <label class="nhsuk-label" for="id_name">Full name</label>
          <div class="nhsuk-hint" id="id_name-hint">As it appears on your NHS smartcard</div>
          <input class="nhsuk-input" id="id_name" name="name" type="text"
                 aria-describedby="id_name-hint" aria-invalid="true">
        </div>
        """,
    )


def test_checkboxes_with_legend_hint_and_checked_values():
    form = TopicsForm(initial={"topics": ["governance", "workforce"]})
    form.helper = helper_for(Field.checkboxes("topics", legend_size=Size.MEDIUM, small=True))

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group">
          <fieldset class="nhsuk-fieldset" aria-describedby="id_topics-hint">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
              Which topics do you want to assess?
            </legend>
            <div class="nhsuk-hint" id="id_topics-hint">Select all that apply</div>
            <div class="nhsuk-checkboxes nhsuk-checkboxes--small" data-module="nhsuk-checkboxes">
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_topics_0" name="topics"
                       type="checkbox" value="governance" checked>
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_0">
                  Governance
                </label>
              </div>
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_topics_1" name="topics"
                       type="checkbox" value="finance" aria-describedby="id_topics_1-item-hint">
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_1">
                  Finance
                </label>
                <div class="nhsuk-hint nhsuk-checkboxes__hint" id="id_topics_1-item-hint">
                  Budgets and funding
                </div>
              </div>
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_topics_2" name="topics"
                       type="checkbox" value="workforce" checked>
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_2">
                  Workforce
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        """,
    )


def test_checkboxes_with_error():
    form = TopicsForm(data={})
    form.helper = helper_for(Field.checkboxes("topics"))

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <fieldset class="nhsuk-fieldset" aria-describedby="id_topics-hint id_topics-error">
            <legend class="nhsuk-fieldset__legend">Which topics do you want to assess?</legend>
            <div class="nhsuk-hint" id="id_topics-hint">Select all that apply</div>
            <span class="nhsuk-error-message" id="id_topics-error">
              <span class="nhsuk-u-visually-hidden">Error: </span>Select at least one topic
            </span>
            <div class="nhsuk-checkboxes" data-module="nhsuk-checkboxes">
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_topics_0" name="topics"
                       type="checkbox" value="governance" aria-invalid="true">
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_0">
                  Governance
                </label>
              </div>
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_topics_1" name="topics"
                       type="checkbox" value="finance" aria-describedby="id_topics_1-item-hint"
                       aria-invalid="true">
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_1">
                  Finance
                </label>
                <div class="nhsuk-hint nhsuk-checkboxes__hint" id="id_topics_1-item-hint">
                  Budgets and funding
                </div>
              </div>
              <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id="id_topics_2" name="topics"
                       type="checkbox" value="workforce" aria-invalid="true">
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_topics_2">
                  Workforce
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        """,
    )


def test_single_checkbox_with_hint_and_error():
    form = ConsentForm(data={})
    form.helper = helper_for(Field.checkbox("consent", small=True))

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <span class="nhsuk-error-message" id="id_consent-error">
            <span class="nhsuk-u-visually-hidden">Error: </span>Agree to share your answers
          </span>
          <div class="nhsuk-checkboxes nhsuk-checkboxes--small" data-module="nhsuk-checkboxes">
            <div class="nhsuk-checkboxes__item">
              <input class="nhsuk-checkboxes__input" id="id_consent" name="consent"
                     type="checkbox" aria-describedby="id_consent-hint id_consent-error"
                     aria-invalid="true">
              <label class="nhsuk-label nhsuk-checkboxes__label" for="id_consent">
                I agree to share my answers with the partnership
              </label>
              <div class="nhsuk-hint nhsuk-checkboxes__hint" id="id_consent-hint">
                You can change this later
              </div>
            </div>
          </div>
        </div>
        """,
    )


def test_textarea_with_rows_hint_and_error():
    form = CommentsForm(data={"comments": ""})
    form.helper = helper_for(Field.textarea("comments", rows=3, label_size=Size.MEDIUM))

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <label class="nhsuk-label nhsuk-label--m" for="id_comments">Comments</label>
          <div class="nhsuk-hint" id="id_comments-hint">Do not include personal information</div>
          <span class="nhsuk-error-message" id="id_comments-error">
            <span class="nhsuk-u-visually-hidden">Error: </span>Enter your comments
          </span>
          <textarea class="nhsuk-textarea nhsuk-textarea--error" id="id_comments"
                    name="comments" cols="40" rows="3" aria-invalid="true"
                    aria-describedby="id_comments-hint id_comments-error"></textarea>
        </div>
        """,
    )


def test_textarea_with_character_count_and_value():
    form = CommentsForm(data={"comments": "Works well"})
    form.helper = helper_for(Field.textarea("comments", max_characters=200, threshold=75))

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group nhsuk-character-count" data-module="nhsuk-character-count"
             data-maxlength="200" data-threshold="75">
          <label class="nhsuk-label" for="id_comments">Comments</label>
          <div class="nhsuk-hint" id="id_comments-hint">Do not include personal information</div>
          <textarea class="nhsuk-textarea nhsuk-js-character-count" id="id_comments"
                    name="comments" cols="40" rows="5"
                    aria-describedby="id_comments-info id_comments-hint">Works well</textarea>
          <div class="nhsuk-hint nhsuk-character-count__message" id="id_comments-info">
            You can enter up to 200 characters
          </div>
        </div>
        """,
    )


def test_textarea_rejects_both_character_and_word_limits():
    with pytest.raises(ValueError, match="max_characters and max_words"):
        Field.textarea("comments", max_characters=10, max_words=5)


def test_select_with_optgroups_and_selected_option():
    form = RegionForm(initial={"region": "sel"})
    form.helper = helper_for(Field.select("region", label_size=Size.SMALL))

    assert_html(
        crispy(form),
        """
        <div class="nhsuk-form-group">
          <label class="nhsuk-label nhsuk-label--s" for="id_region">Region</label>
          <div class="nhsuk-hint" id="id_region-hint">Where most of your practices are</div>
          <select class="nhsuk-select" id="id_region" name="region"
                  aria-describedby="id_region-hint">
            <option value="">Select a region</option>
            <option value="north">North East and Yorkshire</option>
            <optgroup label="London">
              <option value="nwl">North West London</option>
              <option value="sel" selected>South East London</option>
            </optgroup>
          </select>
        </div>
        """,
    )
