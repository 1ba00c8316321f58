"""Demo state of the trust layer: CV screening and the job-ad check active, the HR assistant
deliberately not (its English notice is missing) so the activation gate can be seen."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from mensenwerk.core.models import User
from mensenwerk.governance import rights, services
from mensenwerk.governance.models import AIApplication, Overseer, RightsRequest, VendorAssessment


@transaction.atomic
def load_governance_demo() -> None:
    hr = User.objects.get(username="hr")
    recruiter = User.objects.get(username="recruiter")
    manager = User.objects.get(username="manager")
    dpo = User.objects.get(username="dpo")
    AIApplication.objects.filter(slug="cv-screening").update(
        owner=hr,
        legal_basis="6_1f",
        dpia_status="completed",
        dpia_date=date(2026, 9, 15),
        works_council_status="consent_given",
        works_council_date=date(2026, 10, 6),
        works_council_document="OR-regeling AI in werving, ondertekend 6 oktober 2026",
        balancing_test="Belang: sneller en consistenter selecteren met minder vooroordeel. "
        "Maatregelen: blinde beoordeling, uitleg per criterium, mens beslist, bias-monitoring.",
        monitoring_plan="Maandelijks: selectieratio's per groep (vierenvijfde-regel), "
        "acceptatie- en afwijkpercentages per beoordelaar, steekproef van 10 dossiers.",
    )
    AIApplication.objects.filter(slug="job-ad-check").update(
        owner=recruiter,
        legal_basis="6_1f",
        dpia_status="not_required",
        works_council_status="informed",
        works_council_date=date(2026, 10, 6),
    )
    AIApplication.objects.filter(slug="hr-assistant").update(
        owner=hr,
        legal_basis="6_1f",
        works_council_status="informed",
        works_council_date=date(2026, 10, 6),
    )
    AIApplication.objects.filter(slug="drafting").update(
        owner=hr,
        legal_basis="6_1c",  # BW 7:656: the employer must give a reference on request
        works_council_status="informed",
        works_council_date=date(2026, 10, 6),
    )
    AIApplication.objects.filter(slug="onboarding").update(
        owner=hr,
        legal_basis="6_1b",  # the employment contract: preparing the new colleague's start
        works_council_status="informed",
        works_council_date=date(2026, 10, 6),
    )
    AIApplication.objects.filter(slug="skills").update(
        owner=hr,
        legal_basis="6_1f",  # the legitimate interest in training; the CV only with consent
        works_council_status="consent_given",  # a personnel information system: WOR art. 27
        works_council_date=date(2026, 10, 6),
    )
    skills = AIApplication.objects.get(slug="skills")
    if not skills.dpia_exemption_reason:
        services.do_record_dpia_exemption(
            skills,
            "Geen hoog risico: de software stelt opleidingen voor en beslist niets over de "
            "arbeidsrelatie; manager en medewerker spreken elk plan af. Cv's alleen met "
            "toestemming, het bestand wordt niet bewaard. De OR stemde in (art. 27 WOR).",
            dpo,
        )
    onboarding = AIApplication.objects.get(slug="onboarding")
    if not onboarding.dpia_exemption_reason:
        services.do_record_dpia_exemption(
            onboarding,
            "Geen hoog risico: het voorstel regelt taken en een leeslijst, beslist niets over de "
            "persoon, en HR accepteert of wijzigt elk plan. De puls is anoniem (groepen van 5+).",
            dpo,
        )
    drafting = AIApplication.objects.get(slug="drafting")
    if not drafting.dpia_exemption_reason:
        services.do_record_dpia_exemption(
            drafting,
            "Geen hoog risico: de software stelt alleen een eerste versie op uit het dossier, "
            "zonder taalmodel; HR bewerkt en keurt elke versie goed en de medewerker leest mee.",
            dpo,
        )
    assistant = AIApplication.objects.get(slug="hr-assistant")
    if not assistant.dpia_exemption_reason:
        services.do_record_dpia_exemption(
            assistant,
            "Geen hoog risico: de assistent beslist niets over personen, vragen worden onder een "
            "pseudoniem bewaard (12 maanden) en persoonlijke vragen gaan naar HR. Herbeoordelen "
            "als een taalmodel buiten de organisatie wordt aangesloten.",
            dpo,
        )
    briefing = "Briefing AI in werving (2 uur): werking, grenzen, automatiseringsbias"
    for slug, users in {
        "cv-screening": [recruiter, manager],
        "job-ad-check": [recruiter],
        "hr-assistant": [hr],
        "drafting": [hr],
        "onboarding": [hr],
        "skills": [hr, manager],
    }.items():
        app = AIApplication.objects.get(slug=slug)
        for user in users:
            Overseer.objects.update_or_create(
                application=app,
                user=user,
                defaults={"briefed_at": date(2026, 10, 20), "briefing_note": briefing},
            )
    cv = AIApplication.objects.get(slug="cv-screening")
    for criterion, (rating, evidence) in BUILTIN_ASSESSMENT.items():
        VendorAssessment.objects.filter(application=cv, criterion=criterion).update(
            rating=rating, evidence=evidence
        )
    for slug in ("cv-screening", "job-ad-check", "drafting", "onboarding", "skills"):
        app = AIApplication.objects.get(slug=slug)
        if not app.active:
            services.do_activate(app, hr)
    if not RightsRequest.objects.exists():
        rights.do_log_rights_request(
            "access",
            "S-DEMO0000000001",
            date(2026, 11, 10),
            dpo,
            note="Oud-sollicitant vraagt inzage per e-mail.",
        )


# How HR would rate a built-in, self-hosted, open-source component: each criterion on its own
# evidence, and certification honestly insufficient (the project holds none).
BUILTIN_ASSESSMENT = {
    "data_protection": (
        "good",
        "Pseudonimisering vóór de beoordeling, toegang per rol, bewaartermijnen en een "
        "audittrail van elke uitkomst (docs/trust-layer.md).",
    ),
    "location": ("good", "Draait op onze eigen server in Nederland; geen gegevens naar derden."),
    "transparency": (
        "good",
        "Open broncode; de scoreformule staat op de vacaturepagina en elke score heeft uitleg "
        "per eis met het bewijs uit het cv.",
    ),
    "bias": (
        "adequate",
        "Bias-monitoring per groep en stap (vier-vijfde-regel, Fisher); hangt af van "
        "vrijwillige zelfidentificatie, dus kleine groepen blijven onzichtbaar.",
    ),
    "certifications": (
        "insufficient",
        "Het product zelf heeft geen certificering (open-sourceproject); wij leunen op de "
        "beveiliging van onze eigen server.",
    ),
    "security": (
        "adequate",
        "Argon2-wachtwoorden, CSP, geheime sleutels alleen voor de eigenaar; de server en "
        "back-ups beheren wij zelf (docs/operations.md).",
    ),
    "contract": ("good", "Geen leverancierscontract: open broncode, data in onze eigen database."),
    "maintenance": (
        "adequate",
        "Updates via de open-sourcereleases; wij plannen ze zelf in.",
    ),
    "rights": (
        "good",
        "Inzage, export en verwijdering per persoon ingebouwd (AVG art. 15–17).",
    ),
}
