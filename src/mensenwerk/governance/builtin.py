"""The AI applications Mensenwerk itself brings, pre-registered (inactive) in every install.

The organisation completes each entry (owner, legal basis, DPIA, works council, overseers)
before the activation gate lets it run. Texts are written for this project.
"""

from __future__ import annotations

from typing import Any

from mensenwerk import __version__

BUILTIN: list[dict[str, Any]] = [
    {
        "slug": "cv-screening",
        "name": "CV-screening (blind, uitlegbaar)",
        "purpose": "Sollicitaties rangschikken op de criteria van een vacature, met per criterium "
        "het bewijs uit het cv, zodat een recruiter sneller en consistenter kan beoordelen.",
        "hr_process": "Werving en selectie",
        "provider": "Mensenwerk (ingebouwd)",
        "risk_class": "high_4a",
        "risk_reason": "AI-verordening bijlage III punt 4(a): AI voor het selecteren en "
        "beoordelen van sollicitanten.",
        "collaboration": "augmentation",
        "ai_alone": "Cv's pseudonimiseren en per criterium bewijs zoeken.",
        "ai_recommends": "Een score en een rangorde per vacature, met uitleg.",
        "human_decides": "Elke beslissing over een kandidaat: door, aanhouden of afwijzen, "
        "met reden bij afwijzen of afwijken van het advies.",
        "personal_data": "Cv-tekst (gepseudonimiseerd voor de beoordeling), contactgegevens "
        "(apart bewaard), beslissingen en redenen.",
        "retention": "4 weken na sluiten van de vacature; tot 1 jaar met toestemming.",
        "monitoring_wor": False,
        "notice_nl": "Wij gebruiken software die je cv vergelijkt met de eisen van de vacature. "
        "De software ziet je naam, leeftijd, geslacht en adres niet. Zij geeft per eis aan of "
        "je cv die aantoont en waar. De score telt de harde eisen voor de helft, de gewogen "
        "wensen voor 30% en relevante werkervaring tegenover het gevraagde minimum voor 20%; "
        "wat in je werkervaring of opleiding staat telt zwaarder dan een losse opsomming. "
        "Een recruiter beslist altijd zelf; de software wijst niemand af. Je kunt uitleg, "
        "inzage en verwijdering vragen bij HR.",
        "notice_en": "We use software that compares your CV with the requirements of the "
        "vacancy. The software does not see your name, age, gender or address. It shows for "
        "each requirement whether and where your CV demonstrates it. The score counts the "
        "must-have requirements for half, the weighted nice-to-haves for 30% and relevant work "
        "experience against the minimum asked for 20%; what your work experience or education "
        "shows weighs more than a bare list. A recruiter always makes the decision; the "
        "software rejects no one. You can ask HR for an explanation, access or erasure.",
    },
    {
        "slug": "job-ad-check",
        "name": "Inclusieve vacaturetekst-check",
        "purpose": "Vacatureteksten controleren op genderbeladen woorden, uitsluitende "
        "formuleringen, leesbaarheid en volledigheid, met suggesties.",
        "hr_process": "Werving: vacatures opstellen",
        "provider": "Mensenwerk (ingebouwd)",
        "risk_class": "minimal",
        "risk_reason": "Verwerkt geen persoonsgegevens en neemt geen besluit over personen; "
        "de schrijver beslist over elke suggestie.",
        "collaboration": "augmentation",
        "ai_alone": "Woorden en zinnen markeren.",
        "ai_recommends": "Alternatieve formuleringen.",
        "human_decides": "De tekst van de vacature.",
        "personal_data": "Geen.",
        "processes_personal_data": False,
        "retention": "Zolang de vacature bestaat.",
        "notice_nl": "Vacatureteksten worden automatisch gecontroleerd op inclusieve taal.",
        "notice_en": "Job-ad texts are checked automatically for inclusive language.",
    },
    {
        "slug": "hr-assistant",
        "name": "HR-assistent (antwoorden uit het personeelshandboek)",
        "purpose": "Vragen van medewerkers beantwoorden met citaten uit de eigen HR-documenten, "
        "en doorverwijzen naar HR wanneer het antwoord er niet in staat.",
        "hr_process": "HR-dienstverlening",
        "provider": "Mensenwerk (ingebouwd)",
        "risk_class": "limited",
        "risk_reason": "AI-verordening art. 50: gebruikers moeten weten dat zij met een "
        "AI-systeem praten; het systeem neemt geen besluiten over personen.",
        "collaboration": "augmentation",
        "ai_alone": "Passages zoeken en citeren.",
        "ai_recommends": "Een antwoord met bronvermelding.",
        "human_decides": "Alles wat over een individuele medewerker gaat (HR beantwoordt).",
        "personal_data": "De gestelde vraag en een gepseudonimiseerde gebruikers-id.",
        "retention": "Vragen 12 maanden, daarna alleen geaggregeerde cijfers.",
        "notice_nl": "Je praat met een AI-assistent. De antwoorden komen uit de HR-documenten "
        "van je werkgever, met bronvermelding. Twijfelt de assistent, dan verwijst hij je "
        "door naar HR.",
        "notice_en": "",  # left empty on purpose: the demo shows the gate refusing it
    },
    {
        "slug": "drafting",
        "name": "Documenten opstellen (getuigschrift, werkgeversverklaring)",
        "purpose": "Een eerste versie van een getuigschrift of werkgeversverklaring opstellen uit "
        "de vastgelegde gegevens, zodat HR sneller en zonder tikfouten in data en bedragen werkt.",
        "hr_process": "Uitdiensttreding en personeelsadministratie",
        "provider": "Mensenwerk (ingebouwd)",
        "risk_class": "limited",
        "risk_reason": "Stelt tekst op over een persoon, maar neemt geen besluit: HR bewerkt en "
        "keurt elke versie goed. Zonder taalmodel; elke zin noemt de gegevens waarop hij rust.",
        "collaboration": "augmentation",
        "ai_alone": "Zinnen samenstellen uit de gegevens van het personeelsdossier en HR.",
        "ai_recommends": "Een eerste versie van het document.",
        "human_decides": "De tekst, en of het document wordt goedgekeurd en ondertekend.",
        "personal_data": "Naam, functie, afdeling, data in dienst, uren; voor de "
        "werkgeversverklaring het salaris en de toeslagen.",
        "retention": "Zolang het personeelsdossier wordt bewaard.",
        "notice_nl": "Je getuigschrift of werkgeversverklaring wordt eerst door software "
        "opgesteld uit je vastgelegde gegevens. HR controleert en ondertekent het; je kunt het "
        "lezen en opmerkingen geven voordat het wordt ondertekend.",
        "notice_en": "Your reference or employer's statement is first drafted by software from "
        "your recorded details. HR checks and signs it; you can read it and comment before it "
        "is signed.",
    },
    {
        "slug": "onboarding",
        "name": "Inwerkplan-voorstel (onboarding)",
        "purpose": "Een persoonlijk inwerkplan voorstellen voor een nieuwe collega: welke taken "
        "van het sjabloon gelden, welke delen van de personeelsgids in week één te lezen, en met "
        "wie kennis te maken; met per onderdeel de reden.",
        "hr_process": "Onboarding",
        "provider": "Mensenwerk (ingebouwd)",
        "risk_class": "limited",
        "risk_reason": "Het plan beslist niets over de persoon: het regelt taken en een leeslijst. "
        "HR accepteert, wijzigt of wijst elk voorstel af. Geen taalmodel.",
        "collaboration": "augmentation",
        "ai_alone": "Taken kiezen op de voorwaarden van het sjabloon, data uitrekenen, "
        "passages uit de personeelsgids zoeken.",
        "ai_recommends": "Een inwerkplan met reden per taak, een leeslijst en kennismakingen.",
        "human_decides": "Het plan: HR accepteert, wijzigt of wijst af; de manager en buddy "
        "voeren het uit.",
        "personal_data": "Naam, functie, afdeling, manager, startdatum, buddy; taken en wie ze "
        "afvinkte. De pulsvragen worden anoniem bewaard.",
        "retention": "Zolang het personeelsdossier wordt bewaard.",
        "notice_nl": "Je inwerkplan is voorgesteld door software op basis van je functie, afdeling "
        "en de personeelsgids, en door HR gecontroleerd. Bij elke taak staat waarom hij in je plan "
        "staat. De korte vragen na 7, 30 en 90 dagen zijn anoniem.",
        "notice_en": "Your onboarding plan was proposed by software from your job role, "
        "department and the staff handbook, and checked by HR. Each task says why it is in your "
        "plan. The short questions after 7, 30 and 90 days are anonymous.",
    },
    {
        "slug": "skills",
        "name": "Vaardigheden en leerpaden",
        "purpose": "Vaardigheden van medewerkers naast het functieprofiel leggen, de hiaten tonen "
        "en per persoon de kortste set opleidingen voorstellen die de harde hiaten dekt; met per "
        "opleiding wat zij dekt.",
        "hr_process": "Leren en ontwikkelen",
        "provider": "Mensenwerk (ingebouwd)",
        "risk_class": "limited",
        "risk_reason": "Het voorstel betreft opleidingen, niet arbeidsvoorwaarden, promotie of "
        "beoordeling; de manager of HR besluit en de medewerker stemt in. Herbeoordelen (bijlage "
        "III 4(b)) als vaardigheden worden gebruikt voor beoordeling, promotie of ontslag.",
        "collaboration": "augmentation",
        "ai_alone": "Vrij geschreven vaardigheden op de taxonomie leggen (synoniemen, "
        "samenstellingen, Nederlands en Engels, spelfouten), hiaten en een leerpad uitrekenen.",
        "ai_recommends": "Een ontwikkelplan: de opleidingen met de minste uren, dan de laagste "
        "kosten, die de harde hiaten dekken.",
        "human_decides": "Het plan: de manager of HR stemt in, laat opleidingen weg of wijst af; "
        "de medewerker stemt in. Een afgeronde opleiding verhoogt een vaardigheid pas als de "
        "manager dat bevestigt.",
        "personal_data": "Vaardigheden met niveau en bron (zelf, manager, eigen cv met "
        "toestemming: alleen de regel als bewijs), ontwikkelplannen en voortgang.",
        "retention": "Zolang het personeelsdossier wordt bewaard.",
        "monitoring_wor": True,
        "notice_nl": "Je vaardigheden (wat je zelf invult, wat je manager bevestigt en, alleen "
        "als jij dat wilt, wat uit je eigen cv wordt gelezen) worden naast het profiel van je "
        "functie gelegd. Software stelt opleidingen voor; je manager en jij spreken het plan "
        "samen af. Je ziet bij elke vaardigheid waar die vandaan komt en kunt je eigen invoer "
        "verwijderen.",
        "notice_en": "Your skills (what you enter, what your manager confirms and, only if you "
        "want, what is read from your own CV) are compared with your job role's profile. "
        "Software proposes courses; your manager and you agree the plan together. Each skill "
        "shows where it comes from, and you can remove what you entered.",
    },
    {
        "slug": "retention-risk",
        "name": "Behoudsrisico (verloopsignalen per team)",
        "purpose": "Uit de eigen HR-historie (wie bleef, wie vertrok) schatten welke teams een "
        "verhoogd verlooprisico hebben en waarom, zodat HR op tijd een gesprek kan aanbieden.",
        "hr_process": "Behoud en personeelsbeleid",
        "provider": "Mensenwerk (ingebouwd)",
        "risk_class": "high_4b",
        "risk_reason": "AI-verordening bijlage III punt 4(b): AI om gedrag en kenmerken van "
        "werknemers te volgen en te evalueren. Naar zijn aard geschikt voor personeelsvolging "
        "(WOR art. 27 lid 1 sub l): instemming van de ondernemingsraad vereist.",
        "collaboration": "alerting",
        "ai_alone": "Een model trainen op de historie en per team het verwachte verloop met de "
        "belangrijkste factoren berekenen.",
        "ai_recommends": "Per team waar het verloop hoger ligt; per persoon alleen voor de HR-"
        "medewerkers die dit register noemt, met reden vastgelegd, een signaal voor een "
        "behoudgesprek.",
        "human_decides": "Of er een behoudgesprek wordt aangeboden; nooit een automatische stap, "
        "nooit een score voor de leidinggevende.",
        "personal_data": "HR-historie: diensttijd, functie, afdeling, uren, salarisschaal, "
        "verzuim waar de DPIA dat toestaat. Beschermde kenmerken (geslacht, leeftijd, "
        "nationaliteit) worden niet gebruikt, alleen om de signalen op eerlijkheid te toetsen.",
        "retention": "Een analyse met haar scores 12 maanden; de aangeleverde historie wordt na "
        "de analyse niet bewaard.",
        "monitoring_wor": True,
        "notice_nl": "Je werkgever gebruikt software die uit de HR-historie schat in welke teams "
        "mensen vaker vertrekken, en waarom. Leidinggevenden zien geen scores van personen. Alleen "
        "aangewezen HR-medewerkers kunnen, met een vastgelegde reden, een persoonlijke inschatting "
        "zien; het enige wat daaruit kan volgen is het aanbod van een gesprek. Geslacht, leeftijd "
        "en nationaliteit worden niet gebruikt. Je kunt inzage en verwijdering vragen bij HR.",
        "notice_en": "Your employer uses software that estimates from the HR history in which "
        "teams people leave more often, and why. Managers see no scores of persons. Only named HR "
        "staff can see a personal estimate, with a recorded reason; the only thing that can "
        "follow is the offer of a conversation. Gender, age and nationality are not used. You can "
        "ask HR for access and erasure.",
    },
]


def ensure_builtin_applications() -> None:
    """Create missing built-in entries; never overwrite what the organisation edited."""
    from mensenwerk.governance.models import AIApplication
    from mensenwerk.governance.services import ensure_vendor_rows

    for spec in BUILTIN:
        app, created = AIApplication.objects.get_or_create(
            slug=spec["slug"], defaults={**spec, "builtin": True, "version": __version__}
        )
        if created:
            ensure_vendor_rows(app)
