from django.db import migrations

NEED_AREAS = ["rehabilitation", "employment", "life_management", "wellbeing", "education", "livelihood"]
ACCESS_ROUTES = [
    "self_referral",
    "professional_referral",
    "doctor_referral",
    "social_care_decision",
    "named_professionals_only",
]


def create_rows(apps, schema_editor):
    NeedArea = apps.get_model("catalogue", "NeedArea")
    AccessRoute = apps.get_model("catalogue", "AccessRoute")
    for slug in NEED_AREAS:
        NeedArea.objects.get_or_create(slug=slug)
    for slug in ACCESS_ROUTES:
        AccessRoute.objects.get_or_create(slug=slug)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(create_rows, migrations.RunPython.noop)]
