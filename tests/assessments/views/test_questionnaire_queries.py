"""A questionnaire page's queries do not grow with the number of items on it (issue 15).

The same counts for a page of 2 and of 12 rated items (each with a free-text item too),
shown, and saved with every rating, comment and text changed, first as new answers and then
over stored ones.
"""

import pytest

from assessments import services
from tests.assessments.views.test_questionnaire import (  # noqa: F401
    SECTION_GET_QUERIES,
    SECTION_POST_QUERIES,
    items_of,
    partner,
    pytestmark,
    respondent,
    section_url,
)
from tests.factories import RoundFactory, build_framework

# Saving every part of every item: one upsert for the ratings with their comments and one for
# the free-text answer (services.save_answers writes one per set of parts).
SECTION_POST_ALL_PARTS_QUERIES = SECTION_POST_QUERIES + 1


@pytest.fixture(params=[2, 12], ids=["2 items", "12 items"])
def page(request, partnership, partner, respondent, client):
    framework = build_framework(sections=(request.param, 1), text_items=(1,))
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    client.force_login(respondent)
    response = services.start_response(
        actor=respondent, round_=round_, framework=framework, partner=partner
    )
    return response, items_of(framework, 1)


def every_part_changed(items, value, note):
    data = {}
    for item in items:
        if item.is_scored:
            data[f"item_{item.pk}"] = str(value)
            data[f"comment_{item.pk}"] = f"{note} {item.pk}"
        else:
            data[f"text_{item.pk}"] = f"{note} text"
    return data


def test_showing_a_page_takes_the_same_queries_whatever_its_size(
    client, page, django_assert_num_queries
):
    response, items = page
    with django_assert_num_queries(SECTION_GET_QUERIES):
        html = client.get(section_url(response, 1)).content.decode()
    assert html.count('class="nhsuk-radios"') == len(items) - 1


def test_saving_a_page_takes_the_same_queries_whatever_its_size(
    client, page, django_assert_num_queries
):
    response, items = page
    with django_assert_num_queries(SECTION_POST_ALL_PARTS_QUERIES):
        assert (
            client.post(section_url(response, 1), every_part_changed(items, 2, "First")).status_code
            == 302
        )
    assert response.answers.filter(value=2).count() == len(items) - 1
    # Over stored answers: the page sends what it was rendered with as the initial values.
    changed = every_part_changed(items, 4, "Second")
    changed.update(
        {f"initial-{name}": value for name, value in every_part_changed(items, 2, "First").items()}
    )
    with django_assert_num_queries(SECTION_POST_ALL_PARTS_QUERIES):
        assert client.post(section_url(response, 1), changed).status_code == 302
    assert response.answers.filter(value=4).count() == len(items) - 1
    assert response.answers.filter(text="Second text").count() == 1
