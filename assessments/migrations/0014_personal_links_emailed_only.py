"""Personal links go only by email and are stored only as a hash (ADR 0037).

Links made before this keep working: their token cannot be recovered from a hash, so they
are marked ``hmac_link`` (added with a default of True, which every existing row takes, then
changed to False for new rows) and keep their old HMAC link (ADR 0011) until a new link is
emailed. Depends on 0012; 0013 comes from another branch and is chained when merged.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0013_round_summaries"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalpersonalinvitation",
            name="hmac_link",
            field=models.BooleanField(
                default=True,
                editable=False,
                help_text="Made before links were emailed only (ADR 0037): the old HMAC link works until a new link is emailed.",
            ),
        ),
        migrations.AddField(
            model_name="historicalpersonalinvitation",
            name="self_requested",
            field=models.BooleanField(
                default=False,
                help_text="The person asked for this link with their work address, and chose their organisation and role.",
                verbose_name="asked for through the shared link",
            ),
        ),
        migrations.AddField(
            model_name="personalinvitation",
            name="hmac_link",
            field=models.BooleanField(
                default=True,
                editable=False,
                help_text="Made before links were emailed only (ADR 0037): the old HMAC link works until a new link is emailed.",
            ),
        ),
        migrations.AddField(
            model_name="personalinvitation",
            name="self_requested",
            field=models.BooleanField(
                default=False,
                help_text="The person asked for this link with their work address, and chose their organisation and role.",
                verbose_name="asked for through the shared link",
            ),
        ),
        migrations.AddField(
            model_name="personalinvitation",
            name="token_hash",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="SHA-256 of the link's token, in hexadecimal. Empty until a link is emailed.",
                max_length=64,
                null=True,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="historicalpersonalinvitation",
            name="name",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AlterField(
            model_name="personalinvitation",
            name="name",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AlterField(
            model_name="historicalpersonalinvitation",
            name="hmac_link",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Made before links were emailed only (ADR 0037): the old HMAC link works until a new link is emailed.",
            ),
        ),
        migrations.AlterField(
            model_name="personalinvitation",
            name="hmac_link",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Made before links were emailed only (ADR 0037): the old HMAC link works until a new link is emailed.",
            ),
        ),
    ]
