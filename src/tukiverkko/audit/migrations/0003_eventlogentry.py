"""The event log: one typed row per change of client data, in the same hash chain, and as
append-only as the other two logs (its triggers are installed here, after the table)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


TABLES = ("audit_eventlogentry",)


def install_triggers(apps, schema_editor):
    from tukiverkko.audit import triggers

    triggers.install(schema_editor, TABLES, head=False)


def uninstall_triggers(apps, schema_editor):
    from tukiverkko.audit import triggers

    triggers.uninstall(schema_editor, TABLES, head=False)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_hash_chain_and_append_only'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='EventLogEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(db_index=True)),
                ('actor_kind', models.CharField(max_length=20)),
                ('username', models.CharField(max_length=150)),
                ('organisation_id', models.BigIntegerField(null=True)),
                ('organisation_name', models.CharField(blank=True, max_length=300)),
                ('role', models.CharField(blank=True, max_length=40)),
                ('client_id', models.BigIntegerField(db_index=True, null=True)),
                ('event', models.CharField(max_length=40)),
                ('ref', models.CharField(blank=True, max_length=200)),
                ('seq', models.BigIntegerField(unique=True)),
                ('prev_hash', models.CharField(max_length=64)),
                ('entry_hash', models.CharField(max_length=64)),
                ('key_id', models.CharField(blank=True, max_length=16)),
                ('user', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['id'],
                'indexes': [models.Index(fields=['client_id', 'at'], name='audit_event_client__1458e4_idx')],
            },
        ),
        migrations.RunPython(install_triggers, uninstall_triggers),
    ]
