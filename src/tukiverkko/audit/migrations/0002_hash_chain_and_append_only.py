"""Hash chain columns, the chain head, and the triggers that make both logs append-only."""

from django.db import migrations, models

GENESIS = "0" * 64


def chain_existing(apps, schema_editor):
    """Chain entries written before the chain existed (development databases), oldest first."""
    from tukiverkko.audit.chain import FIELDS, canonical, digest

    alias = schema_editor.connection.alias
    ChainHead = apps.get_model("audit", "ChainHead")
    rows = []
    for kind, name in (("access", "AccessLogEntry"), ("disclosure", "DisclosureLogEntry")):
        model = apps.get_model("audit", name)
        for entry in model.objects.using(alias).order_by("id"):
            rows.append((entry.at, kind, entry.id, model, entry))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    prev = GENESIS
    for seq, (_at, kind, _id, model, entry) in enumerate(rows, start=1):
        values = [getattr(entry, f) for f in FIELDS[kind]]
        entry_hash = digest(canonical(kind, seq, prev, values), None)
        model.objects.using(alias).filter(id=entry.id).update(
            seq=seq, prev_hash=prev, entry_hash=entry_hash, key_id=""
        )
        prev = entry_hash
    ChainHead.objects.using(alias).create(id=1, seq=len(rows), hash=prev)


TABLES = ("audit_accesslogentry", "audit_disclosurelogentry")


def install_triggers(apps, schema_editor):
    from tukiverkko.audit import triggers

    triggers.install(schema_editor, TABLES)


def uninstall_triggers(apps, schema_editor):
    from tukiverkko.audit import triggers

    triggers.uninstall(schema_editor, TABLES)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("seq", models.BigIntegerField(default=0)),
                ("hash", models.CharField(max_length=64)),
            ],
        ),
    ]
    for _model in ("accesslogentry", "disclosurelogentry"):
        operations += [
            migrations.AddField(
                model_name=_model, name="seq", field=models.BigIntegerField(null=True)
            ),
            migrations.AddField(
                model_name=_model,
                name="prev_hash",
                field=models.CharField(default="", max_length=64),
                preserve_default=False,
            ),
            migrations.AddField(
                model_name=_model,
                name="entry_hash",
                field=models.CharField(default="", max_length=64),
                preserve_default=False,
            ),
            migrations.AddField(
                model_name=_model,
                name="key_id",
                field=models.CharField(blank=True, max_length=16),
            ),
        ]
    operations.append(migrations.RunPython(chain_existing, migrations.RunPython.noop))
    for _model in ("accesslogentry", "disclosurelogentry"):
        operations.append(
            migrations.AlterField(
                model_name=_model, name="seq", field=models.BigIntegerField(unique=True)
            )
        )
    # Last: on SQLite every AlterField above rebuilds the table, which would drop triggers.
    operations.append(migrations.RunPython(install_triggers, uninstall_triggers))
