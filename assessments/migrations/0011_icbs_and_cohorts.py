"""Issue 17: a partnership's integrated care board, chosen from the 42 (assessments/icbs.py),
as an ODS code. Existing "ICB or region" text that names an ICB ("NHS Devon ICB") is
migrated to its code and shown as the ICB's name; other text is left as it was.

Named 0010_icbs_and_cohorts on branch issue17's brief; numbered 0011 here, after main's
0010_actions_targets_workshop (merged in). The lead renumbers at merge."""

from django.db import migrations, models

import assessments.icbs


def match_icbs(apps, schema_editor):
    Partnership = apps.get_model("assessments", "Partnership")
    for partnership in Partnership.objects.exclude(region=""):
        code = assessments.icbs.match(partnership.region)
        if code:
            partnership.icb = code
            partnership.region = assessments.icbs.ICBS[code].short_name
            partnership.save(update_fields=["icb", "region"])


def unmatch(apps, schema_editor):
    """Going back keeps the ICB's name as the text; nothing to undo."""


class Migration(migrations.Migration):
    dependencies = [("assessments", "0010_actions_targets_workshop")]

    operations = [
        migrations.AddField(
            model_name="partnership",
            name="icb",
            field=models.CharField(
                blank=True,
                help_text="ODS code of the partnership's integrated care board (assessments/icbs.py).",
                max_length=3,
                validators=[assessments.icbs.validate_icb],
                verbose_name="integrated care board",
            ),
        ),
        migrations.AddField(
            model_name="historicalpartnership",
            name="icb",
            field=models.CharField(
                blank=True,
                help_text="ODS code of the partnership's integrated care board (assessments/icbs.py).",
                max_length=3,
                validators=[assessments.icbs.validate_icb],
                verbose_name="integrated care board",
            ),
        ),
        migrations.AlterField(
            model_name="partnership",
            name="region",
            field=models.CharField(
                blank=True,
                help_text="As shown: the ICB's name when one is chosen (kept in step by the services); otherwise text from before ICBs were chosen from a list.",
                max_length=200,
                verbose_name="ICB or region",
            ),
        ),
        migrations.AlterField(
            model_name="historicalpartnership",
            name="region",
            field=models.CharField(
                blank=True,
                help_text="As shown: the ICB's name when one is chosen (kept in step by the services); otherwise text from before ICBs were chosen from a list.",
                max_length=200,
                verbose_name="ICB or region",
            ),
        ),
        migrations.RunPython(match_icbs, unmatch),
    ]
