"""Issue 12: action plans (owner, partner organisation, progress notes; the status "open"
becomes "planned"), targets per dimension and a consensus workshop's agreed positions.
Numbered 0009 on branch issue12, after main's 0008 (merged in); the lead renumbers at merge."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def open_becomes_planned(apps, schema_editor):
    """"Not started" actions are now "planned"; an action with no owner's name gets one it
    can be found by (the one-owner rule needs a name or a member)."""
    for name in ("ActionItem", "HistoricalActionItem"):
        model = apps.get_model("assessments", name)
        model.objects.filter(status="open").update(status="planned")
        model.objects.filter(owner="").update(owner="Not recorded")


def planned_becomes_open(apps, schema_editor):
    for name in ("ActionItem", "HistoricalActionItem"):
        model = apps.get_model("assessments", name)
        model.objects.filter(status="planned").update(status="open")


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0009_people_and_email'),
        ('frameworks', '0003_local_questions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ActionNote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('written_on', models.DateField(help_text='The day the progress happened or was reported.')),
                ('text', models.TextField(max_length=2000)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'progress note',
                'ordering': ['action', '-written_on', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='ConsensusRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField(validators=[django.core.validators.MaxValueValidator(100)])),
                ('rationale', models.CharField(max_length=500)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'agreed position',
                'ordering': ['round', 'dimension__position'],
            },
        ),
        migrations.CreateModel(
            name='DimensionTarget',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField(validators=[django.core.validators.MaxValueValidator(100)])),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'target',
                'ordering': ['round', 'dimension__position'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalActionNote',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('written_on', models.DateField(help_text='The day the progress happened or was reported.')),
                ('text', models.TextField(max_length=2000)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical progress note',
                'verbose_name_plural': 'historical progress notes',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalConsensusRecord',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField(validators=[django.core.validators.MaxValueValidator(100)])),
                ('rationale', models.CharField(max_length=500)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical agreed position',
                'verbose_name_plural': 'historical agreed positions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalDimensionTarget',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField(validators=[django.core.validators.MaxValueValidator(100)])),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical target',
                'verbose_name_plural': 'historical targets',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RemoveConstraint(
            model_name='actionitem',
            name='action_status_valid',
        ),
        migrations.AddField(
            model_name='actionitem',
            name='owner_user',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='owned_actions', to=settings.AUTH_USER_MODEL, verbose_name='owner'),
        ),
        migrations.AddField(
            model_name='actionitem',
            name='partner',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='actions', to='assessments.partner', verbose_name='partner organisation'),
        ),
        migrations.AddField(
            model_name='historicalactionitem',
            name='owner_user',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='owner'),
        ),
        migrations.AddField(
            model_name='historicalactionitem',
            name='partner',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assessments.partner', verbose_name='partner organisation'),
        ),
        migrations.AlterField(
            model_name='actionitem',
            name='description',
            field=models.TextField(blank=True, verbose_name='detail'),
        ),
        migrations.AlterField(
            model_name='actionitem',
            name='owner',
            field=models.CharField(blank=True, help_text='A person or group who is not a member of the partnership on this service.', max_length=200, verbose_name='named owner'),
        ),
        migrations.AlterField(
            model_name='actionitem',
            name='status',
            field=models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], default='planned', max_length=20),
        ),
        migrations.AlterField(
            model_name='historicalactionitem',
            name='description',
            field=models.TextField(blank=True, verbose_name='detail'),
        ),
        migrations.AlterField(
            model_name='historicalactionitem',
            name='owner',
            field=models.CharField(blank=True, help_text='A person or group who is not a member of the partnership on this service.', max_length=200, verbose_name='named owner'),
        ),
        migrations.AlterField(
            model_name='historicalactionitem',
            name='status',
            field=models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], default='planned', max_length=20),
        ),
        migrations.RunPython(open_becomes_planned, planned_becomes_open),
        migrations.AddConstraint(
            model_name='actionitem',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['planned', 'in_progress', 'done', 'dropped'])), name='action_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='actionitem',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('owner_user__isnull', False), ('owner', '')), models.Q(('owner_user__isnull', True), models.Q(('owner', ''), _negated=True)), _connector='OR'), name='action_one_owner'),
        ),
        migrations.AddField(
            model_name='actionnote',
            name='action',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notes', to='assessments.actionitem'),
        ),
        migrations.AddField(
            model_name='actionnote',
            name='author',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='consensusrecord',
            name='dimension',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='consensus', to='frameworks.dimension'),
        ),
        migrations.AddField(
            model_name='consensusrecord',
            name='recorded_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='consensusrecord',
            name='round',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='consensus', to='assessments.round'),
        ),
        migrations.AddField(
            model_name='dimensiontarget',
            name='dimension',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='targets', to='frameworks.dimension'),
        ),
        migrations.AddField(
            model_name='dimensiontarget',
            name='round',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='targets', to='assessments.round'),
        ),
        migrations.AddField(
            model_name='dimensiontarget',
            name='set_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalactionnote',
            name='action',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assessments.actionitem'),
        ),
        migrations.AddField(
            model_name='historicalactionnote',
            name='author',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalactionnote',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalconsensusrecord',
            name='dimension',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='frameworks.dimension'),
        ),
        migrations.AddField(
            model_name='historicalconsensusrecord',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalconsensusrecord',
            name='recorded_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalconsensusrecord',
            name='round',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assessments.round'),
        ),
        migrations.AddField(
            model_name='historicaldimensiontarget',
            name='dimension',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='frameworks.dimension'),
        ),
        migrations.AddField(
            model_name='historicaldimensiontarget',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicaldimensiontarget',
            name='round',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assessments.round'),
        ),
        migrations.AddField(
            model_name='historicaldimensiontarget',
            name='set_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddConstraint(
            model_name='actionnote',
            constraint=models.CheckConstraint(condition=models.Q(('text', ''), _negated=True), name='action_note_text_required'),
        ),
        migrations.AddConstraint(
            model_name='consensusrecord',
            constraint=models.UniqueConstraint(fields=('round', 'dimension'), name='consensus_one_per_dimension'),
        ),
        migrations.AddConstraint(
            model_name='consensusrecord',
            constraint=models.CheckConstraint(condition=models.Q(('score__gte', 0), ('score__lte', 100)), name='consensus_score_range'),
        ),
        migrations.AddConstraint(
            model_name='consensusrecord',
            constraint=models.CheckConstraint(condition=models.Q(('rationale', ''), _negated=True), name='consensus_rationale_required'),
        ),
        migrations.AddConstraint(
            model_name='dimensiontarget',
            constraint=models.UniqueConstraint(fields=('round', 'dimension'), name='target_one_per_dimension'),
        ),
        migrations.AddConstraint(
            model_name='dimensiontarget',
            constraint=models.CheckConstraint(condition=models.Q(('score__gte', 0), ('score__lte', 100)), name='target_score_range'),
        ),
    ]
