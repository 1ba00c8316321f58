"""The skills KPIs for installations whose KPI list was seeded before the skills module existed
(a new installation gets them from defaults.json with the others)."""

from django.db import migrations

KPIS = [
    ("skills_plans_agreed", "quality", "%", "up",
     "Voorgestelde ontwikkelplannen afgesproken (12 maanden)",
     "Proposed development plans agreed (12 months)"),
    ("skills_training_hours", "business", "h", "up",
     "Opleidingsuren afgerond en bevestigd (12 maanden)",
     "Training hours finished and confirmed (12 months)"),
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
    dependencies = [("adoption", "0006_onboarding_kpis")]
    operations = [migrations.RunPython(add_kpis, migrations.RunPython.noop)]
