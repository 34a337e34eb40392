"""People who answered versus questionnaires submitted (assessments.selectors.answered)."""

import pytest
from django.utils import timezone

from assessments.models import PersonalInvitation, ResponseStatus, hash_token
from assessments.selectors.answered import AnsweredCount, answered_count, answered_counts
from tests.factories import (
    FrameworkFactory,
    PartnerFactory,
    ResponseFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def submitted(**kwargs):
    return ResponseFactory(status=ResponseStatus.SUBMITTED, submitted_at=timezone.now(), **kwargs)


@pytest.fixture
def round_and_frameworks():
    frameworks = [FrameworkFactory(), FrameworkFactory(), FrameworkFactory()]
    return RoundFactory(frameworks=frameworks), frameworks


def test_a_person_answering_three_questionnaires_counts_once(round_and_frameworks):
    round_, frameworks = round_and_frameworks
    partner = PartnerFactory(partnership=round_.partnership)
    people = [UserFactory(), UserFactory()]
    for person in people:
        for framework in frameworks:
            submitted(round=round_, framework=framework, partner=partner, respondent=person)
    # Started, not submitted: counts for neither figure.
    ResponseFactory(round=round_, framework=frameworks[0], partner=partner)

    count = answered_count(round_.pk)

    assert count == AnsweredCount(people=2, questionnaires=6, exact=True)
    assert str(count) == "2 people have answered; 6 questionnaires submitted"


def test_a_personal_link_is_one_person(round_and_frameworks):
    round_, frameworks = round_and_frameworks
    partner = PartnerFactory(partnership=round_.partnership)
    invitation = PersonalInvitation.objects.create(
        round=round_, name="Sam", email="sam@nhs.net", partner=partner, respondent_role="clinical"
    )
    for n, framework in enumerate(frameworks[:2]):
        submitted(
            round=round_,
            framework=framework,
            partner=partner,
            respondent=None,
            invitation=invitation,
            resume_token_hash=hash_token(f"personal-{n}"),
        )

    assert str(answered_count(round_.pk)) == "1 person has answered; 2 questionnaires submitted"


def test_shared_link_guests_are_at_least_the_most_answers_to_one_questionnaire(
    round_and_frameworks,
):
    round_, frameworks = round_and_frameworks
    partner = PartnerFactory(partnership=round_.partnership)
    for n, framework in enumerate([frameworks[0]] * 3 + [frameworks[1]] * 2):
        submitted(
            round=round_,
            framework=framework,
            partner=partner,
            respondent=None,
            resume_token_hash=hash_token(f"guest-{n}"),
        )
    submitted(round=round_, framework=frameworks[0], partner=partner)  # one signed-in person

    count = answered_count(round_.pk)

    assert count == AnsweredCount(people=4, questionnaires=6, exact=False)
    assert str(count) == "At least 4 people have answered; 6 questionnaires submitted"


def test_shared_link_guests_of_one_questionnaire_are_counted_exactly(round_and_frameworks):
    round_, frameworks = round_and_frameworks
    for n in range(2):
        submitted(
            round=round_,
            framework=frameworks[0],
            respondent=None,
            resume_token_hash=hash_token(f"guest-{n}"),
        )

    assert answered_count(round_.pk) == AnsweredCount(people=2, questionnaires=2, exact=True)


def test_nobody_yet_and_one_query_for_many_rounds(round_and_frameworks, django_assert_num_queries):
    round_, frameworks = round_and_frameworks
    other = RoundFactory(frameworks=frameworks)
    submitted(round=other, framework=frameworks[0])

    with django_assert_num_queries(1):
        counts = answered_counts([round_.pk, other.pk])

    assert str(counts[round_.pk]) == "Nobody has answered yet"
    assert str(counts[other.pk]) == "1 person has answered; 1 questionnaire submitted"
