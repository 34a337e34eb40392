"""Disclosure control attacks, continued from test_disclosure_attacks.py."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments import services
from assessments.models import RoundStatus
from assessments.services import AnswerInput
from tests.assessments.test_disclosure_attacks import (  # noqa: F401
    Download,
    answer_as_guest,
    csv_download,
    dashboard_rows,
    framework,
    practices,
    pytestmark,
    scored_items,
)
from tests.factories import (
    RoundFactory,
)


def test_an_organisation_cannot_take_the_name_of_a_merged_group(partnership, manager):
    with pytest.raises(ValidationError, match="what reports call a group"):
        services.add_partner(
            actor=manager,
            partnership=partnership,
            name="Other partners",
            organisation_type="gp_practice",
        )


def test_not_applicable_answers_cannot_shrink_a_group_to_one_rater(
    client, partnership, manager, framework, practices
):
    """A group of 3 where 2 chose "not applicable" throughout would show one person's
    scores: a figure needs at least the threshold of people who rated."""
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    practice_a, practice_b = practices["Practice A"], practices["Practice B"]
    answer_as_guest(round_, framework, practice_a, "clinical", 5)
    for _ in range(2):
        start = services.start_response(
            actor=AnonymousUser(),
            round_=round_,
            framework=framework,
            partner=practice_a,
            respondent_role="clinical",
        )
        services.save_answers(
            actor=AnonymousUser(),
            response=start.response,
            answers={item.pk: AnswerInput(value=None) for item in scored_items(framework)},
        )
        services.submit_response(actor=AnonymousUser(), response=start.response)
    for value in (1, 2, 3):
        answer_as_guest(round_, framework, practice_b, "clinical", value)
    services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)

    client.force_login(manager)
    body = csv_download(client, round_, framework).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    partner_cells = [r for r in rows if r["group_type"] == "partner" and r["level"] == "dimension"]
    assert partner_cells and all(r["score"] == "" for r in partner_cells)
    # Overall, every item has 4 raters (1 in A, 3 in B): its figures are shown, and no
    # difference of them with a shown group exists to isolate A's one rater.
    page = client.get(reverse("round_report", args=[round_.pk])).content.decode()
    assert "Practice A" in page
