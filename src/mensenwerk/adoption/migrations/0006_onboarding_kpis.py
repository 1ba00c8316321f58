"""The onboarding KPIs for installations whose KPI list was seeded before onboarding existed
(a new installation gets them from defaults.json with the others)."""

from django.db import migrations

KPIS = [
    ("onboarding_week_one_days", "efficiency", "d", "down",
     "Inwerken: dagen tot alle taken van week één klaar zijn (mediaan)",
     "Onboarding: days until every week-one task is done (median)"),
    ("onboarding_complete_90", "quality", "%", "up",
     "Inwerkplannen compleet op dag 90", "Onboarding plans complete at day 90"),
    ("onboarding_recommend", "experience", "", "up",
     "Onboardingpuls: nieuwe collega's die ons aanraden (NPS)",
     "Onboarding pulse: new colleagues who recommend us (NPS)"),
]  # fmt: skip


def add_kpis(apps, schema_editor):
    Kpi = apps.get_model("adoption", "Kpi")
    Organisation = apps.get_model("core", "Organisation")
    if not Kpi.objects.exists():
        return
    org = Organisation.objects.first()
    english = org is not None and org.language == "en"
    for measure, group, unit, direction, nl, en in KPIS:
        if not Kpi.objects.filter(measure=measure).exists():
            Kpi.objects.create(
                measure=measure, name=en if english else nl, group=group, unit=unit,
                direction=direction,
            )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("adoption", "0005_drafts_unchanged_kpi")]
    operations = [migrations.RunPython(add_kpis, migrations.RunPython.noop)]
