"""Issue 8: each log entry's request id, session reference and (where enabled) IP address; the
grant or basis of each read and disclosure; the register a disclosure came from.

On SQLite, adding a column rebuilds the table and drops its triggers: they are installed again
here (audit/triggers.py), on every database alike.
"""

from django.db import migrations, models


def reinstall_triggers(apps, schema_editor):
    from tukiverkko.audit import triggers

    triggers.uninstall(schema_editor, triggers.LOG_TABLES, head=False)
    triggers.install(schema_editor, triggers.LOG_TABLES, head=False)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0003_eventlogentry'),
    ]

    operations = [
        migrations.AddField(
            model_name='accesslogentry',
            name='basis',
            field=models.CharField(blank=True, db_default='', max_length=200),
        ),
        migrations.AddField(
            model_name='accesslogentry',
            name='ip',
            field=models.CharField(blank=True, db_default='', max_length=45),
        ),
        migrations.AddField(
            model_name='accesslogentry',
            name='request_id',
            field=models.CharField(blank=True, db_default='', max_length=64),
        ),
        migrations.AddField(
            model_name='accesslogentry',
            name='session_ref',
            field=models.CharField(blank=True, db_default='', max_length=32),
        ),
        migrations.AddField(
            model_name='disclosurelogentry',
            name='basis',
            field=models.CharField(blank=True, db_default='', max_length=200),
        ),
        migrations.AddField(
            model_name='disclosurelogentry',
            name='from_register',
            field=models.CharField(blank=True, db_default='', max_length=20),
        ),
        migrations.AddField(
            model_name='disclosurelogentry',
            name='ip',
            field=models.CharField(blank=True, db_default='', max_length=45),
        ),
        migrations.AddField(
            model_name='disclosurelogentry',
            name='request_id',
            field=models.CharField(blank=True, db_default='', max_length=64),
        ),
        migrations.AddField(
            model_name='disclosurelogentry',
            name='session_ref',
            field=models.CharField(blank=True, db_default='', max_length=32),
        ),
        migrations.AddField(
            model_name='eventlogentry',
            name='ip',
            field=models.CharField(blank=True, db_default='', max_length=45),
        ),
        migrations.AddField(
            model_name='eventlogentry',
            name='request_id',
            field=models.CharField(blank=True, db_default='', max_length=64),
        ),
        migrations.AddField(
            model_name='eventlogentry',
            name='session_ref',
            field=models.CharField(blank=True, db_default='', max_length=32),
        ),
        migrations.RunPython(reinstall_triggers, reinstall_triggers),
    ]
