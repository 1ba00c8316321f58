"""The skills pages as each role uses them: the person's own page, the manager's team heatmap
with the small-group rule, HR's overview, the catalogue import; and what others may not see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mensenwerk.core.models import Organisation, Person
from mensenwerk.skills import services
from mensenwerk.skills.models import DevelopmentPlan, LearningBudget, PersonSkill
from tests.files import pdf

pytestmark = pytest.mark.django_db


def test_the_person_sees_sources_gaps_and_adds_skills(client, operator, users) -> None:
    client.force_login(users["employee"])
    services.do_set_skill(operator, users["manager"], "heftruck", 2, "manager")
    response = client.post(
        reverse("skills:add_skill", args=[operator.pk]), {"text": "<b>zeilen</b>", "level": 2}
    )
    assert response.status_code == 302
    page = client.get(reverse("skills:person", args=[operator.pk])).content.decode()
    assert "&lt;b&gt;zeilen&lt;/b&gt;" in page and "<b>zeilen</b>" not in page
    assert "confirmed by the manager" in page and "self-assessed" in page
    assert "unmapped" in page
    assert "PLC programmeren" in page and "level 0 → 3" in page
    assert "Propose a development plan" not in page  # the manager or HR proposes
    # a bad level is a form error on the page, not a crash
    response = client.post(
        reverse("skills:add_skill", args=[operator.pk]), {"text": "x", "level": 9}
    )
    assert response.status_code == 200 and b"Select a valid choice" in response.content
    assert client.get(reverse("skills:my")).url == reverse("skills:person", args=[operator.pk])


def test_cv_upload_on_the_page_needs_the_tick(client, operator, users) -> None:
    client.force_login(users["employee"])
    url = reverse("skills:from_cv", args=[operator.pk])
    cv = pdf(["Heftruckchauffeur 2019-2024", "VCA-basis"])
    response = client.post(url, {"file": _upload(cv)})
    assert response.status_code == 200 and "Tick that you agree" in response.content.decode()
    assert not PersonSkill.objects.exists()
    response = client.post(url, {"file": _upload(cv), "consent": "on"})
    assert response.status_code == 302 and PersonSkill.objects.filter(source="cv").count() == 2


def _upload(data: bytes, name: str = "cv.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_others_do_not_see_a_persons_skills(client, operator, users, team) -> None:
    outsider_user = users["employee"]
    outsider_user.person = team["outsider"]
    outsider_user.save()
    client.force_login(outsider_user)
    assert client.get(reverse("skills:person", args=[operator.pk])).status_code == 404
    url = reverse("skills:add_skill", args=[operator.pk])
    assert client.post(url, {"text": "x", "level": 2}).status_code == 404
    assert client.get(f"/api/v1/skills/people/{operator.pk}").status_code in (401, 404)


def test_manager_proposes_and_agrees_and_the_employee_agrees(client, operator, users) -> None:
    client.force_login(users["manager"])
    page = client.get(reverse("skills:person", args=[operator.pk])).content.decode()
    assert "Propose a development plan" in page
    client.post(reverse("skills:propose", args=[operator.pk]))
    plan = DevelopmentPlan.objects.get()
    page = client.get(reverse("skills:person", args=[operator.pk])).content.decode()
    assert "Veilig en heftruck" in page and "Heftruck rijden, level 0 → 2" in page
    response = client.post(reverse("skills:decide", args=[plan.pk]), {"decision": "reject"})
    assert response.status_code == 200 and "Give a reason" in response.content.decode()
    client.post(reverse("skills:decide", args=[plan.pk]), {"decision": "accept"})
    plan.refresh_from_db()
    assert plan.status == "agreed" and plan.employee_agreed_at is None
    assert client.post(reverse("skills:agree", args=[plan.pk])).status_code == 302
    plan.refresh_from_db()
    assert plan.employee_agreed_at is None  # the manager cannot agree for the employee
    client.force_login(users["employee"])
    client.post(reverse("skills:agree", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.employee_agreed_at is not None


def test_team_heatmap_withholds_small_groups_from_managers_not_hr(client, operator, users) -> None:
    Organisation.objects.update(bias_min_group=5)
    client.force_login(users["manager"])
    url = reverse("skills:team", args=[operator.department_id])
    page = client.get(url).content.decode()
    assert "fewer than 5 people: not shown" in page and "0 / 1" not in page
    assert "Daan Bakker" in page  # the manager's own people by name, as on their pages
    client.force_login(users["hr"])
    page = client.get(url).content.decode()
    assert "1 / 1" in page and "100%" in page and "not shown" not in page
    Organisation.objects.update(bias_min_group=1)
    client.force_login(users["manager"])
    assert "1 / 1" in client.get(url).content.decode()
    other = Person.objects.get(employee_number="200").department_id
    assert client.get(reverse("skills:team", args=[other])).status_code == 404


def test_hr_overview_and_catalogue_import(client, operator, users) -> None:
    services.do_set_skill(operator, users["employee"], "koffie zetten", 2, "self")
    client.force_login(users["hr"])
    page = client.get(reverse("skills:overview")).content.decode()
    assert "Continuity risk" in page and "koffie zetten (1)" in page
    client.post(reverse("skills:alias"), {"text": "koffie zetten", "means": "nonsens"})
    client.post(reverse("skills:budget"), {"amount": "-5"})
    assert not LearningBudget.objects.exists()
    client.post(reverse("skills:budget"), {"amount": "25000", "per_person": "400"})
    assert LearningBudget.objects.get().amount == 25000
    assert "of €25,000" in client.get(reverse("skills:overview")).content.decode()
    upload = _upload(
        b"title,skills,hours,cost\nBHV Basis,BHV:1,16,295\nKapot,Excel:9,8,1\n", "c.csv"
    )
    page = client.post(reverse("skills:catalogue"), {"file": upload}).content.decode()
    assert "1 course saved." in page and "Row 3" in page
    client.force_login(users["employee"])
    assert b"BHV Basis" in client.get(reverse("skills:catalogue")).content
    response = client.post(reverse("skills:catalogue"), {"file": _upload(b"x", "c.csv")})
    assert response.status_code == 404  # only HR imports


def test_profile_form_saves_rows_without_script(client, operator, users) -> None:
    client.force_login(users["hr"])
    url = reverse("skills:profile", args=[operator.job_role_id])
    data = {"skill": ["Lassen", "", "VCA"], "level": ["3", "1", "1"], "must": ["0"]}
    assert client.post(url, data).status_code == 302
    skills = [(s.skill, s.level, s.must) for s in operator.job_role.skill_profile.skills.all()]
    assert skills == [("Lassen", 3, True), ("VCA", 1, False)]
    page = client.post(url, {"skill": ["Lassen"], "level": ["7"]}).content.decode()
    assert "level from 1 to 5" in page
    client.force_login(users["manager"])
    assert client.post(url, data).status_code == 404  # managers read profiles, HR edits


def test_api_person_team_and_catalogue(client, operator, users) -> None:
    from mensenwerk.core import services as core

    services.do_set_skill(operator, users["employee"], "heftruck", 2, "self")
    _token, secret = core.do_create_api_token(users["manager"], "t", None)
    headers = {"Authorization": f"Bearer {secret}"}
    data = client.get(f"/api/v1/skills/people/{operator.pk}", headers=headers).json()
    assert data["skills"] == [
        {"skill": "heftruck", "level": 2, "source": "self", "mapped_to": "heftruck", "evidence": ""}
    ]
    assert [g["skill"] for g in data["gaps"]] == ["PLC programmeren", "VCA", "Excel"]
    assert data["path"][0]["course"] == "PLC TIA Portal"
    team = client.get(f"/api/v1/skills/teams/{operator.department_id}", headers=headers).json()
    cells = {c["skill"]: c["people_with_gap"] for c in team["cells"]}
    assert cells["PLC programmeren"] is None  # one person: fewer than the smallest group
    catalogue = client.get("/api/v1/skills/catalogue", headers=headers).json()
    assert len(catalogue) == 6 and catalogue[0]["title"] == "Excel gevorderd"


def test_hr_ai_competences_on_the_cockpits_literacy_page(client, operator, users, team) -> None:
    from mensenwerk.core.models import JobRole

    hr_role = JobRole.objects.create(title="HR-adviseur")
    client.force_login(users["hr"])
    page = client.get(reverse("adoption:literacy")).content.decode()
    assert "No role profile asks for these competences yet." in page
    client.post(reverse("skills:profile", args=[hr_role.pk]), {"hr_ai": "1"})
    assert hr_role.skill_profile.skills.count() == 4
    for person in (team["boss"], team["outsider"]):
        person.job_role = hr_role
        person.save()
    services.do_set_skill(team["outsider"], users["hr"], "data literacy", 3, "manager")
    Organisation.objects.update(bias_min_group=2)
    page = client.get(reverse("adoption:literacy")).content.decode()
    assert "The HR team&#x27;s own AI competences" in page or "own AI competences" in page
    assert '<td>Data literacy</td><td class="num">2</td><td class="num">1</td>' in page
    Organisation.objects.update(bias_min_group=3)
    client.force_login(users["champion"])
    page = client.get(reverse("adoption:literacy")).content.decode()
    assert "fewer than 3 people: not shown" in page  # two people: counts for HR only


def test_hr_takes_suggested_skills_on_the_profile_page(client, operator, users) -> None:
    from mensenwerk.recruitment.models import Criterion, Vacancy

    vacancy = Vacancy.objects.create(title="Operator", description="x", status="open")
    Criterion.objects.create(vacancy=vacancy, kind="must_have", name="<i>Lassen</i>")
    client.force_login(users["hr"])
    url = reverse("skills:profile", args=[operator.job_role_id])
    client.post(reverse("skills:suggest", args=[operator.job_role_id]))
    page = client.get(url).content.decode()
    assert "Suggested skills" in page and "&lt;i&gt;Lassen&lt;/i&gt;" in page
    assert "<i>Lassen</i>" not in page
    suggestion = page.split('action="/skills/suggestions/')[1].split("/")[0]
    client.post(reverse("skills:take", args=[int(suggestion)]), {"take": ["0"]})
    skills = [s.skill for s in operator.job_role.skill_profile.skills.all()]
    assert skills[-1] == "<i>Lassen</i>"
    client.post(reverse("skills:suggest", args=[operator.job_role_id]))  # nothing new
    page = client.get(url).content.decode()
    assert "Nothing to suggest" in page
    assert "No ESCO import with occupation-skill relations yet." in page


def test_start_page_actions_for_the_manager_and_the_employee(client, operator, users) -> None:
    from mensenwerk.core.actions import actions_for

    plan = services.do_propose(operator, users["hr"])
    texts = [a.text for a in actions_for(users["manager"])]
    assert "A proposed development plan waits for your decision" in texts
    assert not [a for a in actions_for(users["employee"]) if "development plan" in a.text]
    services.do_decide(plan, users["manager"], "accept")
    texts = [a.text for a in actions_for(users["employee"])]
    assert "Your development plan waits for your agreement" in texts
    services.do_employee_agree(plan, users["employee"])
    services.do_course_status(plan.courses.first(), users["employee"], "done")
    texts = [a.text for a in actions_for(users["manager"])]
    assert "1 finished course waits for your confirmation" in texts
    assert not [a for a in actions_for(users["or"]) if "course" in a.text]
