"""Qualifications in the app: a driver's licence and code 95 explained on the candidate's page,
in the API and on the trail, with the reason a qualification is not simply met."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mensenwerk.recruitment import services as recruitment
from mensenwerk.recruitment.models import Application, Vacancy
from tests.files import docx_file, pdf
from tests.recruitment.helpers import apply

CV = [
    "Piet Bakker",
    "Werkervaring",
    "2010 - heden: Beroepschauffeur trekker-oplegger, Transport Noord",
    "Certificaten",
    "Rijbewijs C",
    "Code 95 geldig tot 03-2024",
    "Vaardigheden",
    "ADR, <b>rijbewijs CE</b>",
]


@pytest.fixture
def driver_vacancy(users, vacancy) -> Vacancy:  # the fixture activates screening
    job = Vacancy(
        title="Vrachtwagenchauffeur CE",
        description="Chauffeur met rijbewijs CE en code 95.",
        language="nl",
        min_years_experience=2,
        hiring_manager=users["manager"],
        status="open",
    )
    criteria = recruitment.CriteriaInput(
        ["rijbewijs CE", "code 95"], [("ADR", 2.0)], [("nl", "B1")]
    )
    return recruitment.do_save_vacancy(job, criteria, [users["recruiter"]], users["hr"])


@pytest.mark.django_db
def test_the_page_the_api_and_the_trail_say_why_a_qualification_is_not_met(
    client, users, driver_vacancy
) -> None:
    assert apply(client, driver_vacancy, pdf(CV)).status_code == 302
    app = Application.objects.get()
    by_name = {c.criterion: c for c in app.match.criteria}
    assert (by_name["rijbewijs CE"].status, by_name["rijbewijs CE"].detail) == (
        "partly_met",
        "lower_category",
    )
    assert by_name["rijbewijs CE"].evidence == "Rijbewijs C"
    assert by_name["code 95"].detail == "expired"
    assert by_name["ADR"].detail == "list_only"
    # relevant years from the occupation in the title, not from the word "CE"
    assert app.match.relevant_years >= 16
    client.force_login(users["recruiter"])
    ranked = client.get(reverse("recruitment:candidates", args=[driver_vacancy.pk])).content
    assert "check: rijbewijs CE (lower category), code 95 (expired)" in ranked.decode()
    page = client.get(reverse("recruitment:application", args=[app.pk])).content.decode()
    assert "a lower or other category, level or field" in page
    assert "held, but expired" in page
    assert "only in a skills list; not stated as held" in page
    assert "<b>rijbewijs CE</b>" not in page  # markup from the CV is escaped
    assert "&lt;b&gt;rijbewijs CE&lt;/b&gt;" in page
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    dutch = client.get(reverse("recruitment:application", args=[app.pk])).content.decode()
    assert "in bezit, maar verlopen" in dutch
    api = client.get(f"/api/v1/vacancies/{driver_vacancy.pk}/candidates")
    assert api.status_code == 200, api.content
    rows = {c["criterion"]: c for c in api.json()[0]["criteria"]}
    assert rows["code 95"]["detail"] == "expired"
    explanation = app.output_entry.payload.data["explanation"]
    assert any(line.startswith("code 95: partly_met (expired)") for line in explanation)


@pytest.mark.django_db
def test_a_docx_cv_with_a_wish_is_not_met_and_a_holder_ranks_first(
    client, users, driver_vacancy
) -> None:
    wish = [
        "Werkervaring",
        "2020 - heden: Pakketbezorger",
        "Profiel",
        "Ik wil graag mijn rijbewijs CE en code 95 halen.",
    ]
    holder = [
        "Profile",
        "Truck driver.",
        "Experience",
        "2019 - present: Truck driver, international routes",
        "Certificates",
        "Driving licence C+E",
        "Driver CPC (code 95), valid until 01-2027",
    ]
    apply(client, driver_vacancy, docx_file(wish), name="wish.docx", email="w@example.nl")
    apply(client, driver_vacancy, pdf(holder), email="h@example.nl", REMOTE_ADDR="127.0.0.2")
    apps = {a.person.email: a for a in Application.objects.select_related("person")}
    assert {c.criterion: c.detail for c in apps["w@example.nl"].match.criteria}["rijbewijs CE"]\
        == "wanted"  # fmt: skip
    assert apps["h@example.nl"].score > apps["w@example.nl"].score
    held = {c.criterion: c.status for c in apps["h@example.nl"].match.must_haves}
    assert held["rijbewijs CE"] == held["code 95"] == "met"
    client.force_login(users["recruiter"])
    ranked = client.get(reverse("recruitment:candidates", args=[driver_vacancy.pk])).content
    assert "check: code 95 (expires soon)" in ranked.decode()


@pytest.mark.django_db
def test_the_ad_suggests_qualifications_as_it_asks_them(driver_vacancy) -> None:
    driver_vacancy.description = (
        "Je hebt rijbewijs CE en een geldige code 95. Een ADR-certificaat en VCA VOL zijn een "
        "pré. Je rijdt ook met de heftruck en werkt volgens de tachograaf."
    )
    suggestions = recruitment.suggested_criteria(driver_vacancy)
    # rijbewijs CE, code 95 and ADR are criteria already; the taxonomy's generic "rijbewijs b"
    # is not suggested beside the exact qualification
    assert suggestions[0] == "VCA VOL"
    assert "rijbewijs b" not in suggestions and "Rijbewijs CE" not in suggestions
    assert "tachograaf" in suggestions and "heftruck" in suggestions
