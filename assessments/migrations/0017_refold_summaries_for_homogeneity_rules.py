"""Fold every stored round summary again under today's disclosure rules.

The stored summary (migration 0013, ADR 0035) is derived from the stored counts by the pure
fold in ``assessments.reports``. The counts are always read through the current rules
(ADR 0031), but the summary is not: the "all but one" amendment to ADR 0036 (an item where
everyone but one rater gave the same answer is withheld) and its narrowing for group scores
change which items a summary may use, so summaries folded before them would let a reader
compare the dashboard's or a benchmark's figure with the report's and work back to an item
the report now withholds. This migration re-runs 0013's fold (the same function, reading
the historical models) so no stored summary predates the rules that govern it. Each future
change to a disclosure or scoring rule adds a migration like this one.
"""

from importlib import import_module

from django.db import migrations

summaries = import_module("assessments.migrations.0013_round_summaries")


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0016_round_proposed_change"),
        ("frameworks", "0003_local_questions"),
    ]

    operations = [
        migrations.RunPython(
            summaries.summarise_closed_rounds, migrations.RunPython.noop, elidable=True
        ),
    ]
