# Search tokens: an indexed table of the base forms in Service.search_lemmas (decision 0021).

import django.db.models.deletion
from django.db import migrations, models


def fill_tokens(apps, schema_editor):
    Service = apps.get_model("catalogue", "Service")
    SearchToken = apps.get_model("catalogue", "SearchToken")
    rows = []
    for pk, lemmas in Service.objects.values_list("pk", "search_lemmas").iterator():
        for lemma in dict.fromkeys(w[:100] for w in (lemmas or "").split() if w):
            rows.append(SearchToken(service_id=pk, lemma=lemma))
        if len(rows) > 5000:
            SearchToken.objects.bulk_create(rows)
            rows = []
    SearchToken.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0002_need_areas_and_access_routes"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchToken",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("lemma", models.CharField(max_length=100)),
                (
                    "service",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_tokens",
                        to="catalogue.service",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["lemma", "service"], name="catalogue_token_lemma")],
                "constraints": [
                    models.UniqueConstraint(fields=("service", "lemma"), name="catalogue_token_unique")
                ],
            },
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop),
    ]
