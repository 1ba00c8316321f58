"""The demo organisation: Van der Molen Machinebouw B.V., a Dutch machine builder of 140 people.

Everything here is invented for this project (names are common Dutch, Flemish and international
first names and surnames; no real person is meant). Generation is seeded and keyed on employee
numbers and user names, so loading twice updates instead of duplicating.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from mensenwerk.core import services
from mensenwerk.core.models import Department, JobRole, Organisation, Person, User
from mensenwerk.core.roles import Role

ORG_NAME = "Van der Molen Machinebouw B.V."
EMAIL_DOMAIN = "vandermolen-machinebouw.example"

FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Daan",
    "Eva",
    "Femke",
    "Gijs",
    "Hanna",
    "Iris",
    "Jesse",
    "Joris",
    "Julia",
    "Kees",
    "Lars",
    "Lieke",
    "Luuk",
    "Maaike",
    "Milan",
    "Noa",
    "Pim",
    "Roos",
    "Ruben",
    "Sem",
    "Sophie",
    "Thijs",
    "Tim",
    "Vera",
    "Wouter",
    "Yara",
    "Zoë",
    "Jan",
    "Marco",
    "Henk",
    "Ingrid",
    "Karin",
    "Bart",
    "Wim",
    "Els",
    "Hans",
    "Annelies",
    "Koen",
    "Mohamed",
    "Ayoub",
    "Khadija",
    "Samira",
    "Mehmet",
    "Elif",
    "Emre",
    "Zeynep",
    "Piotr",
    "Agnieszka",
    "Katarzyna",
    "Marek",
    "Priya",
    "Arjun",
    "Ana",
    "Diego",
    "Olena",
    "Dmytro",
    "Rachid",
    "Naima",
    "Sven",
    "Jelle",
    "Stijn",
    "Nina",
    "Lotte",
    "Ilse",
    "Rik",
    "Tess",
]
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "Peeters",
    "Maes",
    "Claes",
    "Wouters",
    "Goossens",
    "El Amrani",
    "Benali",
    "Bouzid",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Nowak",
    "Kowalczyk",
    "Wiśniewski",
    "Zieliński",
    "Sharma",
    "Patel",
    "Santos",
    "García",
    "Kovalenko",
    "Shevchenko",
    "Haddou",
    "Postma",
]

# department -> (code, [(job title, count)]); the first title is the department's manager
STRUCTURE: list[tuple[str, str, list[tuple[str, int]]]] = [
    (
        "Directie",
        "DIR",
        [("Algemeen directeur", 1), ("Financieel directeur", 1), ("Officemanager", 1)],
    ),
    (
        "Productie",
        "PRD",
        [
            ("Productieleider", 1),
            ("Teamleider productie", 3),
            ("CNC-verspaner", 16),
            ("Lasser", 12),
            ("Monteur machinebouw", 16),
            ("Productiemedewerker", 8),
            ("Kwaliteitsinspecteur", 4),
        ],
    ),
    (
        "Engineering",
        "ENG",
        [
            ("Hoofd engineering", 1),
            ("Werktuigbouwkundig engineer", 10),
            ("Elektrotechnisch engineer", 5),
            ("Tekenaar-constructeur", 5),
            ("PLC-programmeur", 3),
        ],
    ),
    (
        "Verkoop & Service",
        "VKS",
        [
            ("Commercieel manager", 1),
            ("Accountmanager", 5),
            ("Medewerker verkoop binnendienst", 4),
            ("Servicemonteur", 8),
        ],
    ),
    (
        "Inkoop & Logistiek",
        "ILO",
        [
            ("Manager logistiek", 1),
            ("Inkoper", 3),
            ("Productieplanner", 2),
            ("Magazijnmedewerker", 10),
        ],
    ),
    (
        "Financiën",
        "FIN",
        [
            ("Controller", 1),
            ("Financieel administratief medewerker", 4),
            ("Salarisadministrateur", 2),
            ("Medewerker crediteuren", 1),
        ],
    ),
    ("HR", "HR", [("HR-manager", 1), ("HR-adviseur", 2), ("Recruiter", 1), ("HR-medewerker", 1)]),
    ("IT", "IT", [("IT-manager", 1), ("Systeembeheerder", 3), ("ERP-specialist", 2)]),
]

# demo user -> (role, employee job title, name, index of that title's holder)
DEMO_USERS: list[tuple[str, str, str, tuple[str, str]]] = [
    ("hr", Role.HR, "HR-manager", ("Sanne", "de Vries")),
    ("recruiter", Role.RECRUITER, "Recruiter", ("Yasmina", "El Idrissi")),
    ("manager", Role.MANAGER, "Hoofd engineering", ("Peter", "Jansen")),
    ("employee", Role.EMPLOYEE, "Werktuigbouwkundig engineer", ("Daan", "Bakker")),
    ("or", Role.WORKS_COUNCIL, "Lasser", ("Fatma", "Yılmaz")),
    ("dpo", Role.DPO, "Controller", ("Jeroen", "Smit")),
    ("director", Role.DIRECTOR, "Algemeen directeur", ("Marieke", "van den Berg")),
    ("it", Role.IT, "IT-manager", ("Tomasz", "Kowalski")),
    ("champion", Role.CHAMPION, "Accountmanager", ("Lotte", "Visser")),
]
HOURS = [Decimal("40"), Decimal("40"), Decimal("38"), Decimal("36"), Decimal("32"), Decimal("24")]


def _email(first: str, last: str) -> str:
    local = f"{first}.{last}".lower().replace(" ", "")
    return f"{local.encode('ascii', 'ignore').decode()}@{EMAIL_DOMAIN}"


@transaction.atomic
def load_demo(password: str) -> list[tuple[str, str, str]]:
    """Create or refresh the demo organisation; return (username, role label, name) per login."""
    rng = random.Random(20261122)
    org = Organisation.current()
    services.do_update_organisation(
        org,
        name=ORG_NAME,
        country="NL",
        language="nl",
        address="Industrieweg 12, 7521 AB Enschede (invented)",
        privacy_email="privacy@vandermolen.example",
        dpo_contact="fg@vandermolen.example",
    )

    named = {title: (first, last) for _u, _r, title, (first, last) in DEMO_USERS}
    people_by_title: dict[str, list[Person]] = {}
    number = 1000
    for dept_name, code, titles in STRUCTURE:
        dept, _ = Department.objects.update_or_create(name=dept_name, defaults={"code": code})
        for title, count in titles:
            role, _ = JobRole.objects.update_or_create(title=title, defaults={"department": dept})
            for i in range(count):
                number += 1
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                if i == 0 and title in named:
                    first, last = named[title]
                start = date(rng.randint(1996, 2026), rng.randint(1, 12), rng.randint(1, 28))
                start = min(start, date(2026, 10, 1))
                hours = rng.choice(HOURS)
                person, _ = Person.objects.update_or_create(
                    employee_number=str(number),
                    defaults={
                        "kind": Person.Kind.EMPLOYEE,
                        "first_name": first,
                        "last_name": last,
                        "email": _email(first, last),
                        "department": dept,
                        "job_role": role,
                        "contract_hours": hours,
                        "start_date": start,
                        "end_date": None,
                    },
                )
                people_by_title.setdefault(title, []).append(person)

    # managers: each department's first title leads it; production teams have team leads
    director = people_by_title["Algemeen directeur"][0]
    for dept_name, _code, titles in STRUCTURE:
        head = people_by_title[titles[0][0]][0]
        Department.objects.filter(name=dept_name).update(manager=head)
        head.manager = director if head != director else None
        head.save(update_fields=["manager"])
        members = [p for title, _n in titles[1:] for p in people_by_title[title]]
        leads = people_by_title["Teamleider productie"] if dept_name == "Productie" else []
        for index, person in enumerate(members):
            if person in leads:
                person.manager = head
            elif leads:
                person.manager = leads[index % len(leads)]
            else:
                person.manager = head
            person.save(update_fields=["manager"])

    logins = []
    for username, role, title, (first, last) in DEMO_USERS:
        person = people_by_title[title][0]
        user = User.objects.filter(username=username).first()
        if user is None:
            user = services.do_create_user(
                username,
                password,
                [role],
                email=person.email,
                first_name=first,
                last_name=last,
                person=person,
            )
        else:
            services.do_update_user(
                user,
                email=person.email,
                first_name=first,
                last_name=last,
                is_active=True,
                roles=[role],
                person=person,
            )
            user.set_password(password)
            user.save(update_fields=["password"])
        # the demo employee works in the demo manager's team, so both views show something
        if username == "employee":
            person.manager = people_by_title["Hoofd engineering"][0]
            person.save(update_fields=["manager"])
        logins.append((username, str(Role(role).label), f"{first} {last} — {title}"))
    return logins
