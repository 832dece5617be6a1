# Review status of Swedish and English texts per record (decision 0141) and the reason a
# service's validity is unverified, "voimassaolo tarkistamatta" (decision 0140).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0003_searchtoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='service',
            name='translation_en',
            field=models.CharField(blank=True, choices=[('unchecked', 'tarkistamatta'), ('checked', 'tarkistettu')], max_length=10, verbose_name='englanninkielisten tekstien tarkistus'),
        ),
        migrations.AddField(
            model_name='service',
            name='translation_sv',
            field=models.CharField(blank=True, choices=[('unchecked', 'tarkistamatta'), ('checked', 'tarkistettu')], max_length=10, verbose_name='ruotsinkielisten tekstien tarkistus'),
        ),
        migrations.AddField(
            model_name='service',
            name='validity_unverified_en',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='service',
            name='validity_unverified_fi',
            field=models.TextField(blank=True, verbose_name='voimassaolo tarkistamatta'),
        ),
        migrations.AddField(
            model_name='service',
            name='validity_unverified_sv',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='servicetype',
            name='translation_en',
            field=models.CharField(blank=True, choices=[('unchecked', 'tarkistamatta'), ('checked', 'tarkistettu')], max_length=10, verbose_name='englanninkielisten tekstien tarkistus'),
        ),
        migrations.AddField(
            model_name='servicetype',
            name='translation_sv',
            field=models.CharField(blank=True, choices=[('unchecked', 'tarkistamatta'), ('checked', 'tarkistettu')], max_length=10, verbose_name='ruotsinkielisten tekstien tarkistus'),
        ),
    ]
