"""The client (the person register) and client relationships. Regenerated when the case path
moved to the cases app (no production database existed yet)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Client',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('henkilotunnus_encrypted', models.TextField(editable=False)),
                ('henkilotunnus_hash', models.CharField(editable=False, max_length=64, unique=True)),
                ('birth_date', models.DateField(db_index=True, verbose_name='syntymäaika')),
                ('first_name', models.CharField(max_length=150, verbose_name='etunimet')),
                ('last_name', models.CharField(max_length=150, verbose_name='sukunimi')),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='puhelin')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='sähköposti')),
                ('address', models.CharField(blank=True, max_length=300, verbose_name='osoite')),
                ('languages', models.JSONField(blank=True, default=list, verbose_name='kielet')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('municipality', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.municipality', verbose_name='kotikunta')),
            ],
            options={
                'ordering': ['last_name', 'first_name', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='ClientRelationship',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('started_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('ended_at', models.DateTimeField(blank=True, null=True)),
                ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='relationships', to='clients.client')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation')),
            ],
        ),
        migrations.AddIndex(
            model_name='client',
            index=models.Index(fields=['last_name', 'birth_date'], name='clients_cli_last_na_5dfa08_idx'),
        ),
        migrations.AddIndex(
            model_name='clientrelationship',
            index=models.Index(fields=['organisation', 'client'], name='clients_cli_organis_2e7b6d_idx'),
        ),
        migrations.AddConstraint(
            model_name='clientrelationship',
            constraint=models.UniqueConstraint(condition=models.Q(('ended_at__isnull', True)), fields=('client', 'organisation'), name='one_open_relationship_per_organisation'),
        ),
    ]
