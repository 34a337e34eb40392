"""Migration 0012 (issue 15, ADR 0031): every round already closed has its results stored,
counted as ``services.results`` counts them; open rounds get none."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from assessments.models import RoundResult
from assessments.selectors import live_counts

BEFORE = [("assessments", "0011_icbs_and_cohorts")]
AFTER = [("assessments", "0012_stored_results")]
SUMMARISED = [("assessments", "0013_round_summaries")]
FROZEN = [("assessments", "0015_frozen_response_rates")]


@pytest.fixture
def _back_to_the_latest_migration():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_back_to_the_latest_migration")
def test_rounds_closed_before_the_migration_have_their_results_stored():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    framework = old.get_model("frameworks", "Framework").objects.create(
        slug="old",
        version=1,
        title="Old",
        kind="rated",
        status="published",
        published_at=timezone.now(),
        scale_min=1,
        scale_max=5,
    )
    dimension = old.get_model("frameworks", "Dimension").objects.create(
        framework=framework, key="d", title="D", position=1
    )
    items = [
        old.get_model("frameworks", "Item").objects.create(
            dimension=dimension, key=f"i{n}", statement=f"Item {n}", position=n
        )
        for n in (1, 2)
    ]
    partnership = old.get_model("assessments", "Partnership").objects.create(
        name="Old PCN", kind="pcn"
    )
    partner = old.get_model("assessments", "Partner").objects.create(
        partnership=partnership, name="Practice", organisation_type="gp_practice"
    )
    Round = old.get_model("assessments", "Round")
    today = timezone.localdate()
    rounds = {
        status: Round.objects.create(
            partnership=partnership,
            title=status,
            opens_on=today,
            closes_on=today,
            status=status,
            closed_at=timezone.now() if status == "closed" else None,
            invitation_token=status,
        )
        for status in ("closed", "open")
    }
    for round_ in rounds.values():
        old.get_model("assessments", "RoundFramework").objects.create(
            round=round_, framework=framework, position=1
        )
        for n in range(4):
            response = old.get_model("assessments", "Response").objects.create(
                round=round_,
                framework=framework,
                partner=partner,
                respondent_role="clinical" if n < 3 else "",
                status="submitted" if n < 3 else "in_progress",
                submitted_at=timezone.now() if n < 3 else None,
                resume_token_hash=f"{round_.pk}-{n}",
            )
            for item in items:
                old.get_model("assessments", "Answer").objects.create(
                    response=response, item=item, value=1 + n
                )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    closed = rounds["closed"].pk
    # The model as it stood after 0012 (0013 added the summary's columns).
    stored = (
        executor.loader.project_state(AFTER)
        .apps.get_model("assessments", "RoundResult")
        .objects.get()
    )
    assert (stored.round_id, stored.framework_id) == (closed, framework.pk)
    assert stored.respondents == 3 and stored.open_link_responses == 3
    assert stored.sizes == [[partner.pk, "clinical", 3]]
    fresh = live_counts.answer_count_cells(round_id=closed, framework_id=framework.pk)
    assert stored.cells == [[i, p, r, v, c] for i, (p, r), v, c in fresh]
    assert sum(row[4] for row in stored.cells) == 6

    # Migration 0013 (ADR 0035) then folds each stored result's summary from its counts, with
    # the framework read from the historical models.
    executor = MigrationExecutor(connection)
    executor.migrate(SUMMARISED)
    # The model as it stood after 0013 (0015 added the frozen response rates, ADR 0039).
    summary = (
        executor.loader.project_state(SUMMARISED)
        .apps.get_model("assessments", "RoundResult")
        .objects.get()
    )
    assert summary.suppressed is False
    assert summary.overall_score is not None and summary.round_overall is not None
    assert summary.overall_shown == int(summary.overall_score + 0.5)
    assert set(summary.dimension_scores) == {"d"}

    # Migration 0015 (ADR 0039) then freezes the response-rate bases as they stand at the
    # migration: the practice asked 6 (recorded after the close), 3 answered: 50%.
    old.get_model("assessments", "Partner").objects.filter(pk=partner.pk).update(people_invited=6)
    executor = MigrationExecutor(connection)
    executor.migrate(FROZEN)
    frozen = RoundResult.objects.get()
    assert frozen.rate_bases == [[partner.pk, 3, 6, 0, 0, True]]
    assert (frozen.rate_base, frozen.response_rate) == (6, 50)
