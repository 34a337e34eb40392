"""The questionnaire for signed-in members: the round page, starting, each section, check
answers, submit, confirmation and result; bad input; query counts."""

import re

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Answer, Response, ResponseStatus, RoundStatus
from assessments.services import AnswerInput
from frameworks.models import FrameworkKind, Item
from partnership_site.roles import PartnershipRole
from tests.factories import (
    MembershipFactory,
    PartnerFactory,
    RoundFactory,
    build_framework,
)

pytestmark = pytest.mark.django_db


def items_of(framework, number=None):
    items = Item.objects.filter(dimension__framework=framework).order_by(
        "dimension__position", "position"
    )
    if number is not None:
        items = items.filter(dimension__position=number)
    return list(items)


def answers(items, value=4, **extra):
    data = {f"item_{item.pk}": str(value) for item in items if item.is_scored}
    data.update(extra)
    return data


def section_url(response, number, change=False):
    url = reverse("questionnaire_section", args=[response.pk, number])
    return url + "?change=1" if change else url


def text(response):
    return response.content.decode()


def title(response):
    return re.search(r"<title>(.*?)</title>", text(response), re.S).group(1).strip()


@pytest.fixture
def framework():
    return build_framework(
        sections=(2, 2, 1),
        text_items=(3,),
        title="Readiness for change",
        scale_question="How far do you agree?",
    )


@pytest.fixture
def partner(partnership):
    return PartnerFactory(partnership=partnership, name="Riverside Medical Centre")


@pytest.fixture
def respondent(partnership, partner):
    return MembershipFactory(
        partnership=partnership, role=PartnershipRole.MEMBER, partner=partner
    ).user


@pytest.fixture
def round_(partnership, framework):
    return RoundFactory(partnership=partnership, frameworks=[framework], title="Autumn check-in")


@pytest.fixture
def started(round_, framework, partner, respondent, client):
    client.force_login(respondent)
    return services.start_response(
        actor=respondent,
        round_=round_,
        framework=framework,
        partner=partner,
        respondent_role="clinical",
    )


# -- The whole signed-in flow -----------------------------------------------------------


def test_a_member_answers_a_questionnaire_from_start_to_result(
    client, partnership, framework, partner, respondent
):
    values = build_framework(sections=(1,), title="Partnership values")
    round_ = RoundFactory(partnership=partnership, frameworks=[framework, values])
    client.force_login(respondent)

    page = client.get(reverse("round_answer", args=[round_.pk]))
    assert page.status_code == 200
    assert text(page).count("Not started") == 2
    start_url = reverse("round_start", args=[round_.pk, framework.pk])
    assert start_url in text(page)

    # The first time, they are asked their role; their organisation comes from membership.
    page = client.get(start_url)
    assert "What is your role?" in text(page)
    assert "Riverside Medical Centre" in text(page)
    assert "Which organisation" not in text(page)
    page = client.post(start_url, {})
    assert title(page).startswith("Error: ")
    assert "Select your role" in text(page)
    page = client.post(start_url, {"respondent_role": "clinical"})
    response = Response.objects.get(respondent=respondent, framework=framework)
    assert page.url == section_url(response, 1)
    assert response.partner == partner
    assert response.respondent_role == "clinical"

    for number in (1, 2, 3):
        page = client.get(section_url(response, number))
        assert f"Section {number} of 3" in text(page)
        data = answers(items_of(framework, number))
        if number == 3:
            text_item = items_of(framework, 3)[-1]
            data[f"text_{text_item.pk}"] = "Our joint clinic worked."
        page = client.post(section_url(response, number), data)
        expected = section_url(response, number + 1) if number < 3 else None
        assert page.url == (expected or reverse("check_answers", args=[response.pk]))

    page = client.get(reverse("check_answers", args=[response.pk]))
    assert "Check your answers" in text(page)
    assert text(page).count("Agree") == 5
    assert "Our joint clinic worked." in text(page)
    assert section_url(response, 2, change=True) in text(page)

    page = client.post(reverse("check_answers", args=[response.pk]))
    assert page.url == reverse("questionnaire_submitted", args=[response.pk])
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED

    page = client.get(page.url)
    assert "Answers submitted" in text(page)
    assert 'class="nhsuk-panel"' in text(page)
    # The next questionnaire in the round is offered.
    assert reverse("round_start", args=[round_.pk, values.pk]) in text(page)

    page = client.get(reverse("my_result", args=[response.pk]))
    assert "Your result" in text(page)
    assert "Section 1 title" in text(page)
    assert "Guidance for section 1." in text(page)
    assert "nhsuk-tag--green" in text(page)  # every answer "Agree": 75, a strength
    assert ">75<" in text(page)

    page = client.get(reverse("round_answer", args=[round_.pk]))
    assert "Submitted" in text(page)
    assert reverse("my_result", args=[response.pk]) in text(page)

    # Their role is remembered for the next questionnaire.
    page = client.get(reverse("round_start", args=[round_.pk, values.pk]))
    assert "What is your role?" not in text(page)
    page = client.post(reverse("round_start", args=[round_.pk, values.pk]))
    second = Response.objects.get(respondent=respondent, framework=values)
    assert second.respondent_role == "clinical"
    assert page.url == section_url(second, 1)


def test_a_member_without_an_organisation_is_asked_for_one(client, partnership, round_, framework):
    user = MembershipFactory(partnership=partnership, role=PartnershipRole.MANAGER).user
    partner = PartnerFactory(partnership=partnership, name="Harbour View Surgery")
    client.force_login(user)
    url = reverse("round_start", args=[round_.pk, framework.pk])
    assert "Which organisation do you work for?" in text(client.get(url))
    page = client.post(url, {"respondent_role": "leadership", "partner": str(partner.pk)})
    assert page.status_code == 302
    assert Response.objects.get(respondent=user).partner == partner


def test_starting_again_continues_the_same_response(client, started, round_, framework):
    page = client.get(reverse("round_start", args=[round_.pk, framework.pk]))
    assert page.url == reverse("response_continue", args=[started.pk])
    assert client.get(page.url).url == section_url(started, 1)
    assert Response.objects.count() == 1


def test_round_page_for_people_who_may_not_answer(client, round_, facilitator, outsider):
    url = reverse("round_answer", args=[round_.pk])
    assert client.get(url).url.startswith(reverse("login"))
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(facilitator)
    assert client.get(url).status_code == 403
    assert client.get(reverse("round_start", args=[round_.pk, 1])).status_code == 403


def test_a_round_that_is_not_open_accepts_no_answers(client, respondent, round_, framework):
    client.force_login(respondent)
    round_.status = RoundStatus.DRAFT
    round_.save()
    page = client.get(reverse("round_answer", args=[round_.pk]))
    assert "Not open for answers yet" in text(page)
    assert reverse("round_start", args=[round_.pk, framework.pk]) not in text(page)
    url = reverse("round_start", args=[round_.pk, framework.pk])
    assert "not open yet" in text(client.get(url))
    assert client.post(url, {"respondent_role": "clinical"}).status_code == 403
    assert not Response.objects.exists()


def test_a_closed_round_refuses_changes_to_a_started_response(client, started, framework):
    started.round.status = RoundStatus.CLOSED
    started.round.save()
    page = client.get(section_url(started, 1))
    assert "This questionnaire has closed" in text(page)
    page = client.post(section_url(started, 1), answers(items_of(framework, 1)))
    assert page.status_code == 403
    assert "Your latest answers were not saved" in text(page)
    assert client.post(reverse("check_answers", args=[started.pk])).status_code == 403
    assert not Answer.objects.exists()


# -- Section pages ----------------------------------------------------------------------


def test_a_section_page_shows_its_dimension_and_nhs_radios(client, started, framework):
    first = items_of(framework, 1)[0]
    Item.objects.filter(pk=first.pk).update(help_text="Think of the last <b>year</b>.")
    second = items_of(framework, 1)[1]
    Item.objects.filter(pk=second.pk).update(allows_not_applicable=False)
    page = client.get(section_url(started, 1))
    html = text(page)
    assert title(page).startswith("Section 1 title – Section 1 of 3 – Readiness for change")
    assert "What section 1 is about." in html
    assert html.count('class="nhsuk-radios"') == 2
    assert "Strongly disagree" in html and "Strongly agree" in html
    assert f'id="id_item_{first.pk}_0"' in html
    assert "Think of the last &lt;b&gt;year&lt;/b&gt;.<br>How far do you agree?" in html
    # "Not applicable" only where the item allows it, after an "or" divider.
    assert html.count("Not applicable / don&#x27;t know") == 1
    assert html.count('<div class="nhsuk-radios__divider">or</div>') == 1
    assert html.count("Evidence or example (optional)") == 2
    assert "csrfmiddlewaretoken" in html
    assert "Save and come back later" in html
    # Members have no resume link: they sign in to come back.
    assert "Keep this link private" not in html
    assert reverse("round_answer", args=[started.round.pk]) in html  # the back link


def test_a_checklist_framework_shows_its_own_labels(client, partnership, partner, respondent):
    checklist = build_framework(
        sections=(2,),
        kind=FrameworkKind.CHECKLIST,
        scale_min=0,
        scale_max=2,
        scale_labels=["No", "Partly", "Yes"],
    )
    round_ = RoundFactory(partnership=partnership, frameworks=[checklist])
    response = services.start_response(
        actor=respondent, round_=round_, framework=checklist, partner=partner
    )
    client.force_login(respondent)
    html = text(client.get(section_url(response, 1)))
    for label in ("No", "Partly", "Yes"):
        assert f">{label}</label>" in html
    assert "Strongly" not in html


def test_text_items_use_a_textarea_with_a_character_count(client, started, framework):
    text_item = items_of(framework, 3)[-1]
    html = text(client.get(section_url(started, 3)))
    assert (
        f'<textarea class="nhsuk-textarea nhsuk-js-character-count" id="id_text_{text_item.pk}"'
        in html
    )
    assert 'data-module="nhsuk-character-count" data-maxlength="5000"' in html
    assert "You can enter up to 5000 characters" in html
    assert " maxlength=" not in html


def test_an_over_long_comment_is_refused_and_kept(client, started, framework):
    """No silent cut at 2,000 characters: the page says what is wrong and keeps the text."""
    item = items_of(framework, 1)[0]
    comment = "Monthly meetings. " * 120  # 2,160 characters
    response = client.post(
        section_url(started, 1), {f"item_{item.pk}": "3", f"comment_{item.pk}": comment}
    )
    html = text(response)
    assert response.status_code == 200
    assert "must be 2000 characters or fewer" in html
    assert comment.strip() in html
    assert 'data-maxlength="2000"' in html


def test_answers_already_given_are_shown_again(client, started, framework, respondent):
    first, second = items_of(framework, 1)
    services.save_answers(
        actor=respondent,
        response=started,
        answers={first.pk: AnswerInput(value=2, comment="We met twice."), second.pk: AnswerInput()},
    )
    html = text(client.get(section_url(started, 1)))
    assert re.search(rf'id="id_item_{first.pk}_1"[^>]*checked', html)
    assert re.search(rf'id="id_item_{second.pk}_5"[^>]*value="na"[^>]*checked', html)
    assert "We met twice." in html
    assert '<details class="nhsuk-details" open>' in html


def test_save_and_come_back_later_keeps_partial_answers(client, started, framework):
    first = items_of(framework, 1)[0]
    page = client.post(section_url(started, 1), {f"item_{first.pk}": "5", "later": ""})
    assert page.url == reverse("questionnaire_saved", args=[started.pk])
    assert started.answers.get().value == 5
    html = text(client.get(page.url))
    assert "Your answers have been saved" in html
    assert reverse("round_answer", args=[started.round.pk]) in html


def test_partial_answers_move_on_to_the_next_section(client, started, framework):
    page = client.post(section_url(started, 1), {})
    assert page.url == section_url(started, 2)
    assert not Answer.objects.exists()


def test_a_change_link_returns_to_check_answers(client, started, framework):
    page = client.get(section_url(started, 2, change=True))
    assert reverse("check_answers", args=[started.pk]) in text(page)  # the back link
    page = client.post(section_url(started, 2, change=True), answers(items_of(framework, 2)))
    assert page.url == reverse("check_answers", args=[started.pk])


def test_sections_out_of_range_are_not_found(client, started):
    assert client.get(section_url(started, 4)).status_code == 404
    assert client.get(section_url(started, 0)).status_code == 404


def test_continue_goes_to_the_first_section_with_a_question_left(client, started, framework):
    services.save_answers(
        actor=started.respondent,
        response=started,
        answers={item.pk: AnswerInput(value=3) for item in items_of(framework, 1)},
    )
    page = client.get(reverse("response_continue", args=[started.pk]))
    assert page.url == section_url(started, 2)


# -- Bad input --------------------------------------------------------------------------


@pytest.fixture
def long_response(partnership, partner, respondent, client):
    framework = build_framework(sections=(15, 1))
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    client.force_login(respondent)
    response = services.start_response(
        actor=respondent, round_=round_, framework=framework, partner=partner
    )
    return response, items_of(framework, 1)


def answer_first(response, items, count):
    services.save_answers(
        actor=response.respondent,
        response=response,
        answers={item.pk: AnswerInput(value=3, comment="c") for item in items[:count]},
    )


# A signed-in page: session, user, the response, whether the header links to the dashboard;
# then the page's own reads.
SECTION_GET_QUERIES = 7  # + sections, this section's items, their answers


SECTION_POST_QUERIES = 12  # + lock, permission, items, one upsert, touch, savepoints


CHECK_GET_QUERIES = 7  # + sections, all items, all answers


RESULT_GET_QUERIES = 9  # + the framework's structure and the answer counts
