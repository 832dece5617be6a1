"""Issue 15, decision 0330: an entry may be written unchained (``seq`` NULL) and chained by the
sequencer later, exactly once; the append-only triggers let that one UPDATE through.

On SQLite, altering a column rebuilds the table and drops its triggers: they are installed again
here (audit/triggers.py), on every database alike.
"""

from django.conf import settings
from django.db import migrations, models


def reinstall_triggers(apps, schema_editor):
    from tukiverkko.audit import triggers

    triggers.uninstall(schema_editor, triggers.LOG_TABLES, head=False)
    triggers.install(schema_editor, triggers.LOG_TABLES, head=False)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0004_context_basis_and_register'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='accesslogentry',
            name='entry_hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name='accesslogentry',
            name='prev_hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name='accesslogentry',
            name='seq',
            field=models.BigIntegerField(null=True, unique=True),
        ),
        migrations.AlterField(
            model_name='disclosurelogentry',
            name='entry_hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name='disclosurelogentry',
            name='prev_hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name='disclosurelogentry',
            name='seq',
            field=models.BigIntegerField(null=True, unique=True),
        ),
        migrations.AlterField(
            model_name='eventlogentry',
            name='entry_hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name='eventlogentry',
            name='prev_hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name='eventlogentry',
            name='seq',
            field=models.BigIntegerField(null=True, unique=True),
        ),
        migrations.AddIndex(
            model_name='accesslogentry',
            index=models.Index(condition=models.Q(('seq__isnull', True)), fields=['at', 'id'], name='audit_access_unchained'),
        ),
        migrations.AddIndex(
            model_name='disclosurelogentry',
            index=models.Index(condition=models.Q(('seq__isnull', True)), fields=['at', 'id'], name='audit_disclosure_unchained'),
        ),
        migrations.AddIndex(
            model_name='eventlogentry',
            index=models.Index(condition=models.Q(('seq__isnull', True)), fields=['at', 'id'], name='audit_event_unchained'),
        ),
        migrations.RunPython(reinstall_triggers, migrations.RunPython.noop),
    ]
