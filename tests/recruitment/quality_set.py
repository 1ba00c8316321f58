"""A labelled screening set written for Mensenwerk: 4 vacancies from different trades, 40 CVs
in Dutch and English, graded relevance 0-3 per vacancy. It includes keyword-stuffed CVs
(skills lists without experience), cross-language CVs (English CV, Dutch vacancy) and CVs whose
keywords are hidden in white or tiny text (``hidden``: visible text is weak)."""

from __future__ import annotations

VACANCIES = {
    "cnc": {
        "yaml": 'title: CNC-verspaner\nmust_have: ["CNC-frezen of CNC-draaien", "technische '
        'tekeningen lezen", "MBO werktuigbouwkunde"]\nnice_to_have: [{name: Heidenhain, '
        "weight: 2}, Mastercam, VCA]\nmin_years_experience: 3\nlanguages: [nl]\n",
        "text": "CNC-verspaner CNC-frezen CNC-draaien technische tekeningen lezen MBO "
        "werktuigbouwkunde Heidenhain Mastercam VCA",
    },
    "finance": {
        "yaml": "title: Financieel administratief medewerker\nmust_have: [crediteurenadministratie,"
        " debiteurenadministratie, grootboek]\nnice_to_have: [{name: btw-aangifte, weight: 2}, "
        "Excel, AFAS]\nmin_years_experience: 2\nlanguages: [nl]\n",
        "text": "Financieel administratief medewerker crediteurenadministratie "
        "debiteurenadministratie grootboek btw-aangifte Excel AFAS",
    },
    "hr": {
        "yaml": "title: HR-adviseur\nmust_have: [arbeidsrecht, verzuimbegeleiding, "
        '"werving en selectie"]\nnice_to_have: [{name: HBO HRM, weight: 1}, onboarding]\n'
        "min_years_experience: 3\nlanguages: [nl]\n",
        "text": "HR-adviseur arbeidsrecht verzuimbegeleiding werving en selectie HBO HRM "
        "onboarding",
    },
    "it": {
        "yaml": 'title: System administrator\nlanguage: en\nmust_have: ["Windows Server", '
        'networking, "Microsoft 365"]\nnice_to_have: [{name: Linux, weight: 2}, "ISO 27001",'
        " helpdesk]\nmin_years_experience: 3\nlanguages: [en]\n",
        "text": "System administrator Windows Server networking Microsoft 365 Linux ISO 27001 "
        "helpdesk",
    },
}


def cv(
    profile: str,
    jobs: list[str],
    education: str,
    skills: str = "",
    languages: str = "Nederlands, Engels",
    en: bool = False,
) -> str:
    heads = (
        ("Profile", "Experience", "Education", "Skills", "Languages")
        if en
        else ("Profiel", "Werkervaring", "Opleiding", "Vaardigheden", "Talen")
    )
    parts = [heads[0], profile, "", heads[1], *jobs, "", heads[2], education]
    if skills:
        parts += ["", heads[3], skills]
    return "\n".join([*parts, "", heads[4], languages])


STUFFED_SKILLS = {
    "cnc": "CNC-frezen, CNC-draaien, Heidenhain, Mastercam, VCA, technische tekeningen lezen, "
    "MBO werktuigbouwkunde",
    "finance": "crediteurenadministratie, debiteurenadministratie, grootboek, btw-aangifte, "
    "Excel, AFAS",
    "hr": "arbeidsrecht, verzuimbegeleiding, werving en selectie, onboarding, HBO HRM",
    "it": "Windows Server, networking, Microsoft 365, Linux, ISO 27001, helpdesk",
}

# name -> (text, {vacancy: grade}, hidden keywords or "")
CVS: dict[str, tuple[str, dict[str, int], str]] = {
    # --- CNC / metal -------------------------------------------------------------------
    "cnc-01": (
        cv(
            "Ervaren verspaner in de machinebouw.",
            [
                "2016 - heden: CNC-frezen bij Stork, Heidenhain TNC 640, Mastercam",
                "Werken vanaf technische tekeningen, enkelstuks en kleine series.",
                "2012 - 2016: CNC-draaien bij VDL, VCA-vol behaald",
            ],
            "MBO werktuigbouwkunde, niveau 4",
        ),
        {"cnc": 3},
        "",
    ),
    "cnc-02": (
        cv(
            "Allround CNC-frezer.",
            [
                "2018 - heden: CNC-frezen op DMG-machines bij Machinefabriek Noord",
                "Programmeren met Heidenhain, technische tekeningen lezen",
                "2014 - 2018: Verspaner bij Van Dijk Metaal",
            ],
            "MBO werktuigbouwkunde niveau 3",
        ),
        {"cnc": 3},
        "",
    ),
    "cnc-03": (
        cv(
            "Draaier met passie voor precisie.",
            [
                "2015 - heden: CNC-draaien bij Precision Parts, technische tekeningen",
                "Instellen van Mazak draaibanken, Mastercam",
            ],
            "MBO werktuigbouwkunde",
        ),
        {"cnc": 3},
        "",
    ),
    "cnc-04": (
        cv(
            "Operator metaal.",
            [
                "2022 - heden: CNC-draaien bij VDL, series bewaken",
                "Technische tekeningen lezen en meten",
            ],
            "MBO techniek niveau 2",
        ),
        {"cnc": 2},
        "",
    ),
    "cnc-05": (
        cv(
            "Monteur machinebouw.",
            [
                "2017 - heden: Montage van machines bij Stork, technische tekeningen",
                "2015 - 2017: Lassen bij Van Dijk Metaal",
            ],
            "MBO werktuigbouwkunde",
        ),
        {"cnc": 1},
        "",
    ),
    "cnc-06": (
        cv("Lasser.", ["2010 - heden: MIG/MAG-lassen bij VDL, VCA"], "MBO metaal niveau 2"),
        {"cnc": 1},
        "",
    ),
    "cnc-07": (
        cv(
            "Enthousiaste starter.",
            ["2024 - heden: Vakkenvuller bij een supermarkt"],
            "VMBO",
            STUFFED_SKILLS["cnc"],
        ),
        {"cnc": 0},
        "",
    ),
    "cnc-08": (
        cv(
            "Experienced machinist.",
            [
                "2014 - present: CNC milling operator at Precision Parts Ltd, Heidenhain",
                "Reading engineering drawings daily, Mastercam programming",
            ],
            "Vocational mechanical engineering (MBO level 4)",
            "",
            "Dutch, English",
            en=True,
        ),
        {"cnc": 3},
        "",
    ),
    "cnc-09": (
        cv(
            "Productiemedewerker.",
            ["2019 - heden: Inpakken en orderpicken bij een distributiecentrum"],
            "VMBO",
        ),
        {"cnc": 0},
        "CNC-frezen Heidenhain Mastercam MBO werktuigbouwkunde",
    ),
    "cnc-10": (
        cv(
            "Werkvoorbereider.",
            [
                "2016 - heden: Werkvoorbereiding en CNC-programmeren bij Stork",
                "Technische tekeningen lezen, Mastercam",
            ],
            "MBO werktuigbouwkunde",
        ),
        {"cnc": 2},
        "",
    ),
    # --- Finance ---------------------------------------------------------------------------
    "fin-01": (
        cv(
            "Financieel administratief medewerker met brede ervaring.",
            [
                "2017 - heden: Crediteurenadministratie en debiteurenadministratie bij "
                "Bouwbedrijf West, grootboek bijhouden, btw-aangifte in AFAS",
                "2014 - 2017: Boekhouden bij een accountantskantoor, Excel",
            ],
            "MBO financiële administratie niveau 4",
        ),
        {"finance": 3},
        "",
    ),
    "fin-02": (
        cv(
            "Administratief talent.",
            [
                "2018 - heden: Debiteurenadministratie en credit control bij Logistiek BV",
                "Crediteurenadministratie en grootboekmutaties, Excel",
            ],
            "MBO bedrijfsadministratie",
        ),
        {"finance": 3},
        "",
    ),
    "fin-03": (
        cv(
            "Boekhouder.",
            [
                "2016 - heden: Grootboek, btw-aangifte en crediteuren bij Kantoor Oost",
                "Debiteuren bewaken, Exact en Excel",
            ],
            "HBO accountancy",
        ),
        {"finance": 3},
        "",
    ),
    "fin-04": (
        cv(
            "Medewerker crediteuren.",
            ["2021 - heden: Crediteurenadministratie bij Groothandel Zuid, Excel"],
            "MBO financiële administratie",
        ),
        {"finance": 2},
        "",
    ),
    "fin-05": (
        cv(
            "Salarisadministrateur.",
            [
                "2015 - heden: Salarisadministratie en loonaangifte bij een payrollbedrijf",
                "Excel en AFAS",
            ],
            "MBO financiële administratie",
        ),
        {"finance": 1},
        "",
    ),
    "fin-06": (
        cv(
            "Office manager.",
            ["2013 - heden: Officemanagement, agenda's en facturen versturen"],
            "MBO secretariaat",
        ),
        {"finance": 1},
        "",
    ),
    "fin-07": (
        cv(
            "Gemotiveerd en leergierig.",
            ["2023 - heden: Horecamedewerker"],
            "HAVO",
            STUFFED_SKILLS["finance"],
        ),
        {"finance": 0},
        "",
    ),
    "fin-08": (
        cv(
            "Experienced accounts assistant.",
            [
                "2016 - present: Accounts payable and accounts receivable at a trading "
                "company, general ledger reconciliations, VAT returns",
                "Daily work in Excel",
            ],
            "Vocational degree in accounting",
            "",
            "Dutch, English",
            en=True,
        ),
        {"finance": 3},
        "",
    ),
    "fin-09": (
        cv("Receptionist.", ["2018 - heden: Receptie en telefoon bij een hotel"], "MBO toerisme"),
        {"finance": 0},
        "crediteurenadministratie debiteurenadministratie grootboek btw-aangifte",
    ),
    "fin-10": (
        cv(
            "Assistent controller.",
            [
                "2019 - heden: Maandafsluiting en grootboek bij Productiebedrijf Midden",
                "Rapportages in Excel, debiteuren bewaken",
            ],
            "HBO bedrijfseconomie",
        ),
        {"finance": 2},
        "",
    ),
    # --- HR ----------------------------------------------------------------------------------
    "hr-01": (
        cv(
            "Ervaren HR-adviseur.",
            [
                "2015 - heden: HR-adviseur bij Zorggroep Noord: arbeidsrecht, "
                "verzuimbegeleiding volgens de Wet verbetering poortwachter",
                "Werving en selectie en onboarding van nieuwe medewerkers",
            ],
            "HBO HRM",
        ),
        {"hr": 3},
        "",
    ),
    "hr-02": (
        cv(
            "HR-generalist.",
            [
                "2017 - heden: Personeelszaken bij Metaalbedrijf Oost, verzuimbegeleiding",
                "Arbeidsovereenkomsten opstellen (arbeidsrecht), werving en selectie",
            ],
            "HBO personeel en arbeid",
        ),
        {"hr": 3},
        "",
    ),
    "hr-03": (
        cv(
            "Recruiter en HR-adviseur.",
            [
                "2016 - heden: Werving en selectie bij Uitzendbureau Zuid",
                "Advies over arbeidsrecht en verzuimbegeleiding voor klanten",
            ],
            "HBO HRM",
        ),
        {"hr": 3},
        "",
    ),
    "hr-04": (
        cv(
            "Recruiter.",
            ["2020 - heden: Werving en selectie voor technische functies, onboarding"],
            "HBO communicatie",
        ),
        {"hr": 2},
        "",
    ),
    "hr-05": (
        cv(
            "Verzuimconsultant.",
            ["2018 - heden: Verzuimbegeleiding en re-integratie bij een arbodienst"],
            "HBO toegepaste psychologie",
        ),
        {"hr": 2},
        "",
    ),
    "hr-06": (
        cv(
            "Administratief medewerker personeelszaken.",
            ["2019 - heden: Personeelsdossiers bijhouden en contracten archiveren"],
            "MBO secretariaat",
        ),
        {"hr": 1},
        "",
    ),
    "hr-07": (
        cv(
            "Klantgericht en flexibel.",
            ["2022 - heden: Winkelmedewerker"],
            "MBO retail",
            STUFFED_SKILLS["hr"],
        ),
        {"hr": 0},
        "",
    ),
    "hr-08": (
        cv(
            "Experienced HR advisor.",
            [
                "2014 - present: HR advisor at a manufacturing company: employment law, "
                "absence management and return to work, recruitment and onboarding"
            ],
            "Bachelor in Human Resource Management (HBO HRM)",
            "",
            "Dutch, English",
            en=True,
        ),
        {"hr": 3},
        "",
    ),
    "hr-09": (
        cv(
            "Chauffeur.",
            ["2015 - heden: Vrachtwagenchauffeur, rijbewijs C, code 95"],
            "MBO logistiek",
        ),
        {"hr": 0},
        "arbeidsrecht verzuimbegeleiding werving",
    ),
    "hr-10": (
        cv(
            "Teamleider productie.",
            [
                "2016 - heden: Teamleider bij Voedingsbedrijf, verzuimgesprekken voeren",
                "Meewerken aan werving van operators",
            ],
            "MBO procestechniek",
        ),
        {"hr": 1},
        "",
    ),
    # --- IT ----------------------------------------------------------------------------------
    "it-01": (
        cv(
            "System administrator with a broad infrastructure background.",
            [
                "2015 - present: System administrator at a logistics firm: Windows Server, "
                "Active Directory, Microsoft 365, Cisco networking",
                "Linux servers (Debian), ISO 27001 audits",
            ],
            "Bachelor of ICT",
            "",
            "English, Dutch",
            en=True,
        ),
        {"it": 3},
        "",
    ),
    "it-02": (
        cv(
            "IT administrator.",
            [
                "2017 - present: Network administration and Windows Server at a school",
                "Microsoft 365 tenant management, helpdesk escalations",
            ],
            "Associate degree network engineering",
            "",
            "English",
            en=True,
        ),
        {"it": 3},
        "",
    ),
    "it-03": (
        cv(
            "Ervaren systeembeheerder.",
            [
                "2016 - heden: Systeembeheer bij Gemeente Noord: Windows Server, "
                "netwerkbeheer, Microsoft 365",
                "Linux en ISO 27001",
            ],
            "HBO informatica",
            "",
            "Nederlands, Engels",
        ),
        {"it": 3},
        "",
    ),
    "it-04": (
        cv(
            "Service desk engineer.",
            ["2021 - present: Helpdesk and Microsoft 365 support at an MSP"],
            "MBO ICT",
            "",
            "English",
            en=True,
        ),
        {"it": 2},
        "",
    ),
    "it-05": (
        cv(
            "Network technician.",
            ["2019 - present: Cisco networking and firewall changes at a telecom firm"],
            "MBO ICT",
            "",
            "English",
            en=True,
        ),
        {"it": 2},
        "",
    ),
    "it-06": (
        cv(
            "Web developer.",
            ["2018 - present: JavaScript and React development"],
            "HBO software engineering",
            "",
            "English",
            en=True,
        ),
        {"it": 1},
        "",
    ),
    "it-07": (
        cv(
            "Fast learner.",
            ["2023 - present: Barista"],
            "High school",
            STUFFED_SKILLS["it"],
            "English",
            en=True,
        ),
        {"it": 0},
        "",
    ),
    "it-08": (
        cv(
            "Systeem- en netwerkbeheerder.",
            [
                "2014 - heden: Windows Server, netwerken en firewalls bij een ziekenhuis",
                "Microsoft 365 en Linux beheer, informatiebeveiliging (ISO 27001)",
            ],
            "HBO technische informatica",
            "",
            "Nederlands, Engels",
        ),
        {"it": 3},
        "",
    ),
    "it-09": (
        cv(
            "Warehouse operative.",
            ["2017 - present: Order picking and forklift work"],
            "MBO logistics",
            "",
            "English",
            en=True,
        ),
        {"it": 0},
        "Windows Server networking Microsoft 365 Linux",
    ),
    "it-10": (
        cv(
            "Data analyst.",
            ["2019 - present: SQL reporting and Python scripts"],
            "HBO business IT",
            "",
            "English, Dutch",
            en=True,
        ),
        {"it": 1},
        "",
    ),
}
