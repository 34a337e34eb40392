"""Starting, saving and submitting responses (assessments.services.responses)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments import services
from assessments.models import Answer, Response, ResponseStatus, RoundStatus, hash_token
from assessments.services import AnswerInput
from assessments.services.responses import MAX_COMMENT_LENGTH
from frameworks.models import Item
from partnership_site.roles import PartnershipRole
from tests.factories import (
    MembershipFactory,
    PartnerFactory,
    ResponseFactory,
    RoundFactory,
    UserFactory,
    build_framework,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    return build_framework(sections=(2, 2), text_items=(2,))


@pytest.fixture
def round_(partnership, framework):
    return RoundFactory(partnership=partnership, frameworks=[framework])


@pytest.fixture
def partner(partnership):
    # The shared link takes answers only for organisations that said how many they asked.
    return PartnerFactory(partnership=partnership, people_invited=20)


def items(framework):
    return list(
        Item.objects.filter(dimension__framework=framework).order_by(
            "dimension__position", "position"
        )
    )


def start_guest(round_, framework, partner):
    return services.start_response(
        actor=AnonymousUser(),
        round_=round_,
        framework=framework,
        partner=partner,
        respondent_role="clinical",
    )


# -- start_response -----------------------------------------------------------------


def test_a_guest_gets_a_resume_token_of_which_only_the_hash_is_stored(round_, framework, partner):
    start = start_guest(round_, framework, partner)
    response = Response.objects.get(pk=start.response.pk)
    assert response.respondent is None
    assert response.resume_token_hash == hash_token(start.resume_token)
    assert start.resume_token not in response.resume_token_hash
    assert len(start.resume_token) >= 32


def test_two_guests_get_two_responses_with_different_tokens(round_, framework, partner):
    first = start_guest(round_, framework, partner)
    second = start_guest(round_, framework, partner)
    assert first.response.pk != second.response.pk
    assert first.resume_token != second.resume_token


def test_a_member_starting_twice_resumes_the_same_response(round_, framework, partner, member):
    first = services.start_response(
        actor=member, round_=round_, framework=framework, partner=partner
    )
    again = services.start_response(actor=member, round_=round_, framework=framework, partner=None)
    assert first.pk == again.pk
    assert Response.objects.filter(respondent=member).count() == 1


def test_someone_outside_the_partnership_cannot_start(round_, framework, outsider):
    with pytest.raises(PermissionDenied):
        services.start_response(actor=outsider, round_=round_, framework=framework, partner=None)


def test_a_facilitator_cannot_answer(round_, framework, facilitator):
    with pytest.raises(PermissionDenied):
        services.start_response(actor=facilitator, round_=round_, framework=framework, partner=None)


@pytest.mark.parametrize("status", [RoundStatus.DRAFT, RoundStatus.CLOSED])
def test_no_response_starts_in_a_round_that_is_not_open(round_, framework, partner, status):
    round_.status = status
    round_.save()
    with pytest.raises(ValidationError):
        start_guest(round_, framework, partner)
    assert not Response.objects.exists()


def test_only_the_rounds_frameworks_and_partners_and_known_roles(round_, framework, partner):
    other = build_framework(sections=(1,))
    with pytest.raises(ValidationError):
        start_guest(round_, other, partner)
    with pytest.raises(ValidationError):
        start_guest(round_, framework, PartnerFactory())
    with pytest.raises(ValidationError):
        services.start_response(
            actor=None, round_=round_, framework=framework, partner=partner, respondent_role="x"
        )
    assert not Response.objects.exists()


# -- save_answers -------------------------------------------------------------------


@pytest.fixture
def guest_response(round_, framework, partner):
    return start_guest(round_, framework, partner).response


def test_answers_are_stored_and_changed(guest_response, framework):
    first, second, *_ = items(framework)
    actor = AnonymousUser()
    stored = services.save_answers(
        actor=actor,
        response=guest_response,
        answers={first.pk: AnswerInput(value=4, comment=" A workshop. "), second.pk: AnswerInput()},
    )
    assert stored == 2
    answers = {a.item_id: a for a in guest_response.answers.all()}
    assert answers[first.pk].value == 4
    assert answers[first.pk].comment == "A workshop."
    assert answers[second.pk].value is None  # not applicable

    services.save_answers(
        actor=actor, response=guest_response, answers={first.pk: AnswerInput(value=2)}
    )
    first_answer = guest_response.answers.get(item=first)
    assert first_answer.value == 2
    assert first_answer.comment == ""
    assert guest_response.answers.count() == 2


def test_stored_answers_change_only_in_the_parts_named_and_new_ones_get_every_part(
    guest_response, framework
):
    """ADR 0024's stale-tab rule through the upsert: each answer writes its own parts."""
    first, second, third, *_ = items(framework)
    services.save_answers(
        actor=None,
        response=guest_response,
        answers={
            first.pk: AnswerInput(value=2, comment="Kept comment"),
            second.pk: AnswerInput(value=5, comment="Old comment"),
        },
    )
    before = {a.item_id: a for a in guest_response.answers.all()}
    stored = services.save_answers(
        actor=None,
        response=guest_response,
        answers={
            first.pk: AnswerInput(value=4, fields=frozenset({"value"})),
            second.pk: AnswerInput(value=1, comment="New comment", fields=frozenset({"comment"})),
            third.pk: AnswerInput(value=3, comment="Fresh", fields=frozenset({"value"})),
        },
    )
    assert stored == 3
    after = {a.item_id: a for a in guest_response.answers.all()}
    assert (after[first.pk].value, after[first.pk].comment) == (4, "Kept comment")
    assert (after[second.pk].value, after[second.pk].comment) == (5, "New comment")
    assert (after[third.pk].value, after[third.pk].comment) == (3, "Fresh")
    for item_id in (first.pk, second.pk):  # changed where they are, not replaced
        assert after[item_id].pk == before[item_id].pk
        assert after[item_id].updated_at > before[item_id].updated_at
    assert Answer.objects.count() == 3


@pytest.mark.parametrize(
    "bad",
    [
        AnswerInput(value=6),  # off the 1-5 scale
        AnswerInput(value=0),
        AnswerInput(value=True),
        AnswerInput(value=3, text="words for a rated item"),
        AnswerInput(value=3, comment="x" * (MAX_COMMENT_LENGTH + 1)),
    ],
)
def test_bad_values_store_nothing_at_all(guest_response, framework, bad):
    first, second, *_ = items(framework)
    with pytest.raises(ValidationError) as error:
        services.save_answers(
            actor=AnonymousUser(),
            response=guest_response,
            answers={first.pk: AnswerInput(value=3), second.pk: bad},
        )
    assert set(error.value.message_dict) == {str(second.pk)}
    assert not Answer.objects.exists()


def test_an_item_of_another_framework_stores_nothing(guest_response, framework):
    other_item = items(build_framework(sections=(1,)))[0]
    first = items(framework)[0]
    with pytest.raises(ValidationError):
        services.save_answers(
            actor=None,
            response=guest_response,
            answers={first.pk: AnswerInput(value=3), other_item.pk: AnswerInput(value=3)},
        )
    assert not Answer.objects.exists()


def test_not_applicable_only_where_the_item_allows_it(guest_response, framework):
    first = items(framework)[0]
    Item.objects.filter(pk=first.pk).update(allows_not_applicable=False)
    with pytest.raises(ValidationError):
        services.save_answers(
            actor=None, response=guest_response, answers={first.pk: AnswerInput()}
        )
    assert not Answer.objects.exists()


def test_free_text_items_take_text_and_empty_text_removes_the_answer(guest_response, framework):
    text_item = [item for item in items(framework) if not item.is_scored][0]
    with pytest.raises(ValidationError):
        services.save_answers(
            actor=None, response=guest_response, answers={text_item.pk: AnswerInput(value=3)}
        )
    services.save_answers(
        actor=None, response=guest_response, answers={text_item.pk: AnswerInput(text=" Ours. ")}
    )
    assert guest_response.answers.get().text == "Ours."
    services.save_answers(
        actor=None, response=guest_response, answers={text_item.pk: AnswerInput(text="  ")}
    )
    assert not guest_response.answers.exists()


def test_only_the_owner_saves_a_members_response(round_, framework, partnership, member):
    response = ResponseFactory(round=round_, framework=framework, respondent=member)
    first = items(framework)[0]
    colleague = MembershipFactory(partnership=partnership, role=PartnershipRole.MEMBER).user
    for actor in (colleague, AnonymousUser(), None):
        with pytest.raises(PermissionDenied):
            services.save_answers(
                actor=actor, response=response, answers={first.pk: AnswerInput(value=3)}
            )
    services.save_answers(actor=member, response=response, answers={first.pk: AnswerInput(value=3)})
    assert response.answers.count() == 1


def test_a_member_who_has_left_the_partnership_can_no_longer_answer(round_, framework, member):
    response = ResponseFactory(round=round_, framework=framework, respondent=member)
    member.memberships.all().delete()
    member = type(member).objects.get(pk=member.pk)  # forget cached roles
    with pytest.raises(PermissionDenied):
        services.save_answers(
            actor=member, response=response, answers={items(framework)[0].pk: AnswerInput(value=3)}
        )


def test_nothing_changes_after_submitting_or_once_the_round_closes(guest_response, framework):
    first = items(framework)[0]
    Response.objects.filter(pk=guest_response.pk).update(
        status=ResponseStatus.SUBMITTED, submitted_at=timezone.now()
    )
    with pytest.raises(ValidationError):
        services.save_answers(
            actor=None, response=guest_response, answers={first.pk: AnswerInput(value=3)}
        )
    other = start_guest(guest_response.round, framework, guest_response.partner).response
    guest_response.round.status = RoundStatus.CLOSED
    guest_response.round.save()
    with pytest.raises(ValidationError):
        services.save_answers(actor=None, response=other, answers={first.pk: AnswerInput(value=3)})
    assert not Answer.objects.exists()


def count_queries(function):
    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries)


def test_saving_takes_the_same_number_of_queries_for_3_or_15_answers(round_, partner):
    framework = build_framework(sections=(15,))
    round_.round_frameworks.create(framework=framework, position=2)
    all_items = items(framework)
    counts = {}
    for size in (3, 15):
        response = start_guest(round_, framework, partner).response
        answers = {item.pk: AnswerInput(value=3) for item in all_items[:size]}
        created = count_queries(
            lambda r=response, a=answers: services.save_answers(actor=None, response=r, answers=a)
        )
        updated = count_queries(
            lambda r=response, a=answers: services.save_answers(actor=None, response=r, answers=a)
        )
        counts[size] = (created, updated)
    assert counts[3] == counts[15]


# -- missing_items and submit_response ----------------------------------------------


def answer_all(response, framework, actor=None):
    services.save_answers(
        actor=actor,
        response=response,
        answers={item.pk: AnswerInput(value=3) for item in items(framework) if item.is_scored},
    )


def test_missing_items_are_the_unanswered_rated_items_in_order(guest_response, framework):
    rated = [item for item in items(framework) if item.is_scored]
    services.save_answers(
        actor=None, response=guest_response, answers={rated[1].pk: AnswerInput(value=3)}
    )
    missing = services.missing_items(guest_response)
    assert missing == [rated[0], rated[2], rated[3]]


def test_submitting_with_missing_answers_names_them_and_changes_nothing(guest_response, framework):
    rated = [item for item in items(framework) if item.is_scored]
    services.save_answers(
        actor=None, response=guest_response, answers={rated[0].pk: AnswerInput(value=3)}
    )
    with pytest.raises(ValidationError) as error:
        services.submit_response(actor=None, response=guest_response)
    assert set(error.value.message_dict) == {str(item.pk) for item in rated[1:]}
    guest_response.refresh_from_db()
    assert guest_response.status == ResponseStatus.IN_PROGRESS
    assert guest_response.answers.count() == 1


def test_submitting_twice_submits_once(guest_response, framework):
    answer_all(guest_response, framework)
    first = services.submit_response(actor=None, response=guest_response)
    assert first.status == ResponseStatus.SUBMITTED
    second = services.submit_response(actor=None, response=guest_response)
    assert second.submitted_at == first.submitted_at
    assert Response.objects.get(pk=guest_response.pk).submitted_at == first.submitted_at


def test_only_the_owner_submits_even_when_already_submitted(round_, framework, member):
    response = ResponseFactory(round=round_, framework=framework, respondent=member)
    answer_all(response, framework, actor=member)
    services.submit_response(actor=member, response=response)
    with pytest.raises(PermissionDenied):
        services.submit_response(actor=UserFactory(), response=response)


def test_no_submitting_once_the_round_has_closed(guest_response, framework):
    answer_all(guest_response, framework)
    guest_response.round.status = RoundStatus.CLOSED
    guest_response.round.save()
    with pytest.raises(ValidationError):
        services.submit_response(actor=None, response=guest_response)
    assert not Response.objects.filter(status=ResponseStatus.SUBMITTED).exists()
