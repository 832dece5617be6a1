"""The case path: case, phase log, responsibility periods, hand-over requests, network, journal
and quick-guide checklist (moved from the clients app; no production database existed yet)."""

import django.db.models.deletion
import django.utils.timezone
import tukiverkko.catalogue.quick_guide
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0001_initial'),
        ('clients', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Case',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('phase', models.CharField(choices=[('identification', 'tunnistaminen'), ('joint_assessment', 'yhteinen arviointi'), ('joint_plan', 'yhteinen suunnitelma'), ('implementation', 'toteutus'), ('follow_up', 'seuranta ja arviointi'), ('closed', 'päättynyt')], default='identification', max_length=20)),
                ('opened_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('closed_on', models.DateField(blank=True, null=True)),
                ('outcome', models.CharField(blank=True, choices=[('open_labour_market', 'avoimet työmarkkinat'), ('supported_employment', 'tuettu työllistyminen'), ('studies', 'opinnot'), ('rehabilitation', 'kuntoutus'), ('sickness_allowance', 'sairauspäiväraha'), ('pension', 'eläke'), ('another_service', 'muu palvelu'), ('moved_away', 'muutti pois'), ('client_withdrew', 'asiakas keskeytti'), ('other', 'muu')], max_length=30)),
                ('outcome_note', models.TextField(blank=True)),
                ('version', models.PositiveIntegerField(default=1)),
                ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cases', to='clients.client')),
                ('follow_up_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='seurannasta vastaa')),
                ('responsible_worker', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='responsible_cases', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-opened_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='ChecklistItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('step', models.PositiveSmallIntegerField(choices=tukiverkko.catalogue.quick_guide.step_choices)),
                ('note', models.TextField(blank=True)),
                ('done_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='checklist', to='cases.case')),
                ('done_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['step'],
            },
        ),
        migrations.CreateModel(
            name='HandoverRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.TextField()),
                ('status', models.CharField(choices=[('pending', 'odottaa hyväksyntää'), ('accepted', 'hyväksytty'), ('declined', 'hylätty'), ('cancelled', 'peruttu')], default='pending', max_length=10)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('caseload_batch', models.UUIDField(blank=True, null=True)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='handover_requests', to='cases.case')),
                ('from_worker', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('to_worker', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='handovers_in', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='JournalEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('category', models.CharField(choices=[('health', 'terveys'), ('social', 'sosiaali'), ('employment', 'työllisyys'), ('benefits', 'etuudet'), ('education', 'koulutus')], max_length=20, verbose_name='tietoryhmä')),
                ('text', models.TextField(verbose_name='kirjaus')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='journal', to='cases.case')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation')),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='NetworkMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(max_length=200, verbose_name='rooli')),
                ('added_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('removed_at', models.DateTimeField(blank=True, null=True)),
                ('added_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='network', to='cases.case')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['added_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='PhaseTransition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_phase', models.CharField(blank=True, choices=[('identification', 'tunnistaminen'), ('joint_assessment', 'yhteinen arviointi'), ('joint_plan', 'yhteinen suunnitelma'), ('implementation', 'toteutus'), ('follow_up', 'seuranta ja arviointi'), ('closed', 'päättynyt')], max_length=20)),
                ('to_phase', models.CharField(choices=[('identification', 'tunnistaminen'), ('joint_assessment', 'yhteinen arviointi'), ('joint_plan', 'yhteinen suunnitelma'), ('implementation', 'toteutus'), ('follow_up', 'seuranta ja arviointi'), ('closed', 'päättynyt')], max_length=20)),
                ('reason', models.TextField(blank=True)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions', to='cases.case')),
            ],
            options={
                'ordering': ['at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='ResponsibilityPeriod',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('started_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('ended_at', models.DateTimeField(blank=True, null=True)),
                ('reason', models.TextField(blank=True)),
                ('assigned_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responsibility_periods', to='cases.case')),
                ('worker', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['started_at', 'pk'],
            },
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['responsible_worker', 'phase'], name='cases_case_respons_cfb885_idx'),
        ),
        migrations.AddConstraint(
            model_name='checklistitem',
            constraint=models.UniqueConstraint(fields=('case', 'step'), name='one_row_per_checklist_step'),
        ),
        migrations.AddConstraint(
            model_name='handoverrequest',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('case',), name='one_pending_handover_per_case'),
        ),
        migrations.AddIndex(
            model_name='journalentry',
            index=models.Index(fields=['case', 'created_at'], name='cases_journ_case_id_3a95b1_idx'),
        ),
        migrations.AddIndex(
            model_name='networkmember',
            index=models.Index(fields=['user', 'case'], name='cases_netwo_user_id_34a590_idx'),
        ),
        migrations.AddConstraint(
            model_name='responsibilityperiod',
            constraint=models.UniqueConstraint(condition=models.Q(('ended_at__isnull', True)), fields=('case',), name='one_current_responsible_worker'),
        ),
    ]
