"""A closed round's results are stored when it closes, and every reader reads them (ADR 0031):
by a manager, by date and in the admin; equal to a fresh count; refused when missing;
rebuilt by a command; untouched by later framework edits."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.errors import NotAllowedNow
from assessments.models import RespondentRole, RoundFramework, RoundResult, RoundStatus
from assessments.reports.round_report import build_round_report
from assessments.selectors import answers, live_counts
from assessments.selectors.stored_results import ResultsNotStored
from assessments.services.results import rebuild_results, store_results
from assessments.services.rounds import close_due_rounds
from frameworks.models import Item
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.factories import PartnerFactory, RoundFactory

pytestmark = pytest.mark.django_db


def _order(row):
    return (row.item_id, str(row.group), -1 if row.value is None else row.value)


def fresh(round_, framework):  # noqa: F811
    """The figures counted from answers now, in the stored shapes."""
    return (
        sorted(
            live_counts.answer_count_cells(round_id=round_.pk, framework_id=framework.pk),
            key=_order,
        ),
        live_counts.respondents_by_cell(round_id=round_.pk, framework_id=framework.pk),
        live_counts.open_link_responses(round_id=round_.pk, framework_id=framework.pk),
    )


def read(round_, framework):  # noqa: F811
    """The figures every reader gets (selectors.answers)."""
    return (
        sorted(
            answers.answer_count_cells(round_id=round_.pk, framework_id=framework.pk), key=_order
        ),
        answers.respondents_by_cell(round_id=round_.pk, framework_id=framework.pk),
        answers.open_link_responses(round_id=round_.pk, framework_id=framework.pk),
    )


@pytest.fixture
def answered(partnership, framework):  # noqa: F811
    """An open round with seven submitted responses from two partners and two roles."""
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    alpha = PartnerFactory(partnership=partnership, name="Alpha")
    bravo = PartnerFactory(partnership=partnership, name="Bravo")
    for n in range(7):
        respond(
            round_,
            framework,
            alpha if n % 2 else bravo,
            {"i1": 1 + n % 5, "i2": None if n == 3 else 2, "i3": 4},
            role=RespondentRole.CLINICAL if n < 4 else RespondentRole.LEADERSHIP,
        )
    return round_


@pytest.mark.strict_results
def test_closing_by_a_manager_stores_what_a_fresh_count_gives(answered, manager, framework):  # noqa: F811
    assert not RoundResult.objects.exists()
    services.set_round_status(actor=manager, round_=answered, status=RoundStatus.CLOSED)

    stored = RoundResult.objects.get(round=answered, framework=framework)
    assert stored.respondents == 7 and stored.open_link_responses == 7  # guests, no invitation
    assert read(answered, framework) == fresh(answered, framework)
    cells = answers.answer_count_cells(round_id=answered.pk, framework_id=framework.pk)
    assert sum(c.count for c in cells) == 21  # 7 x 3 answers, "not applicable" as None
    assert sum(c.count for c in cells if c.value is None) == 1
    # Partner and role views are folded from the cells.
    by_partner = answers.answer_count_rows(round_id=answered.pk, framework_id=framework.pk)
    i3 = Item.objects.get(dimension__framework=framework, key="i3").pk
    assert sorted((r.group, r.count) for r in by_partner if r.item_id == i3) == sorted(
        [
            (answered.partnership.partners.get(name="Alpha").pk, 3),
            (answered.partnership.partners.get(name="Bravo").pk, 4),
        ]
    )


def test_a_round_closed_by_date_has_its_results_stored(answered, framework):  # noqa: F811
    answered.closes_on = timezone.localdate() - timedelta(days=1)
    answered.opens_on = answered.closes_on - timedelta(days=5)
    answered.save()
    assert close_due_rounds() == [answered.pk]
    assert RoundResult.objects.get(round=answered).respondents == 7


def test_a_round_closed_in_the_admin_has_its_results_stored(answered, framework, admin_user):  # noqa: F811
    client = Client()
    client.force_login(admin_user)
    url = reverse("admin:assessments_round_change", args=[answered.pk])
    link = answered.round_frameworks.get()
    response = client.post(
        url,
        {
            "partnership": answered.partnership_id,
            "title": answered.title,
            "opens_on": answered.opens_on.isoformat(),
            "closes_on": answered.closes_on.isoformat(),
            "status": RoundStatus.CLOSED,
            "anonymity_threshold": answered.anonymity_threshold,
            "remind_days_before": answered.remind_days_before,
            "invitation_token": answered.invitation_token,
            "open_link_enabled": "on",
            "round_frameworks-TOTAL_FORMS": "1",
            "round_frameworks-INITIAL_FORMS": "1",
            "round_frameworks-0-id": link.pk,
            "round_frameworks-0-round": answered.pk,
            "round_frameworks-0-framework": framework.pk,
            "round_frameworks-0-position": 1,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    answered.refresh_from_db()
    assert answered.status == RoundStatus.CLOSED
    assert RoundResult.objects.get(round=answered).respondents == 7


@pytest.mark.strict_results
def test_a_closed_round_without_stored_results_is_refused_not_counted(partnership, framework):  # noqa: F811
    round_ = RoundFactory(
        partnership=partnership, frameworks=[framework], status=RoundStatus.CLOSED
    )
    partner = PartnerFactory(partnership=partnership)
    for _ in range(3):
        respond(round_, framework, partner, {"i1": 4, "i2": 2, "i3": 4})
    with pytest.raises(ResultsNotStored, match="rebuild_results"):
        build_round_report(round_, framework)
    with pytest.raises(ResultsNotStored):
        answers.respondents_by_round(round_ids=[round_.pk], framework_ids=[framework.pk])

    out = StringIO()
    call_command("rebuild_results", "--round", str(round_.pk), stdout=out)
    assert "1 closed round." in out.getvalue()
    assert build_round_report(round_, framework).respondents == 3


@pytest.mark.strict_results
def test_readers_of_a_closed_round_never_count_answers(answered, manager, framework):  # noqa: F811
    """Answers that (against every rule) change after the close change no figure: readers
    read what was stored at close, until someone rebuilds."""
    services.set_round_status(actor=manager, round_=answered, status=RoundStatus.CLOSED)
    before = build_round_report(answered, framework, include_comments=False)
    respond(answered, framework, PartnerFactory(partnership=answered.partnership), {"i1": 5})
    after = build_round_report(answered, framework, include_comments=False)
    assert after.respondents == before.respondents == 7
    assert [d.score for d in after.dimensions] == [d.score for d in before.dimensions]
    rebuild_results(round_ids=[answered.pk])
    assert build_round_report(answered, framework).respondents == 8


def test_an_open_round_has_no_stored_results_and_cannot_be_given_any(answered):
    with pytest.raises(NotAllowedNow, match="only when a round closes"):
        store_results(round_=answered)
    assert rebuild_results() == []


def test_the_command_refuses_unknown_and_open_rounds(answered):
    with pytest.raises(CommandError, match="not closed"):
        call_command("rebuild_results", "--round", str(answered.pk), stdout=StringIO())
    with pytest.raises(CommandError, match="No round"):
        call_command("rebuild_results", "--round", "999999", stdout=StringIO())


@pytest.mark.strict_results
def test_editing_framework_content_never_touches_stored_results(answered, manager, framework):  # noqa: F811
    services.set_round_status(actor=manager, round_=answered, status=RoundStatus.CLOSED)
    stored = RoundResult.objects.values_list("cells", "sizes", "computed_at").get()
    Item.objects.filter(dimension__framework=framework, key="i1").update(
        statement="We trust each other a lot"
    )
    assert RoundResult.objects.values_list("cells", "sizes", "computed_at").get() == stored


@pytest.mark.strict_results
def test_every_demo_round_stores_what_a_fresh_count_gives():
    """seed_demo closes its past rounds through the service: each stored result equals the
    figures counted from answers now, and every reader reads the stored ones."""
    call_command("load_frameworks", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    links = RoundFramework.objects.filter(round__status=RoundStatus.CLOSED).select_related(
        "round", "framework"
    )
    assert links.count() >= 3
    assert RoundResult.objects.count() == links.count()
    for link in links:
        stored = RoundResult.objects.get(round=link.round, framework=link.framework)
        assert read(link.round, link.framework) == fresh(link.round, link.framework)
        assert stored.respondents == sum(fresh(link.round, link.framework)[1].values())
        assert stored.respondents > 0
