"""A partnership's own local questions: added to a round, kept out of the shared library."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import ResponseStatus, RoundStatus
from assessments.selectors.portfolio import latest_closed_summaries
from frameworks.models import Framework
from tests.factories import PartnerFactory, ResponseFactory, RoundFactory, build_framework

pytestmark = pytest.mark.django_db

PLYMOUTH = [
    "Our practices find it hard to attend partnership meetings.",
    "Community leaders are disillusioned after years of trying.",
    "Many issues people bring are not medical and need no medical answer.",
    "Cost and finding a building hold back new services.",
]


@pytest.fixture
def round_(partnership):
    return RoundFactory(
        partnership=partnership, frameworks=[build_framework()], status=RoundStatus.DRAFT
    )


def test_local_questions_become_the_partnerships_own_questionnaire(manager, round_):
    local = services.add_local_questions(
        actor=manager, round_=round_, title="Barriers in our neighbourhood",
        statements=PLYMOUTH, barriers=True,
    )  # fmt: skip

    assert local.partnership == round_.partnership
    assert local.status == "published" and not local.is_frozen
    items = list(local.dimensions.get().items.order_by("position"))
    assert [i.statement for i in items] == PLYMOUTH
    assert all(i.reverse_scored for i in items)
    assert local.scale_labels[-1] == "Very strongly present"
    assert [rf.framework for rf in round_.round_frameworks.all()][-1] == local
    # Never offered as a library questionnaire for new rounds.
    assert local not in Framework.objects.latest_published()
    assert local not in Framework.objects.library()


def test_agreement_questions_are_not_reverse_scored(manager, round_):
    local = services.add_local_questions(
        actor=manager, round_=round_, title="Our area", statements=["We share premises well."]
    )
    item = local.dimensions.get().items.get()
    assert not item.reverse_scored and local.scale_labels[0] == "Strongly disagree"


@pytest.mark.parametrize(
    ("statements", "message"),
    [
        (["", "  "], "Enter at least one question."),
        ([f"Question {n}" for n in range(11)], "Enter at most 10 questions, one per line."),
        (["x" * 301], "Question 1 is too long: keep each to 300 characters."),
    ],
)
def test_bad_questions_are_refused_and_nothing_is_saved(manager, round_, statements, message):
    before = Framework.objects.count()
    with pytest.raises(ValidationError) as raised:
        services.add_local_questions(actor=manager, round_=round_, title="T", statements=statements)
    assert raised.value.message_dict["statements"] == [message]
    assert Framework.objects.count() == before


def test_one_set_per_round_and_never_on_a_closed_round(manager, round_):
    services.add_local_questions(actor=manager, round_=round_, title="A", statements=["One"])
    with pytest.raises(ValidationError, match="already has local questions"):
        services.add_local_questions(actor=manager, round_=round_, title="B", statements=["Two"])
    closed = RoundFactory(partnership=round_.partnership, status=RoundStatus.CLOSED)
    with pytest.raises(ValidationError, match="closed round"):
        services.add_local_questions(actor=manager, round_=closed, title="C", statements=["x"])


@pytest.mark.parametrize("role", ["member", "facilitator", "outsider"])
def test_only_managers_add_local_questions(request, role, round_):
    with pytest.raises(PermissionDenied):
        services.add_local_questions(
            actor=request.getfixturevalue(role), round_=round_, title="T", statements=["x"]
        )


def test_local_questions_are_never_benchmarked(manager, round_):
    services.add_local_questions(actor=manager, round_=round_, title="T", statements=["x"])
    round_.status = RoundStatus.CLOSED
    round_.save()
    summaries = latest_closed_summaries([round_.partnership_id])
    used = Framework.objects.filter(pk__in=[row[1] for row in summaries])
    assert summaries and all(framework.partnership_id is None for framework in used)


def test_manager_adds_questions_through_the_round_page(client, manager, member, round_):
    client.force_login(manager)
    page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    url = reverse("round_local_questions", args=[round_.pk])
    assert url in page
    response = client.post(
        url, {"title": "Local barriers", "statements": "\n".join(PLYMOUTH), "barriers": "on"}
    )
    assert response.status_code == 302
    page = client.get(reverse("round_detail", args=[round_.pk])).content.decode()
    assert "Local barriers" in page and url not in page

    error = client.post(url, {"title": "Again", "statements": "More"})
    assert "This round already has local questions." in error.content.decode()

    client.force_login(member)
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "x", "statements": "y"}).status_code == 403


def test_a_missing_heading_keeps_what_was_typed(client, manager, round_):
    client.force_login(manager)
    response = client.post(
        reverse("round_local_questions", args=[round_.pk]),
        {"title": "", "statements": "Keep this line"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a heading for your questions" in body and "Keep this line" in body


# -- After people have answered (issue 17) ----------------------------------------------


@pytest.fixture
def answered_round(partnership):
    round_ = RoundFactory(partnership=partnership, frameworks=[build_framework()])
    framework = round_.round_frameworks.get().framework
    partner = PartnerFactory(partnership=partnership)
    for _ in range(2):
        ResponseFactory(
            round=round_,
            framework=framework,
            partner=partner,
            status=ResponseStatus.SUBMITTED,
            submitted_at=timezone.now(),
        )
    ResponseFactory(round=round_, framework=framework, partner=partner)  # not submitted
    return round_


def test_an_open_round_nobody_has_submitted_to_takes_questions_without_a_warning(
    manager, partnership
):
    round_ = RoundFactory(partnership=partnership, frameworks=[build_framework()])
    framework = round_.round_frameworks.get().framework
    ResponseFactory(round=round_, framework=framework)  # started, not submitted
    local = services.add_local_questions(actor=manager, round_=round_, title="T", statements=["x"])
    assert local.partnership_id == partnership.pk


def test_after_people_have_answered_the_manager_must_confirm(manager, answered_round):
    before = Framework.objects.count()
    with pytest.raises(ValidationError) as raised:
        services.add_local_questions(
            actor=manager, round_=answered_round, title="T", statements=["x"]
        )
    assert "confirm_asking_again" in raised.value.message_dict
    assert Framework.objects.count() == before

    services.add_local_questions(
        actor=manager,
        round_=answered_round,
        title="T",
        statements=["x"],
        confirm_asking_again=True,
    )
    assert answered_round.round_frameworks.count() == 2


def test_the_page_says_how_many_will_be_asked_again_and_keeps_what_was_typed(
    client, manager, answered_round
):
    client.force_login(manager)
    url = reverse("round_local_questions", args=[answered_round.pk])
    page = client.get(url).content.decode()
    assert "People have already answered" in page
    assert "2 people have answered in this round. Each of them will be asked" in page

    refused = client.post(url, {"title": "Local barriers", "statements": "Parking is hard"})
    body = refused.content.decode()
    assert refused.status_code == 200
    assert "Confirm that people who have already answered will be asked" in body
    assert "Local barriers" in body and "Parking is hard" in body
    assert answered_round.round_frameworks.count() == 1

    added = client.post(
        url,
        {
            "title": "Local barriers",
            "statements": "Parking is hard",
            "confirm_asking_again": "on",
        },
    )
    assert added.status_code == 302
    assert answered_round.round_frameworks.count() == 2


def test_no_warning_before_anyone_has_answered(client, manager, round_):
    client.force_login(manager)
    page = client.get(reverse("round_local_questions", args=[round_.pk])).content.decode()
    assert "People have already answered" not in page
    assert "confirm_asking_again" not in page
