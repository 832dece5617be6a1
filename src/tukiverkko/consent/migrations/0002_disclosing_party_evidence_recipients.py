"""Issue 8: a consent is the disclosing controller's — its organisation and register, filled in
for the consents that exist from who recorded them — with its evidence and signature, recipients
that may be units and employers, revocation notices, disclosure prohibitions and legal bases."""

import django.db.models.deletion
import django.utils.timezone
import tukiverkko.accounts.models
from django.conf import settings
from django.db import migrations, models


def backfill(apps, schema_editor):
    from tukiverkko.accounts.roles import register_of_parts

    Consent = apps.get_model("consent", "Consent")
    Organisation = apps.get_model("accounts", "Organisation")
    fallback = Organisation.objects.order_by("pk").values_list("pk", flat=True).first()
    for consent in Consent.objects.select_related("recorded_by__unit"):
        user = consent.recorded_by
        register = register_of_parts(user.role, user.unit.register if user.unit_id else None)
        Consent.objects.filter(pk=consent.pk).update(
            disclosing_organisation_id=user.organisation_id or fallback,
            disclosing_register=register or "other",
            signature_method="oral_recorded" if consent.form == "oral" else "handwritten",
        )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_units'),
        ('clients', '0002_contact_source'),
        ('consent', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='consent',
            name='disclosing_organisation',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='luovuttaja'),
        ),
        migrations.AddField(
            model_name='consent',
            name='disclosing_register',
            field=models.CharField(choices=[('health_care', 'terveydenhuolto'), ('social_care', 'sosiaalihuolto'), ('other', 'muu palvelu')], default='other', max_length=20),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='consent',
            name='evidence_reference',
            field=models.CharField(blank=True, max_length=200, verbose_name='asiakirjan tunniste'),
        ),
        migrations.AddField(
            model_name='consent',
            name='revocation_channel',
            field=models.CharField(blank=True, choices=[('in_person', 'tapaamisessa'), ('phone', 'puhelimessa'), ('written', 'kirjallisesti'), ('electronic', 'sähköisesti')], max_length=20),
        ),
        migrations.AddField(
            model_name='consent',
            name='signature_method',
            field=models.CharField(choices=[('handwritten', 'allekirjoitus käsin'), ('electronic_signature', 'sähköinen allekirjoitus'), ('strong_identification', 'vahva sähköinen tunnistautuminen'), ('oral_recorded', 'suullinen, kirjattu asiointikerralla')], default='handwritten', max_length=30, verbose_name='vahvistustapa'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='consent',
            name='units',
            field=models.ManyToManyField(blank=True, related_name='+', to='accounts.unit', verbose_name='yksiköt'),
        ),
        migrations.AlterField(
            model_name='consent',
            name='form',
            field=models.CharField(choices=[('kela_y100', 'Kela Y100'), ('regional_form', 'hyvinvointialueen suostumuslomake'), ('other_written', 'muu kirjallinen'), ('oral', 'suullinen (yksi asiointikerta)'), ('client_electronic', 'asiakkaan sähköinen vahvistus')], max_length=20, verbose_name='muoto'),
        ),
        migrations.AlterField(
            model_name='consent',
            name='organisations',
            field=models.ManyToManyField(blank=True, related_name='+', to='accounts.organisation', verbose_name='organisaatiot'),
        ),
        migrations.CreateModel(
            name='DisclosureProhibition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('register', models.CharField(choices=[('health_care', 'terveydenhuolto'), ('social_care', 'sosiaalihuolto'), ('other', 'muu palvelu')], max_length=20)),
                ('categories', models.JSONField(default=list)),
                ('channel', models.CharField(choices=[('in_person', 'tapaamisessa'), ('phone', 'puhelimessa'), ('written', 'kirjallisesti'), ('electronic', 'sähköisesti')], max_length=20)),
                ('note', models.TextField(blank=True)),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('lifted_at', models.DateTimeField(blank=True, null=True)),
                ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='disclosure_prohibitions', to='clients.client')),
                ('lifted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-recorded_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='ExternalRecipient',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('employer', 'työnantaja')], max_length=20)),
                ('name', models.CharField(max_length=300, verbose_name='nimi')),
                ('business_id', models.CharField(max_length=9, validators=[tukiverkko.accounts.models.validate_business_id], verbose_name='Y-tunnus')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('kind', 'business_id'), name='one_recipient_per_id')],
            },
        ),
        migrations.AddField(
            model_name='consent',
            name='external_recipients',
            field=models.ManyToManyField(blank=True, related_name='consents', to='consent.externalrecipient', verbose_name='muut vastaanottajat'),
        ),
        migrations.CreateModel(
            name='LegalBasis',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('disclosing_register', models.CharField(choices=[('health_care', 'terveydenhuolto'), ('social_care', 'sosiaalihuolto'), ('other', 'muu palvelu')], max_length=20)),
                ('categories', models.JSONField(default=list)),
                ('purposes', models.JSONField(default=list)),
                ('statute', models.CharField(max_length=300, verbose_name='säännös')),
                ('note', models.TextField(blank=True)),
                ('valid_from', models.DateField()),
                ('valid_until', models.DateField(blank=True, null=True)),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('ended_at', models.DateTimeField(blank=True, null=True)),
                ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='legal_bases', to='clients.client')),
                ('disclosing_organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation')),
                ('ended_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='vastaanottaja')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-valid_from', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='RevocationNotice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('address', models.CharField(blank=True, max_length=200)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('done_at', models.DateTimeField(blank=True, null=True)),
                ('consent', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notices', to='consent.consent')),
                ('done_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('external_recipient', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='consent.externalrecipient')),
                ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation')),
                ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.unit')),
            ],
            options={
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='consent',
            name='disclosing_organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='luovuttaja'),
        ),
    ]
