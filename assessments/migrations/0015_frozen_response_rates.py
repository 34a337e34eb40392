"""Response rates frozen at close (ADR 0039): each stored result gains the response-rate
bases of its round (people asked, member counts, which organisations the round page lists)
and its whole-questionnaire rate, then every round already closed is filled in.

Rounds closed before this migration are frozen as of the migration: their bases are today's
live values (the people asked, memberships and archiving as they stand now, which may differ
from the day they closed), and their submitted responses per organisation are the stored
counts (``sizes``). From now on ``services.results.store_results`` freezes them at close.
"""

from collections import defaultdict

from django.db import migrations, models
from django.db.models import Count

from assessments.reports.comparison import ResponseRateRow, overall_rate
from partnership_site.roles import Permission, roles_with

ANSWERING_ROLES = roles_with(Permission.ANSWER_QUESTIONNAIRES)


def freeze_closed_rounds(apps, schema_editor):
    RoundResult = apps.get_model("assessments", "RoundResult")
    Partner = apps.get_model("assessments", "Partner")
    Membership = apps.get_model("assessments", "Membership")
    Response = apps.get_model("assessments", "Response")
    by_round = defaultdict(list)
    for result in RoundResult.objects.select_related("round").order_by("pk"):
        by_round[result.round_id].append(result)
    for round_id, results in by_round.items():
        partnership_id = results[0].round.partnership_id
        members = defaultdict(int)
        answering = defaultdict(int)
        for partner_id, role, n in (
            Membership.objects.filter(partnership_id=partnership_id, partner__isnull=False)
            .values_list("partner_id", "role")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            members[partner_id] += n
            if role in ANSWERING_ROLES:
                answering[partner_id] += n
        answered = set(
            Response.objects.filter(round_id=round_id, partner__isnull=False)
            .values_list("partner_id", flat=True)
            .distinct()
        )
        partners = list(
            Partner.objects.filter(partnership_id=partnership_id)
            .order_by("pk")
            .values_list("pk", "people_invited", "archived_at")
        )
        for result in results:
            responses = defaultdict(int)
            for partner_id, _role, n in result.sizes:
                responses[partner_id] += n
            result.rate_bases = [
                [
                    pk,
                    responses[pk],
                    invited,
                    members[pk],
                    answering[pk],
                    archived is None or pk in answered,
                ]
                for pk, invited, archived in partners
            ]
            result.rate_base, result.response_rate = overall_rate(
                [ResponseRateRow("", r[1], r[2], r[3]) for r in result.rate_bases],
                result.respondents,
            )
            result.save(update_fields=["rate_bases", "rate_base", "response_rate"])



class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0014_personal_links_emailed_only'),
        ('frameworks', '0003_local_questions'),
    ]

    operations = [
        migrations.AddField(
            model_name='roundresult',
            name='rate_base',
            field=models.PositiveIntegerField(blank=True, help_text="The sum of the partners' response-rate bases at close; None when a partner had none.", null=True),
        ),
        migrations.AddField(
            model_name='roundresult',
            name='rate_bases',
            field=models.JSONField(default=list),
        ),
        migrations.AddField(
            model_name='roundresult',
            name='response_rate',
            field=models.PositiveIntegerField(blank=True, help_text='Respondents against rate_base, per cent rounded half up (may pass 100).', null=True),
        ),
        migrations.AddConstraint(
            model_name='roundresult',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('rate_base__isnull', True), ('response_rate__isnull', True)), models.Q(('rate_base__gt', 0), ('rate_base__isnull', False), ('response_rate__isnull', False)), _connector='OR'), name='round_result_rate_with_base'),
        ),
        migrations.RunPython(freeze_closed_rounds, migrations.RunPython.noop, elidable=True),
    ]
