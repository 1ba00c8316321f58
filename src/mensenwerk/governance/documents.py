"""Documents generated from the register, in Dutch and English, editable before export.

Each builder returns Markdown-lite text (see engines/documents.py). The register's own
fields are quoted as the organisation wrote them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils import timezone, translation

from mensenwerk.core import formats
from mensenwerk.core.models import Organisation
from mensenwerk.governance.models import AIApplication

KINDS = ("dpia", "agreement", "notice", "ropa")


def _date(value: date | str, lang: str) -> str:
    """'30 november 2026' / '30 November 2026'; an ISO string from an export is read first."""
    day = date.fromisoformat(value[:10]) if isinstance(value, str) else value
    with translation.override(lang):
        return formats.long_date(day)


def _t(lang: str, nl: str, en: str) -> str:
    return nl if lang == "nl" else en


def _owner(app: AIApplication, lang: str) -> str:
    if app.owner is None:
        return _t(lang, "nog niet aangewezen", "not yet assigned")
    return app.owner.get_full_name() or app.owner.username


def _facts(app: AIApplication, lang: str) -> list[str]:
    return [
        f"- {_t(lang, 'Toepassing', 'Application')}: {app.name} ({app.provider}, "
        f"{_t(lang, 'versie', 'version')} {app.version or '—'})",
        f"- {_t(lang, 'Doel', 'Purpose')}: {app.purpose}",
        f"- {_t(lang, 'HR-proces', 'HR process')}: {app.hr_process}",
        f"- {_t(lang, 'Risicoklasse', 'Risk class')}: {app.get_risk_class_display()} — "
        f"{app.risk_reason}",
        f"- {_t(lang, 'Samenwerking mens–AI', 'Human–AI collaboration')}: "
        f"{app.get_collaboration_display()}",
        f"- {_t(lang, 'Eigenaar', 'Owner')}: {_owner(app, lang)}",
    ]


def dpia(app: AIApplication, lang: str) -> str:
    org = Organisation.current()
    lines = [
        f"# {_t(lang, 'DPIA (concept)', 'DPIA (draft)')}: {app.name}",
        f"{org.name} — {_date(timezone.localdate(), lang)}. "
        + _t(
            lang,
            "Opgesteld volgens AVG art. 35, in de opbouw van het Model DPIA Rijksdienst.",
            "Prepared under GDPR art. 35, following the structure of the "
            "Dutch government's model DPIA.",
        ),
        _t(lang, "## A. Beschrijving van de verwerking", "## A. Systematic description"),
        *_facts(app, lang),
        f"- {_t(lang, 'Persoonsgegevens', 'Personal data')}: {app.personal_data}",
        f"- {_t(lang, 'Bewaartermijn', 'Retention')}: {app.retention}",
        f"- {_t(lang, 'Wat de AI zelfstandig doet', 'What the AI does alone')}: {app.ai_alone}",
        f"- {_t(lang, 'Wat de AI adviseert', 'What the AI recommends')}: {app.ai_recommends}",
        f"- {_t(lang, 'Wat een mens beslist', 'What a person decides')}: {app.human_decides}",
        *_dpia_lawfulness(app, lang),
        *_dpia_risks(app, lang),
        *_dpia_measures(app, lang),
    ]
    return "\n\n".join(lines)


def _dpia_lawfulness(app: AIApplication, lang: str) -> list[str]:
    return [
        _t(
            lang,
            "## B. Rechtmatigheid, noodzaak en evenredigheid",
            "## B. Lawfulness, necessity and proportionality",
        ),
        f"- {_t(lang, 'Grondslag', 'Legal basis')}: {app.get_legal_basis_display()}"
        + (
            _t(lang, " (arbeidscontext, AVG art. 88)", " (employment context, GDPR art. 88)")
            if app.gdpr_art88
            else ""
        ),
        f"- {_t(lang, 'Belangenafweging', 'Balancing test')}: "
        f"{app.balancing_test or _t(lang, 'nog in te vullen', 'to be completed')}",
        _t(
            lang,
            "- Geen uitsluitend geautomatiseerde besluitvorming (AVG art. 22): elke "
            "uitkomst wordt door een mens beoordeeld, met reden bij afwijken of afwijzen.",
            "- No decision based solely on automated processing (GDPR art. 22): every output "
            "is reviewed by a person, with a reason to override or reject.",
        ),
    ]


def _dpia_risks(app: AIApplication, lang: str) -> list[str]:
    """The risks that follow from this register entry: whom it concerns, which data, what the
    AI does alone and what people decide on its advice, how it is explained."""
    risk = AIApplication.RiskClass
    affected = {
        risk.HIGH_4A: _t(lang, "sollicitanten", "candidates"),
        risk.HIGH_4B: _t(lang, "medewerkers", "employees"),
    }.get(app.risk_class, _t(lang, "medewerkers die het gebruiken", "employees who use it"))
    lines = [
        _t(
            lang,
            "## C. Risico's voor de rechten en vrijheden van betrokkenen",
            "## C. Risks to the rights and freedoms of data subjects",
        ),
        _t(lang, "Betrokkenen: ", "Data subjects: ") + affected + ".",
    ]
    if app.is_high_risk:
        lines.append(
            _t(
                lang,
                f"- Ongelijke behandeling van {affected} door bias in de gegevens of criteria "
                f"({app.hr_process}): bewaakt met de bias-monitoring per groep.",
                f"- Unequal treatment of {affected} through bias in the data or criteria "
                f"({app.hr_process}): watched by the bias monitoring per group.",
            )
        )
    return lines + _entry_risks(app, lang)


def _entry_risks(app: AIApplication, lang: str) -> list[str]:
    """The risks of what the AI recommends or does alone, its data and its notice."""
    lines: list[str] = []
    if app.ai_recommends:
        lines.append(
            _t(
                lang,
                f"- Automatiseringsbias: een mens neemt het advies over zonder eigen oordeel "
                f"(de AI adviseert: {app.ai_recommends}).",
                f"- Automation bias: a person takes the advice over without judgement of their "
                f"own (the AI recommends: {app.ai_recommends}).",
            )
        )
    if app.ai_alone:
        lines.append(
            _t(
                lang,
                f"- Wat de AI zelfstandig doet, bereikt mensen zonder controle vooraf: "
                f"{app.ai_alone}",
                f"- What the AI does alone reaches people without a check first: {app.ai_alone}",
            )
        )
    if app.processes_personal_data:
        lines.append(
            _t(
                lang,
                f"- Onbevoegde toegang tot of te lang bewaren van: {app.personal_data} "
                f"(bewaartermijn: {app.retention}).",
                f"- Unauthorised access to, or over-long retention of: {app.personal_data} "
                f"(retention: {app.retention}).",
            )
        )
    if not (app.notice_nl and app.notice_en):
        lines.append(
            _t(
                lang,
                "- Betrokkenen weten niet dat AI meedoet: de transparantieverklaring ontbreekt "
                "nog in het Nederlands of het Engels.",
                "- People do not know that AI takes part: the transparency notice is still "
                "missing in Dutch or English.",
            )
        )
    return lines


def _dpia_measures(app: AIApplication, lang: str) -> list[str]:
    return [
        _t(lang, "## D. Maatregelen", "## D. Measures"),
        _t(
            lang,
            "- Activatiepoort: de toepassing werkt pas na eigenaar, grondslag, DPIA, "
            "medezeggenschap, transparantieverklaring en getrainde toezichthouders.",
            "- Activation gate: the application runs only with an owner, legal basis, DPIA, "
            "works-council step, transparency notice and trained overseers.",
        ),
        _t(
            lang,
            "- Onveranderbare, hash-geketende audittrail van elke uitkomst en elk besluit.",
            "- Tamper-evident, hash-chained audit trail of every output and decision.",
        ),
        _t(
            lang,
            "- Pseudonimisering; toegang per rol; verwijdering volgens bewaartermijnen.",
            "- Pseudonymisation; role-based access; deletion by retention periods.",
        ),
        f"- {_t(lang, 'Monitoring', 'Monitoring')}: "
        f"{app.monitoring_plan or _t(lang, 'nog in te vullen', 'to be completed')}",
        f"- {_t(lang, 'Toezichthouders', 'Overseers')}: "
        + ", ".join(o.user.get_full_name() or o.user.username for o in app.overseers.all()),
    ]


def agreement(app: AIApplication, lang: str) -> str:
    org = Organisation.current()
    sections = [
        (_t(lang, "Reikwijdte en doel", "Scope and purpose"), app.purpose),
        (
            _t(lang, "Uitgangspunten", "Principles"),
            _t(
                lang,
                "Eerlijkheid, transparantie, juistheid en menselijke regie: de AI adviseert, "
                "een mens beslist.",
                "Fairness, transparency, accuracy and human control: the AI "
                "advises, a person decides.",
            ),
        ),
        (
            _t(lang, "Gegevens, verwerking en bewaartermijnen", "Data, processing and retention"),
            f"{app.personal_data} {_t(lang, 'Bewaartermijn', 'Retention')}: {app.retention}",
        ),
        (
            _t(lang, "Procesbeschrijving", "Process description"),
            f"{app.ai_alone} {app.ai_recommends}",
        ),
        (
            _t(lang, "Rollen en verantwoordelijkheden", "Roles and responsibilities"),
            f"{_t(lang, 'Wie beslist', 'Who decides')}: {app.human_decides} "
            f"{_t(lang, 'Eigenaar', 'Owner')}: "
            f"{app.owner.get_full_name() if app.owner else '—'}. "
            + _t(
                lang,
                "Toegang alleen volgens de rollen in Mensenwerk.",
                "Access only according to the roles in Mensenwerk.",
            ),
        ),
        (
            _t(lang, "Transparantie naar betrokkenen", "Transparency to those affected"),
            app.notice_nl if lang == "nl" else app.notice_en,
        ),
        (_t(lang, "Kwaliteitsborging", "Quality assurance"), app.monitoring_plan or "—"),
        *_agreement_rules(lang),
    ]
    lines = [
        f"# {_t(lang, 'Regeling AI-gebruik', 'Agreement on the use of AI')}: {app.name}",
        f"{org.name} — {_t(lang, 'ondernemingsraad', 'works council')}",
    ]
    for number, (heading, body) in enumerate(sections, start=1):
        lines += [f"## {number}. {heading}", body]
    return "\n\n".join([*lines, *_signatures(org.name, lang)])


def _signatures(employer: str, lang: str) -> list[str]:
    """The agreement's date of effect and a signature block for both parties."""
    blank = "_" * 24
    rows = [
        f"| | {_t(lang, 'Namens', 'For')} {employer} | "
        f"{_t(lang, 'Namens de ondernemingsraad', 'For the works council')} |",
        *(
            f"| {label} | {blank} | {blank} |"
            for label in (
                _t(lang, "Naam", "Name"),
                _t(lang, "Functie", "Position"),
                _t(lang, "Plaats en datum", "Place and date"),
                _t(lang, "Handtekening", "Signature"),
            )
        ),
    ]
    return [
        _t(lang, "## Ondertekening", "## Signatures"),
        _t(lang, "Deze regeling geldt vanaf: ", "This agreement applies from: ") + blank,
        "\n".join(rows),
    ]


def _agreement_rules(lang: str) -> list[tuple[str, str]]:
    """The sections that are the same for every application: training, objection,
    evaluation and changes."""
    return [
        (
            _t(lang, "Training", "Training"),
            _t(
                lang,
                "Iedere toezichthouder volgt vóór gebruik de AI-geletterdheidsbriefing "
                "(AI-verordening art. 4).",
                "Every overseer completes the AI-literacy briefing before use (AI Act art. 4).",
            ),
        ),
        (
            _t(lang, "Bezwaar en klachten", "Objection and complaints"),
            _t(
                lang,
                "Een betrokkene kan bij HR uitleg vragen over een besluit waarbij AI is "
                "gebruikt en daartegen bezwaar maken; een ander dan de oorspronkelijke beoordelaar "
                "behandelt het bezwaar binnen vier weken.",
                "A person can ask HR for an "
                "explanation of an AI-supported decision and object to it; someone other than the "
                "original reviewer handles the objection within four weeks.",
            ),
        ),
        (
            _t(lang, "Evaluatie", "Evaluation"),
            _t(
                lang,
                "Jaarlijks, met de cijfers uit de audittrail en de bias-monitoring.",
                "Yearly, with the figures from the audit trail and the bias monitoring.",
            ),
        ),
        (
            _t(lang, "Wijzigingen en uitbreidingen", "Changes and extensions"),
            _t(
                lang,
                "Wijzigingen in doel, gegevens of werking worden vooraf ter instemming "
                "voorgelegd (WOR art. 27).",
                "Changes to purpose, data or working are submitted "
                "for consent beforehand (Dutch Works Councils Act art. 27).",
            ),
        ),
    ]


def notice(app: AIApplication, lang: str) -> str:
    org = Organisation.current()
    text = app.notice_nl if lang == "nl" else app.notice_en
    return "\n\n".join(
        [
            f"# {_t(lang, 'Hoe wij AI gebruiken', 'How we use AI')}: {app.name}",
            text or _t(lang, "(Nog geen tekst in het register.)", "(No text in the register yet.)"),
            _t(lang, "## De werking", "## How it works"),
            app.ai_recommends,
            _t(lang, "## Menselijke beoordeling", "## Human review"),
            app.human_decides,
            _t(lang, "## Jouw rechten", "## Your rights"),
            _t(
                lang,
                "- Inzage, correctie en verwijdering van je gegevens (AVG art. 15–17).",
                "- Access, correction and erasure of your data (GDPR art. 15–17).",
            ),
            _t(
                lang,
                "- Uitleg over de rol van AI in een besluit over jou (AI-verordening art. 86).",
                "- An explanation of the role of AI in a decision about you (AI Act art. 86).",
            ),
            _t(
                lang,
                "- Bezwaar en een klacht bij de Autoriteit Persoonsgegevens.",
                "- Objection, and a complaint to the data-protection authority.",
            ),
            _t(lang, "## Contact", "## Contact"),
            f"{org.name}, HR — "
            + _t(lang, "functionaris gegevensbescherming", "data protection officer"),
        ]
    )


def ropa(_app: AIApplication | None, lang: str) -> str:
    org = Organisation.current()
    lines = [
        "# "
        + _t(
            lang,
            "Register van verwerkingsactiviteiten (AVG art. 30)",
            "Record of processing activities (GDPR art. 30)",
        ),
        f"{org.name} — {_date(timezone.localdate(), lang)}",
        _t(lang, "## Personeelsadministratie", "## Personnel administration"),
        _t(
            lang,
            "- Doel: uitvoering arbeidsovereenkomst en wettelijke verplichtingen.",
            "- Purpose: performance of employment contracts and legal obligations.",
        ),
        _t(
            lang,
            "- Categorieën: naam, e-mail, personeelsnummer, afdeling, functie, "
            "leidinggevende, contracturen, datum in/uit dienst.",
            "- Categories: name, "
            "e-mail, employee number, department, job role, manager, contract hours, start "
            "and end dates.",
        ),
        f"- {_t(lang, 'Bewaartermijn', 'Retention')}: "
        f"{org.former_employee_retention_months} "
        f"{_t(lang, 'maanden na uitdiensttreding', 'months after leaving')}",
    ]
    for app in AIApplication.objects.all():
        lines += [
            f"## {app.name}",
            f"- {_t(lang, 'Doel', 'Purpose')}: {app.purpose}",
            f"- {_t(lang, 'Grondslag', 'Legal basis')}: {app.get_legal_basis_display()}",
            f"- {_t(lang, 'Categorieën', 'Categories')}: {app.personal_data}",
            f"- {_t(lang, 'Bewaartermijn', 'Retention')}: {app.retention}",
            f"- {_t(lang, 'Ontvangers', 'Recipients')}: {app.provider}",
            f"- {_t(lang, 'Status', 'Status')}: "
            + (
                _t(lang, "actief", "active")
                if app.active
                else _t(lang, "niet actief", "not active")
            ),
        ]
    return "\n\n".join(lines)


BUILDERS: dict[str, Callable[[AIApplication, str], str]] = {
    "dpia": dpia,
    "agreement": agreement,
    "notice": notice,
    "ropa": ropa,  # type: ignore[dict-item]
}


def generate(kind: str, app: AIApplication, lang: str) -> str:
    if kind not in BUILDERS or lang not in ("nl", "en"):
        raise ValueError(f"unknown document {kind!r} in {lang!r}")
    return BUILDERS[kind](app, lang)


# Use cases word their part of the access report for people (the JSON export holds all of it):
# name in SUBJECT_DATA -> function(rows, lang) -> Markdown lines. Filled in the apps' ready().
SUBJECT_REPORT_LINES: dict[str, Callable[[Any, str], list[str]]] = {}


def subject_report(data: dict, lang: str) -> str:
    """The readable access report (GDPR art. 15) of subject_export(), in the person's language."""
    person = data["person"]
    labels = {
        "employee_number": ("Personeelsnummer", "Employee number"),
        "first_name": ("Voornaam", "First name"),
        "last_name": ("Achternaam", "Last name"),
        "email": ("E-mail", "E-mail"),
        "department": ("Afdeling", "Department"),
        "job_role": ("Functie", "Job role"),
        "manager": ("Leidinggevende", "Manager"),
        "contract_hours": ("Contracturen", "Contract hours"),
        "start_date": ("In dienst", "Start date"),
        "end_date": ("Uit dienst", "End date"),
    }
    lines = [
        "# " + _t(lang, "Inzage in je gegevens", "Your data: access report"),
        f"{data['organisation']} — {_date(data['generated_at'], lang)}. "
        + _t(
            lang,
            "Dit overzicht bevat alle gegevens die wij in Mensenwerk over jou bewaren "
            "(AVG art. 15), met de AI-uitkomsten over jou en de besluiten die mensen daarop "
            "namen.",
            "This report holds all data we keep about you in Mensenwerk (GDPR art. "
            "15), with the AI outputs about you and the decisions people took on them.",
        ),
        _t(lang, "## Persoonsgegevens", "## Personal data"),
    ]
    for key, (nl, en) in labels.items():
        lines.append(f"- {_t(lang, nl, en)}: {person.get(key) or '—'}")
    if data.get("account"):
        account = data["account"]
        lines += [
            _t(lang, "## Account", "## Account"),
            f"- {_t(lang, 'Gebruikersnaam', 'User name')}: {account['username']}",
            f"- {_t(lang, 'Rollen', 'Roles')}: {', '.join(account['roles'])}",
        ]
    for application in data.get("applications", []):
        lines += _application_lines(application, lang)
    lines += _assistant_lines(data.get("assistant_questions", []), lang)
    for name, words in sorted(SUBJECT_REPORT_LINES.items()):
        lines += words(data.get(name, []), lang) if data.get(name) else []
    lines += _trail_lines(data["ai_outputs_and_decisions"], lang)
    lines += [
        _t(lang, "## Jouw rechten", "## Your rights"),
        _t(
            lang,
            "Je kunt correctie, verwijdering of uitleg vragen, en bezwaar maken. "
            "Een klacht kun je indienen bij de Autoriteit Persoonsgegevens.",
            "You can ask for correction, erasure or an explanation, and you can object. "
            "You can complain to the data-protection authority.",
        ),
    ]
    return "\n\n".join(lines)


def _application_lines(application: dict, lang: str) -> list[str]:
    return [
        _t(lang, "## Sollicitatie: ", "## Application: ") + application["vacancy"],
        f"- {_t(lang, 'Ontvangen', 'Received')}: {_date(application['received_at'], lang)}",
        f"- {_t(lang, 'Fase', 'Stage')}: {application['stage']}",
        f"- {_t(lang, 'Bestand', 'File')}: {application['file']}",
        f"- {_t(lang, 'Score', 'Score')}: {_or_dash(application['score'])}",
        f"- {_t(lang, 'Reden', 'Reason')}: {application['decision_reason'] or '—'}",
        f"- {_t(lang, 'Berichten', 'Messages')}: "
        + (", ".join(m["subject"] for m in application["messages"]) or "—"),
        f"- {_t(lang, 'Vrijwillig opgegeven', 'Given voluntarily')}: "
        + (
            ", ".join(f"{k}={v}" for k, v in application["self_identification"].items() if v) or "—"
        ),
    ]


def _assistant_lines(questions: list[dict], lang: str) -> list[str]:
    if not questions:
        return []
    return [
        _t(lang, "## Vragen aan de HR-assistent", "## Questions to the HR assistant"),
        *(
            f"- {_date(q['asked_at'], lang)} — {q['question']}"
            + (_t(lang, " (doorgestuurd naar HR)", " (forwarded to HR)") if q["escalated"] else "")
            for q in questions
        ),
    ]


def _trail_lines(items: list[dict], lang: str) -> list[str]:
    lines = [_t(lang, "## AI-uitkomsten en besluiten", "## AI outputs and decisions")]
    if not items:
        lines.append(
            _t(
                lang,
                "Er zijn geen AI-uitkomsten over jou vastgelegd.",
                "No AI outputs about you are on record.",
            )
        )
    outputs = {i["seq"]: i for i in items if i["kind"] == "output"}
    for item in items:
        if item["kind"] == "decision":
            lines.append("- " + explain_decision(item, outputs.get(item["refers_to"]), lang))
        elif item["kind"] == "output":
            lines.append(
                f"- {_date(item['at'], lang)} — {item['application']} — "
                + _t(lang, "AI-uitkomst", "AI output")
            )
    return lines


def _or_dash(value: object) -> str:
    return "—" if value is None else str(value)


DECISION_WORDS = {
    "accept": ("nam het advies over", "followed the advice"),
    "override": ("week af van het advies", "overrode the advice"),
    "reject": ("wees af", "rejected"),
    "hold": ("hield aan", "put on hold"),
}


def explain_decision(decision: dict, output: dict | None, lang: str) -> str:
    """AI Act art. 86: the AI's role and the main elements of a decision, in plain words."""
    app = AIApplication.objects.filter(slug=decision["application"]).first()
    name = app.name if app else decision["application"]
    verb = _t(lang, *DECISION_WORDS.get(decision["decision"], (decision["decision"],) * 2))
    parts = [f"{decision['at'][:10]} — {name}: "]
    if app:
        parts.append(
            _t(lang, "de AI gaf advies (", "the AI gave advice (")
            + f"{app.ai_recommends}); "
            + _t(lang, "een mens besliste. ", "a person decided. ")
        )
    details = (output or {}).get("details") or {}
    reasons = details.get("explanation")
    if isinstance(reasons, list):
        details = {**details, "explanation": "; ".join(str(r) for r in reasons)}
    if details.get("explanation"):
        parts.append(
            _t(lang, "Onderbouwing van de AI: ", "The AI's reasons: ")
            + f"{details['explanation']}. "
        )
    elif output is not None:
        parts.append(
            _t(
                lang,
                "(de onderbouwing is volgens de bewaartermijn verwijderd) ",
                "(the reasons were deleted under the retention period) ",
            )
        )
    parts.append(_t(lang, "Besluit: ", "Decision: ") + verb + ".")
    reason = (decision.get("details") or {}).get("reason")
    if reason:
        parts.append(" " + _t(lang, "Reden: ", "Reason: ") + reason)
    return "".join(parts)


def register_text(lang: str) -> str:
    """The whole AI register as a readable document (for the PDF export)."""
    org = Organisation.current()
    lines = [
        "# " + _t(lang, "AI-register", "AI register"),
        f"{org.name} — {_date(timezone.localdate(), lang)}",
    ]
    for app in AIApplication.objects.select_related("owner"):
        status = (
            _t(lang, "actief", "active") if app.active else _t(lang, "niet actief", "not active")
        )
        lines += [
            f"## {app.name} ({status})",
            *_facts(app, lang),
            f"- {_t(lang, 'Een mens beslist', 'A person decides')}: {app.human_decides}",
            f"- {_t(lang, 'Grondslag', 'Legal basis')}: {app.get_legal_basis_display()}",
            f"- DPIA: {app.get_dpia_status_display()}",
            f"- {_t(lang, 'Ondernemingsraad', 'Works council')}: "
            + app.get_works_council_status_display(),
        ]
    return "\n\n".join(lines)
