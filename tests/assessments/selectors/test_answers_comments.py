"""The report's comments read through the partial index of answers that carry words."""

import pytest
from django.db import connection

from assessments.models import Answer, ResponseStatus
from assessments.selectors import answers
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.factories import PartnerFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_with_a_comment(partnership, framework):  # noqa: F811
    partner = PartnerFactory(partnership=partnership, name="Alpha")
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    for values in ({"i1": 4, "i2": 2, "i3": 5}, {"i1": 2, "i2": 3, "i3": 1}):
        respond(round_, framework, partner, values)
    Answer.objects.filter(pk=Answer.objects.order_by("pk").first().pk).update(
        comment="We meet monthly."
    )
    return round_, framework, partner


def test_comments_are_those_of_submitted_answers(round_with_a_comment):
    round_, framework, partner = round_with_a_comment  # noqa: F811
    rows = answers.comments(round_id=round_.pk, framework_id=framework.pk)
    assert [(row["partner_id"], row["text"]) for row in rows] == [(partner.pk, "We meet monthly.")]
    assert Answer.objects.filter(response__status=ResponseStatus.SUBMITTED).count() == 6


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_the_comments_query_can_use_the_partial_index(round_with_a_comment):
    """The index's condition is the query's own ``exclude(comment="", text="")``: PostgreSQL
    uses a partial index only when the query implies its condition, so a rewording of
    either would silently bring back a scan of every answer of the round."""
    round_, framework, _ = round_with_a_comment  # noqa: F811
    query = (
        Answer.objects.filter(
            response__round_id=round_.pk,
            response__framework_id=framework.pk,
            response__status=ResponseStatus.SUBMITTED,
        )
        .exclude(comment="", text="")
        .values("item_id", "comment", "text")
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.explain()
    assert "answer_with_words" in plan


def test_the_order_of_comments_says_nothing_of_who_answered_first(partnership, framework):  # noqa: F811
    """Ties in the text are broken by the words' case, then by partner, never by the order
    of answering: two rounds with the same comments, answered in opposite orders, list them
    alike."""
    alpha = PartnerFactory(partnership=partnership, name="Alpha")
    beta = PartnerFactory(partnership=partnership, name="Beta")
    answered = [(alpha, "We meet"), (beta, "We meet"), (alpha, "we MEET"), (beta, "We meet!")]
    listed = []
    for order in (answered, answered[::-1]):
        round_ = RoundFactory(partnership=partnership, frameworks=[framework])
        for partner, text in order:
            respond(round_, framework, partner, {"i1": 3}, comment=text)
        rows = answers.comments(round_id=round_.pk, framework_id=framework.pk)
        listed.append([(row["text"], row["partner_id"]) for row in rows])
    assert listed[0] == listed[1]
    first, second = sorted((alpha.pk, beta.pk))
    assert listed[0][:2] == [("We meet", first), ("We meet", second)]
    assert [text for text, _ in listed[0]] == ["We meet", "We meet", "we MEET", "We meet!"]
