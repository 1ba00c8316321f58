"""The people-analytics and candidate-question KPIs for installations whose KPI list was
seeded before these modules existed (a new installation gets them from defaults.json with the others)."""

from django.db import migrations

KPIS = [
    ("candidate_questions_answered", "efficiency", "", "up",
     "Vragen van kandidaten beantwoord door de assistent (per maand)",
     "Candidates' questions answered by the assistant (per month)"),
    ("candidate_questions_escalated", "efficiency", "", "down",
     "Vragen van kandidaten doorgestuurd naar recruiters (per maand)",
     "Candidates' questions sent on to the recruiters (per month)"),
    ("survey_response", "experience", "%", "up",
     "Respons op het laatste medewerkersonderzoek", "Response to the latest engagement survey"),
    ("survey_enps", "experience", "", "up",
     "eNPS van het laatste medewerkersonderzoek", "eNPS of the latest engagement survey"),
    ("retention_alerts_decided", "quality", "%", "up",
     "Behoudsignalen met een besluit over een gesprek (12 maanden)",
     "Retention alerts with a decision on a conversation (12 months)"),
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
    dependencies = [("adoption", "0007_skills_kpis")]
    operations = [migrations.RunPython(add_kpis, migrations.RunPython.noop)]
