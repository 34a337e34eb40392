"""The partnership management forms: what they accept, tidy and refuse."""

import pytest

from assessments.forms.partnerships import LocalQuestionsForm, PartnerForm
from assessments.models import OrganisationType


def partner_form(**data):
    return PartnerForm({"name": "Bridge Surgery", "organisation_type": "gp_practice", **data})


def test_partner_form_tidies_the_ods_code_and_the_number_of_people():
    form = partner_form(ods_code=" f81001 ", people_invited="1,250")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["ods_code"] == "F81001"
    assert form.cleaned_data["people_invited"] == 1250
    assert form.cleaned_data["organisation_type"] == OrganisationType.GP_PRACTICE


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"ods_code": "not a code!"}, "ods_code"),
        ({"people_invited": "0"}, "people_invited"),
        ({"people_invited": "twelve"}, "people_invited"),
        ({"organisation_type": "castle"}, "organisation_type"),
        ({"name": ""}, "name"),
    ],
)
def test_partner_form_refuses_bad_input(data, field):
    form = partner_form(**data)
    assert not form.is_valid()
    assert field in form.errors


def test_local_questions_form_keeps_one_question_per_non_blank_line():
    form = LocalQuestionsForm({"title": "Our area", "statements": "  First \n\n Second\n  \n"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["statements"] == ["First", "Second"]
