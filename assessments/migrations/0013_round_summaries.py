"""Round summaries (ADR 0035): the dashboard's and benchmarks' folded figures stored on each
closed round's ``RoundResult``, then filled in for every round already closed.

The data step folds the stored counts with the report's pure code
(``reports.summary.stored_summary``) and a framework structure read from the historical
models, as ``services.results.store_results`` does at close. The summary is derived data:
``manage.py rebuild_results`` recomputes it.
"""

from django.db import migrations, models

from assessments.counts import CountRow
from assessments.models.choices import ROLE_LABELS
from assessments.reports.published import NO_PARTNER_LABEL
from assessments.reports.structure import DimensionSpec, FrameworkSpec, ItemSpec
from assessments.reports.summary import stored_summary
from assessments.scoring import Band, ItemRule, Scale

SCALE = "scale"


def _spec(framework) -> FrameworkSpec:
    """``reports.structure.framework_spec`` on a historical ``Framework``."""
    bands = list(framework.bands.order_by("lower_bound", "pk"))
    band_label = {band.pk: band.label for band in bands}
    scored = framework.scale_min is not None
    dimensions = []
    for dimension in framework.dimensions.order_by("position", "pk"):
        items = tuple(
            ItemSpec(
                id=item.pk,
                key=item.key,
                statement=item.statement,
                rule=ItemRule(
                    item_id=item.pk,
                    dimension_id=dimension.pk,
                    reverse_scored=item.reverse_scored,
                    weight=float(item.weight),
                ),
                scored=item.response_type == SCALE and scored,
                allows_not_applicable=item.allows_not_applicable,
            )
            for item in dimension.items.order_by("position", "pk")
        )
        dimensions.append(
            DimensionSpec(
                id=dimension.pk,
                key=dimension.key,
                position=dimension.position,
                title=dimension.title,
                description=dimension.description,
                guidance=dimension.guidance,
                local_context=dimension.local_context,
                items=items,
                advice={band_label[a.band_id]: a.text for a in dimension.advice.all()},
            )
        )
    return FrameworkSpec(
        id=framework.pk,
        slug=framework.slug,
        title=framework.title,
        version=framework.version,
        scale=Scale(framework.scale_min, framework.scale_max) if scored else None,
        scale_labels=tuple(framework.scale_labels),
        bands=tuple(Band(b.label, b.lower_bound, b.colour, b.meaning) for b in bands),
        dimensions=tuple(dimensions),
    )


def summarise_closed_rounds(apps, schema_editor):
    RoundResult = apps.get_model("assessments", "RoundResult")
    Partner = apps.get_model("assessments", "Partner")
    Framework = apps.get_model("frameworks", "Framework")
    specs = {}
    for result in RoundResult.objects.select_related("round").order_by("pk").iterator():
        if result.framework_id not in specs:
            specs[result.framework_id] = _spec(Framework.objects.get(pk=result.framework_id))
        labels = {
            **dict(
                Partner.objects.filter(partnership_id=result.round.partnership_id).values_list(
                    "pk", "name"
                )
            ),
            None: NO_PARTNER_LABEL,
        }
        summary = stored_summary(
            specs[result.framework_id],
            [CountRow(item, (partner, role), value, n) for item, partner, role, value, n in result.cells],
            {(partner, role): n for partner, role, n in result.sizes},
            partner_labels=labels,
            role_labels=ROLE_LABELS,
            threshold=result.round.anonymity_threshold,
        )
        result.suppressed = summary.suppressed
        result.overall_score = summary.overall_score
        result.overall_shown = summary.overall_shown
        result.band_label = summary.band_label
        result.split_dimensions = summary.split
        result.concern_dimensions = summary.concern
        result.round_overall = summary.round_overall
        result.round_overall_shown = summary.round_overall_shown
        result.dimension_scores = summary.dimension_scores
        result.save()


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0012_stored_results'),
        ('frameworks', '0003_local_questions'),
    ]

    operations = [
        migrations.AddField(
            model_name='roundresult',
            name='band_label',
            field=models.CharField(blank=True, max_length=50),
        ),
        migrations.AddField(
            model_name='roundresult',
            name='concern_dimensions',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Dimensions in the lowest band.', null=True),
        ),
        migrations.AddField(
            model_name='roundresult',
            name='dimension_scores',
            field=models.JSONField(blank=True, default=dict, help_text="The whole round's score by dimension key."),
        ),
        migrations.AddField(
            model_name='roundresult',
            name='overall_score',
            field=models.FloatField(blank=True, help_text="The dashboard's overall score (unrounded).", null=True),
        ),
        migrations.AddField(
            model_name='roundresult',
            name='overall_shown',
            field=models.PositiveSmallIntegerField(blank=True, help_text='The overall score as shown: rounded half up.', null=True),
        ),
        migrations.AddField(
            model_name='roundresult',
            name='round_overall',
            field=models.FloatField(blank=True, help_text="The whole round's overall score for trends, change and benchmarks.", null=True),
        ),
        migrations.AddField(
            model_name='roundresult',
            name='round_overall_shown',
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='roundresult',
            name='split_dimensions',
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='roundresult',
            name='suppressed',
            field=models.BooleanField(default=True, help_text="Fewer responses than the round's anonymity threshold."),
        ),
        migrations.AddConstraint(
            model_name='roundresult',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('overall_score__isnull', True), ('overall_shown__isnull', True)), models.Q(('overall_score__gte', 0), ('overall_score__isnull', False), ('overall_score__lte', 100), ('overall_shown__isnull', False), ('overall_shown__lte', 100)), _connector='OR'), name='round_result_overall_score_in_range_with_shown'),
        ),
        migrations.AddConstraint(
            model_name='roundresult',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('concern_dimensions__isnull', False), ('overall_score__isnull', False), ('split_dimensions__isnull', False)), models.Q(('band_label', ''), ('concern_dimensions__isnull', True), ('overall_score__isnull', True), ('split_dimensions__isnull', True)), _connector='OR'), name='round_result_no_score_no_band_or_flags'),
        ),
        migrations.AddConstraint(
            model_name='roundresult',
            constraint=models.CheckConstraint(condition=models.Q(('suppressed', False), ('overall_score__isnull', True), _connector='OR'), name='round_result_suppressed_has_no_score'),
        ),
        migrations.AddConstraint(
            model_name='roundresult',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('round_overall__isnull', True), ('round_overall_shown__isnull', True)), models.Q(('round_overall__gte', 0), ('round_overall__isnull', False), ('round_overall__lte', 100), ('round_overall_shown__isnull', False), ('round_overall_shown__lte', 100)), _connector='OR'), name='round_result_round_overall_in_range_with_shown'),
        ),
        migrations.RunPython(summarise_closed_rounds, migrations.RunPython.noop, elidable=True),
    ]
