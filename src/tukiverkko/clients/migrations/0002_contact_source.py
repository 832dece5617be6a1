"""Issue 8: the client's contact details belong to the register that recorded them — for the
clients that exist, their creator's organisation and unit register."""

import django.db.models.deletion
from django.db import migrations, models


def backfill(apps, schema_editor):
    from tukiverkko.accounts.roles import register_of_parts

    Client = apps.get_model("clients", "Client")
    Relationship = apps.get_model("clients", "ClientRelationship")
    for client in Client.objects.select_related("created_by__unit"):
        user = client.created_by
        if user is not None and user.organisation_id is not None:
            organisation = user.organisation_id
            register = register_of_parts(user.role, user.unit.register if user.unit_id else None)
        else:
            organisation = (
                Relationship.objects.filter(client_id=client.pk).order_by("pk").values_list("organisation_id", flat=True).first()
            )
            register = None
        Client.objects.filter(pk=client.pk).update(
            contact_organisation_id=organisation, contact_register=register or "other"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_units'),
        ('clients', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='client',
            name='contact_organisation',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation'),
        ),
        migrations.AddField(
            model_name='client',
            name='contact_register',
            field=models.CharField(blank=True, max_length=20),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
