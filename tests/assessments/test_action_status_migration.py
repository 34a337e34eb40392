"""Migration 0010 (issue 12, after 0009): actions "not started" (status "open") become
"planned", and an action without an owner's name gets one, so every existing action passes
the new one-owner rule."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("assessments", "0009_people_and_email")]
AFTER = [("assessments", "0010_actions_targets_workshop")]


@pytest.fixture
def back_to_latest():
    """Leave the test database fully migrated, whatever happens: later tests on this worker
    expect every migration applied (a database left at 0010 lacks later columns)."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_open_actions_become_planned_and_keep_an_owner(back_to_latest):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    partnership = old.get_model("assessments", "Partnership").objects.create(
        name="Old PCN", kind="pcn"
    )
    actions = old.get_model("assessments", "ActionItem").objects
    actions.create(partnership=partnership, title="Old", owner="PCN manager", status="open")
    actions.create(partnership=partnership, title="Nameless", owner="", status="in_progress")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    rows = dict(new.get_model("assessments", "ActionItem").objects.values_list("title", "status"))
    owners = dict(new.get_model("assessments", "ActionItem").objects.values_list("title", "owner"))
    assert rows == {"Old": "planned", "Nameless": "in_progress"}
    assert owners == {"Old": "PCN manager", "Nameless": "Not recorded"}
