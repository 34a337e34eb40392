"""The questionnaire, continued from test_questionnaire.py."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Answer, Response, ResponseStatus
from frameworks.models import Item
from partnership_site.roles import PartnershipRole
from tests.assessments.views.test_questionnaire import (  # noqa: F401
    CHECK_GET_QUERIES,
    RESULT_GET_QUERIES,
    SECTION_GET_QUERIES,
    SECTION_POST_QUERIES,
    answer_first,
    answers,
    framework,
    items_of,
    long_response,
    partner,
    pytestmark,
    respondent,
    round_,
    section_url,
    started,
    text,
    title,
)
from tests.factories import (
    MembershipFactory,
    build_framework,
)


def test_an_out_of_range_value_is_an_error_and_stores_nothing(client, started, framework):
    first, second = items_of(framework, 1)
    page = client.post(section_url(started, 1), {f"item_{first.pk}": "4", f"item_{second.pk}": "9"})
    assert page.status_code == 200
    assert title(page).startswith("Error: ")
    html = text(page)
    assert 'class="nhsuk-error-summary"' in html
    assert f'href="#id_item_{second.pk}_0"' in html
    assert "Select one of the answers shown for ‘Statement 1.2’" in html
    # The answer given is kept on the page, but nothing is stored.
    assert re.search(rf'id="id_item_{first.pk}_3"[^>]*checked', html)
    assert not Answer.objects.exists()


def test_not_applicable_where_not_offered_is_an_error(client, started, framework):
    first = items_of(framework, 1)[0]
    Item.objects.filter(pk=first.pk).update(allows_not_applicable=False)
    page = client.post(section_url(started, 1), {f"item_{first.pk}": "na"})
    assert title(page).startswith("Error: ")
    assert not Answer.objects.exists()


def test_a_comment_without_an_answer_is_an_error(client, started, framework):
    first, second = items_of(framework, 1)
    page = client.post(
        section_url(started, 1),
        {f"comment_{first.pk}": "A workshop in May.", f"item_{second.pk}": "3"},
    )
    assert title(page).startswith("Error: ")
    assert "to go with your evidence or example" in text(page)
    assert "A workshop in May." in text(page)
    assert not Answer.objects.exists()


@pytest.mark.parametrize("tamper", ["other_framework", "other_section", "not_a_number", "twice"])
def test_tampered_item_ids_get_400_and_store_nothing(client, started, framework, tamper):
    first = items_of(framework, 1)[0]
    data = {f"item_{first.pk}": "4"}
    if tamper == "other_framework":
        data[f"item_{items_of(build_framework(sections=(1,)))[0].pk}"] = "4"
    elif tamper == "other_section":
        data[f"item_{items_of(framework, 2)[0].pk}"] = "4"
    elif tamper == "not_a_number":
        data["item_abc"] = "4"
    else:
        data = {f"item_{first.pk}": ["4", "5"]}
    page = client.post(section_url(started, 1), data)
    assert page.status_code == 400
    assert "Your answers could not be saved" in text(page)
    assert not Answer.objects.exists()


def test_other_peoples_responses_are_not_found(client, started, partnership, round_, framework):
    colleague = MembershipFactory(partnership=partnership, role=PartnershipRole.MANAGER).user
    client.force_login(colleague)
    first = items_of(framework, 1)[0]
    for name, args in [
        ("response_continue", [started.pk]),
        ("questionnaire_section", [started.pk, 1]),
        ("questionnaire_saved", [started.pk]),
        ("check_answers", [started.pk]),
        ("questionnaire_submitted", [started.pk]),
        ("my_result", [started.pk]),
    ]:
        url = reverse(name, args=args)
        assert client.get(url).status_code == 404, name
        assert client.post(url, {f"item_{first.pk}": "4"}).status_code == 404, name
    assert client.get(reverse("questionnaire_section", args=[999_999, 1])).status_code == 404
    assert not Answer.objects.exists()
    # Nor can anyone without an account open a member's response: they are asked to sign
    # in (the owner's session may have ended), and see nothing of it.
    anonymous = Client()
    page = anonymous.get(section_url(started, 1))
    assert page.url == f"{reverse('login')}?next={section_url(started, 1)}"


def test_missing_answers_on_submit_are_named_and_kept(client, started, framework):
    client.post(section_url(started, 1), answers(items_of(framework, 1), value=2))
    first_of_two = items_of(framework, 2)[0]
    client.post(section_url(started, 2), {f"item_{first_of_two.pk}": "5"})
    page = client.post(reverse("check_answers", args=[started.pk]))
    assert page.status_code == 200
    assert title(page).startswith("Error: Check your answers")
    html = text(page)
    missing = [items_of(framework, 2)[1], items_of(framework, 3)[0]]
    for item in missing:
        assert f"Answer ‘{item.statement}’" in html
        link = section_url(started, item.dimension.position, change=True)
        assert f"{link}#item-{item.pk}" in html
    assert html.count("Answer this question") == 2
    # Every answer already given is still there.
    assert started.answers.count() == 3
    started.refresh_from_db()
    assert started.status == ResponseStatus.IN_PROGRESS


def test_submitting_twice_creates_one_submission(client, started, framework):
    for number in (1, 2, 3):
        client.post(section_url(started, number), answers(items_of(framework, number)))
    url = reverse("check_answers", args=[started.pk])
    first = client.post(url)
    submitted_at = Response.objects.get(pk=started.pk).submitted_at
    second = client.post(url)
    assert first.url == second.url == reverse("questionnaire_submitted", args=[started.pk])
    assert Response.objects.get(pk=started.pk).submitted_at == submitted_at
    assert Response.objects.filter(status=ResponseStatus.SUBMITTED).count() == 1


def test_a_submitted_response_cannot_change(client, started, framework):
    for number in (1, 2, 3):
        client.post(section_url(started, number), answers(items_of(framework, number)))
    client.post(reverse("check_answers", args=[started.pk]))
    first = items_of(framework, 1)[0]
    page = client.post(section_url(started, 1), {f"item_{first.pk}": "1"})
    assert page.status_code == 409
    assert "You have already submitted your answers" in text(page)
    assert "The changes you just made were not saved" in text(page)
    assert started.answers.get(item=first).value == 4
    assert client.get(section_url(started, 1)).status_code == 200
    assert client.get(reverse("check_answers", args=[started.pk])).status_code == 302
    assert client.get(reverse("questionnaire_saved", args=[started.pk])).status_code == 302


def test_forms_need_the_csrf_token(started, framework):
    client = Client(enforce_csrf_checks=True)
    client.force_login(started.respondent)
    first = items_of(framework, 1)[0]
    assert client.post(section_url(started, 1), {f"item_{first.pk}": "4"}).status_code == 403
    assert client.post(reverse("check_answers", args=[started.pk])).status_code == 403
    assert not Answer.objects.exists()


def test_result_and_confirmation_wait_for_submission(client, started):
    assert client.get(reverse("my_result", args=[started.pk])).status_code == 302
    page = client.get(reverse("questionnaire_submitted", args=[started.pk]))
    assert page.url == reverse("check_answers", args=[started.pk])


@pytest.mark.parametrize("answered", [3, 15])
def test_section_page_queries_do_not_grow_with_answers(
    client, long_response, answered, django_assert_num_queries
):
    response, items = long_response
    answer_first(response, items, answered)
    with django_assert_num_queries(SECTION_GET_QUERIES):
        assert client.get(section_url(response, 1)).status_code == 200


@pytest.mark.parametrize("answered", [3, 15])
def test_saving_a_section_takes_the_same_queries_for_3_or_15_answers(
    client, long_response, answered, django_assert_num_queries
):
    response, items = long_response
    answer_first(response, items, answered)  # these become updates
    data = {f"item_{item.pk}": "5" for item in items[:answered]}
    with django_assert_num_queries(SECTION_POST_QUERIES):
        assert client.post(section_url(response, 1), data).status_code == 302
    assert response.answers.filter(value=5).count() == answered


@pytest.mark.parametrize("answered", [3, 15])
def test_check_answers_queries_do_not_grow_with_answers(
    client, long_response, answered, django_assert_num_queries
):
    response, items = long_response
    answer_first(response, items, answered)
    with django_assert_num_queries(CHECK_GET_QUERIES):
        assert client.get(reverse("check_answers", args=[response.pk])).status_code == 200


@pytest.mark.parametrize("answered", [3, 15])
def test_result_queries_do_not_grow_with_answers(
    client, long_response, answered, django_assert_num_queries
):
    response, items = long_response
    answer_first(response, items, answered)
    Response.objects.filter(pk=response.pk).update(
        status=ResponseStatus.SUBMITTED, submitted_at=response.started_at
    )
    with django_assert_num_queries(RESULT_GET_QUERIES):
        assert client.get(reverse("my_result", args=[response.pk])).status_code == 200
