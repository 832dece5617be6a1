"""Issue 8: the case-owning controller and register on each case, the register of each journal
entry, and whose register each other piece of free text belongs to — filled in for the rows
that exist from their author's organisation and unit, then required."""

import django.db.models.deletion
from django.db import migrations, models


SOURCED = {
    "phasetransition": "by",
    "responsibilityperiod": "assigned_by",
    "handoverrequest": "requested_by",
    "checklistitem": "done_by",
    "networkmember": "added_by",
}


def _parts(user):
    from tukiverkko.accounts.roles import category_of_parts, register_of_parts

    register = register_of_parts(user.role, user.unit.register if user.unit_id else None)
    register = register or "other"
    return user.organisation_id, register, category_of_parts(user.role, register)


def backfill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Period = apps.get_model("cases", "ResponsibilityPeriod")
    Journal = apps.get_model("cases", "JournalEntry")
    Relationship = apps.get_model("clients", "ClientRelationship")
    Organisation = apps.get_model("accounts", "Organisation")
    fallback = Organisation.objects.order_by("pk").values_list("pk", flat=True).first()
    for case in Case.objects.select_related("responsible_worker__unit"):
        first = (
            Period.objects.filter(case=case).order_by("started_at", "pk").select_related("worker__unit").first()
        )
        organisation, register, _category = _parts(first.worker if first else case.responsible_worker)
        if organisation is None:
            organisation = (
                Relationship.objects.filter(client_id=case.client_id).order_by("pk").values_list("organisation_id", flat=True).first()
                or fallback
            )
        Case.objects.filter(pk=case.pk).update(organisation_id=organisation, register=register)
    for entry in Journal.objects.select_related("author__unit"):
        _organisation, register, _category = _parts(entry.author)
        Journal.objects.filter(pk=entry.pk).update(register=register)
    for model_name, author in SOURCED.items():
        model = apps.get_model("cases", model_name)
        for row in model.objects.select_related(f"{author}__unit"):
            organisation, register, category = _parts(getattr(row, author))
            model.objects.filter(pk=row.pk).update(
                source_organisation_id=organisation, source_register=register, source_category=category
            )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_units'),
        ('cases', '0001_initial'),
        ('clients', '0002_contact_source'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='organisation',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation'),
        ),
        migrations.AddField(
            model_name='case',
            name='register',
            field=models.CharField(choices=[('health_care', 'terveydenhuolto'), ('social_care', 'sosiaalihuolto'), ('other', 'muu palvelu')], default='other', max_length=20),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='checklistitem',
            name='source_category',
            field=models.CharField(blank=True, choices=[('health', 'terveys'), ('social', 'sosiaali'), ('employment', 'työllisyys'), ('benefits', 'etuudet'), ('education', 'koulutus'), ('contact', 'yhteystiedot')], max_length=20),
        ),
        migrations.AddField(
            model_name='checklistitem',
            name='source_organisation',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation'),
        ),
        migrations.AddField(
            model_name='checklistitem',
            name='source_register',
            field=models.CharField(blank=True, choices=[('health_care', 'terveydenhuolto'), ('social_care', 'sosiaalihuolto'), ('other', 'muu palvelu')], max_length=20),
        ),
        migrations.AddField(
            model_name='handoverrequest',
            name='source_category',
            field=models.CharField(blank=True, choices=[('health', 'terveys'), ('social', 'sosiaali'), ('employment', 'työllisyys'), ('benefits', 'etuudet'), ('education', 'koulutus'), ('contact', 'yhteystiedot')], max_length=20),
        ),
        migrations.AddField(
            model_name='handoverrequest',
            name='source_organisation',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation'),
        ),
        migrations.AddField(
            model_name='handoverrequest',
            name='source_register',
            field=models.CharField(blank=True, choices=[('health_care', 'terveydenhuolto'), ('social_care', 'sosiaalihuolto'), ('other', 'muu palvelu')], max_length=20),
        ),
        migrations.AddField(
            model_name='journalentry',
            name='register',
            field=models.CharField(choices=[('health_care', 'terveydenhuolto'), ('social_care', 'sosiaalihuolto'), ('other', 'muu palvelu')], default='other', max_length=20),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='networkmember',
            name='source_category',
            field=models.CharField(blank=True, choices=[('health', 'terveys'), ('social', 'sosiaali'), ('employment', 'työllisyys'), ('benefits', 'etuudet'), ('education', 'koulutus'), ('contact', 'yhteystiedot')], max_length=20),
        ),
        migrations.AddField(
            model_name='networkmember',
            name='source_organisation',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation'),
        ),
        migrations.AddField(
            model_name='networkmember',
            name='source_register',
            field=models.CharField(blank=True, choices=[('health_care', 'terveydenhuolto'), ('social_care', 'sosiaalihuolto'), ('other', 'muu palvelu')], max_length=20),
        ),
        migrations.AddField(
            model_name='phasetransition',
            name='source_category',
            field=models.CharField(blank=True, choices=[('health', 'terveys'), ('social', 'sosiaali'), ('employment', 'työllisyys'), ('benefits', 'etuudet'), ('education', 'koulutus'), ('contact', 'yhteystiedot')], max_length=20),
        ),
        migrations.AddField(
            model_name='phasetransition',
            name='source_organisation',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation'),
        ),
        migrations.AddField(
            model_name='phasetransition',
            name='source_register',
            field=models.CharField(blank=True, choices=[('health_care', 'terveydenhuolto'), ('social_care', 'sosiaalihuolto'), ('other', 'muu palvelu')], max_length=20),
        ),
        migrations.AddField(
            model_name='responsibilityperiod',
            name='source_category',
            field=models.CharField(blank=True, choices=[('health', 'terveys'), ('social', 'sosiaali'), ('employment', 'työllisyys'), ('benefits', 'etuudet'), ('education', 'koulutus'), ('contact', 'yhteystiedot')], max_length=20),
        ),
        migrations.AddField(
            model_name='responsibilityperiod',
            name='source_organisation',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation'),
        ),
        migrations.AddField(
            model_name='responsibilityperiod',
            name='source_register',
            field=models.CharField(blank=True, choices=[('health_care', 'terveydenhuolto'), ('social_care', 'sosiaalihuolto'), ('other', 'muu palvelu')], max_length=20),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='case',
            name='organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation'),
        ),
    ]
