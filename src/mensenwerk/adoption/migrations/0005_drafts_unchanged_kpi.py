"""The drafting KPI for installations whose KPI list was seeded before it existed (a new
installation gets it from defaults.json with the others)."""

from django.db import migrations

NAMES = {
    "nl": "Opgestelde documenten ongewijzigd goedgekeurd",
    "en": "Drafted documents approved without edits",
}


def add_kpi(apps, schema_editor):
    Kpi = apps.get_model("adoption", "Kpi")
    Organisation = apps.get_model("core", "Organisation")
    if not Kpi.objects.exists() or Kpi.objects.filter(measure="drafts_unchanged").exists():
        return
    org = Organisation.objects.first()
    language = org.language if org is not None else "nl"
    Kpi.objects.create(
        measure="drafts_unchanged",
        name=NAMES.get(language, NAMES["nl"]),
        group="quality",
        unit="%",
        direction="up",
    )


class Migration(migrations.Migration):
    dependencies = [("adoption", "0004_phase_key_labels"), ("core", "0009_subscription")]
    operations = [migrations.RunPython(add_kpi, migrations.RunPython.noop)]
