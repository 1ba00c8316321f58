"""Skills through the trust layer: who may record what, CV extraction only with consent, the
proposal on the trail, the decision and the person's agreement, progress raising a skill,
the catalogue import, erasure."""

from __future__ import annotations

import json

import pytest

from mensenwerk.core.services import ServiceError
from mensenwerk.governance.errors import ApplicationInactive
from mensenwerk.governance.models import AIApplication, AuditEntry
from mensenwerk.governance.rights import SUBJECT_DATA, SUBJECT_ERASERS
from mensenwerk.skills import services
from mensenwerk.skills.models import Course, DevelopmentPlan, PersonSkill, PlanCourse
from tests.files import docx_file, pdf, png, xlsx

pytestmark = pytest.mark.django_db


def test_who_may_record_which_source(operator, users) -> None:
    employee, manager, hr, outsider = (users[r] for r in ("employee", "manager", "hr", "it"))
    own = services.do_set_skill(operator, employee, "heftruck", 2, PersonSkill.Source.SELF)
    assert own.source == "self" and own.added_by == employee
    assert services.do_set_skill(operator, manager, "VCA", 1, "manager").source == "manager"
    services.do_set_skill(operator, hr, "Excel", 3, "manager")
    with pytest.raises(ServiceError):
        services.do_set_skill(operator, manager, "Excel", 2, "self")  # not the manager's to say
    with pytest.raises(ServiceError):
        services.do_set_skill(operator, employee, "PLC", 5, "manager")  # no self-confirmation
    with pytest.raises(ServiceError):
        services.do_set_skill(operator, outsider, "PLC", 5, "manager")
    with pytest.raises(ServiceError):
        services.do_set_skill(operator, employee, "PLC", 5, "cv")  # only through the CV path
    for bad_level in (0, 6):
        with pytest.raises(ServiceError):
            services.do_set_skill(operator, employee, "PLC", bad_level, "self")
    with pytest.raises(ServiceError):
        services.do_set_skill(operator, employee, "x" * 300, 2, "self")
    # writing the same skill again updates it
    services.do_set_skill(operator, employee, "Heftruck", 3, "self")
    assert operator.skills.get(source="self", text__iexact="heftruck").level == 3
    with pytest.raises(ServiceError):
        services.do_remove_skill(operator.skills.get(source="manager", text="VCA"), employee)
    services.do_remove_skill(own, employee)


def test_cv_skills_need_the_persons_own_consent_and_keep_only_the_line(operator, users) -> None:
    employee = users["employee"]
    cv = pdf(["Daan Bakker", "2019-2024 Heftruckchauffeur bij Demo BV", "Certificaat VCA-basis"])
    with pytest.raises(ServiceError):
        services.do_skills_from_cv(operator, employee, cv, "cv.pdf", consent=False)
    with pytest.raises(ServiceError):
        services.do_skills_from_cv(operator, users["manager"], cv, "cv.pdf", consent=True)
    assert not operator.skills.exists()
    found = services.do_skills_from_cv(operator, employee, cv, "cv.pdf", consent=True)
    by_text = {s.text.casefold(): s for s in found}
    assert {"heftruckchauffeur", "vca-basis"} <= set(by_text)
    assert by_text["vca-basis"].evidence == "Certificaat VCA-basis"
    assert all(s.source == "cv" and s.consent_at and s.level == 1 for s in found)
    word = docx_file(["Vaardigheden", "PLC programmeren (Siemens TIA Portal)"])
    found = services.do_skills_from_cv(operator, employee, word, "cv.docx", consent=True)
    assert any(s.evidence.startswith("PLC programmeren") for s in found)
    for bad, name in ((png(), "cv.pdf"), (b"", "cv.pdf"), (b"%PDF-1.4 kapot", "cv.pdf")):
        with pytest.raises(ServiceError):
            services.do_skills_from_cv(operator, employee, bad, name, consent=True)
    with pytest.raises(ServiceError):
        services.do_skills_from_cv(operator, employee, b"Ik hou van vissen.", "cv.txt", True)


def test_the_proposal_needs_the_gate_and_lands_on_the_trail(operator, users) -> None:
    manager = users["manager"]
    services.do_set_skill(operator, users["employee"], "heftruck", 1, "self")
    services.do_set_skill(operator, manager, "PLC", 3, "manager")
    AIApplication.objects.filter(slug="skills").update(active=False)
    with pytest.raises(ApplicationInactive):
        services.do_propose(operator, manager)
    assert not DevelopmentPlan.objects.exists()
    AIApplication.objects.filter(slug="skills").update(active=True)
    with pytest.raises(ServiceError):
        services.do_propose(operator, users["employee"])  # not one's own to propose
    plan = services.do_propose(operator, manager)
    courses = list(plan.courses.all())
    assert [c.title for c in courses] == ["Veilig en heftruck"]  # 14 h beats 8 + 8 h
    assert courses[0].covers == [
        {"skill": "Heftruck rijden", "has": 1, "required": 2, "must": True},
        {"skill": "VCA", "has": 0, "required": 1, "must": True},
    ]
    entry = plan.output_entry
    assert entry.kind == AuditEntry.Kind.OUTPUT and entry.application == "skills"
    explanation = entry.payload.data["explanation"]
    assert explanation["covers"] == {"Veilig en heftruck": ["Heftruck rijden", "VCA"]}
    assert explanation["uncovered"] == []
    with pytest.raises(ServiceError):
        services.do_propose(operator, manager)  # one open plan at a time


def test_decide_agree_progress_and_confirm(operator, users) -> None:
    manager, employee = users["manager"], users["employee"]
    plan = services.do_propose(operator, manager)
    assert plan.courses.count() == 2  # PLC TIA Portal (level 4 ≥ 3) and the combined course
    with pytest.raises(ServiceError):
        services.do_decide(plan, employee, "accept")
    with pytest.raises(ServiceError):
        services.do_decide(plan, manager, "reject")  # a reason is required
    plc = plan.courses.get(title="PLC TIA Portal")
    services.do_decide(plan, manager, "accept", "Eerst de veiligheid", drop=[plc.pk])
    decision = AuditEntry.objects.filter(kind=AuditEntry.Kind.DECISION).get()
    assert decision.content["decision"] == "override" and decision.content["followed_ai"] is False
    assert [c.title for c in plan.courses.all()] == ["Veilig en heftruck"]
    with pytest.raises(ServiceError):
        services.do_employee_agree(plan, manager)
    services.do_employee_agree(plan, employee)
    assert plan.employee_agreed_at is not None
    item = plan.courses.get()
    with pytest.raises(ServiceError):
        services.do_confirm_course(item, manager)  # not finished yet
    services.do_course_status(item, employee, PlanCourse.Status.DONE)
    with pytest.raises(ServiceError):
        services.do_confirm_course(item, employee)  # the manager confirms
    services.do_confirm_course(item, manager)
    raised = {s.text: s.level for s in operator.skills.filter(source="manager")}
    assert raised == {"Heftruck rijden": 2, "VCA": 1}
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.DONE
    assert [g.skill for g in services.analyse(operator).gaps] == ["PLC programmeren", "Excel"]


def test_reject_keeps_the_reason_and_follows_nothing(operator, users) -> None:
    plan = services.do_propose(operator, users["hr"])
    services.do_decide(plan, users["hr"], "reject", "Budget dit jaar op")
    assert plan.status == "rejected" and plan.reason == "Budget dit jaar op"
    decision = AuditEntry.objects.filter(kind=AuditEntry.Kind.DECISION).get()
    assert decision.content["decision"] == "reject"
    assert services.do_propose(operator, users["hr"]).status == "proposed"  # a new proposal


def test_catalogue_import_reports_bad_rows_and_saves_the_rest(operator) -> None:
    csv = (
        "titel;aanbieder;vaardigheden;niveau;uren;kosten;taal;vorm\n"
        "BHV Basis;BHV Twente;BHV;1;16;295;nl;classroom\n"
        "Kapot;X;Excel;9;8;100;nl;online\n"
        ";X;Excel;1;8;100;nl;online\n"
        "Negatief;X;Excel;1;-8;100;nl;online\n"
        "<script>alert(1)</script>;X;Excel:drie;;8;100;nl;online\n"
        "Excel gevorderd;Office;Excel:4;;8;€ 1.295,00;nl;online\n"
    ).encode()
    report = services.do_import_courses(csv, "cursussen.csv")
    assert report.saved == 2 and [line for line, _e in report.errors] == [3, 4, 5, 6]
    updated = Course.objects.get(title="Excel gevorderd")
    assert updated.skills == "Excel:4" and str(updated.cost) == "1295.00"
    assert Course.objects.get(title="BHV Basis").skills == "BHV:1"
    sheet = xlsx([["title", "skills", "hours", "cost"], ["Hoogwerker", "hoogwerker:2", 8, 395]])
    assert services.do_import_courses(sheet, "c.xlsx").saved == 1
    for bad in (b"", png(), b"naam,iets\nx,y\n"):
        with pytest.raises(ServiceError):
            services.do_import_courses(bad, "c.csv")


def test_an_alias_turns_an_unmapped_word_into_the_skill(operator, users) -> None:
    services.do_set_skill(operator, users["employee"], "Jungheinrich ETV", 2, "self")
    assert services.analyse(operator).unmapped == ["Jungheinrich ETV"]
    with pytest.raises(ServiceError):
        services.do_link_alias("Jungheinrich ETV", "iets onbekends", users["hr"])
    services.do_link_alias("Jungheinrich ETV", "heftruck", users["hr"])
    result = services.analyse(operator)
    assert result.unmapped == [] and "Heftruck rijden" not in [g.skill for g in result.gaps]


def test_access_report_and_erasure(operator, users) -> None:
    services.do_set_skill(operator, users["employee"], "Excel", 2, "self")
    services.do_propose(operator, users["manager"])
    data = SUBJECT_DATA["skills"](operator)
    assert data["skills"][0]["skill"] == "Excel"
    assert data["development_plans"][0]["status"] == "proposed"
    from mensenwerk.governance.documents import SUBJECT_REPORT_LINES

    lines = SUBJECT_REPORT_LINES["skills"](data, "nl")
    assert lines[0] == "## Vaardigheden en leren"
    assert lines[1] == "- Excel, niveau 2 (zelf ingeschat)"
    assert lines[2] == "- Ontwikkelplan (voorgesteld): PLC TIA Portal, Veilig en heftruck"
    assert SUBJECT_ERASERS["skills"](operator) >= 2
    assert not PersonSkill.objects.exists() and not DevelopmentPlan.objects.exists()
    assert not PlanCourse.objects.exists()


def test_profile_suggestions_from_vacancies_and_the_description(operator, users) -> None:
    from mensenwerk.recruitment.models import Criterion, Vacancy
    from mensenwerk.skills import profiles
    from mensenwerk.skills.models import RoleProfile

    hr = users["hr"]
    vacancy = Vacancy.objects.create(title="Operator (m/v/x)", description="x", status="closed")
    Criterion.objects.create(vacancy=vacancy, kind="must_have", name="Heftruck rijden")  # in it
    Criterion.objects.create(vacancy=vacancy, kind="must_have", name="Lassen")
    Criterion.objects.create(vacancy=vacancy, kind="nice_to_have", name="5S")
    Criterion.objects.create(vacancy=vacancy, kind="language", name="de", level="B2")
    RoleProfile.objects.filter(job_role=operator.job_role).update(
        description="Je bedient de freesmachine en leest technische tekeningen."
    )
    suggestion = profiles.do_suggest(operator.job_role, hr)
    items = [(i["skill"], i["level"], i["must"], i["vacancy"]) for i in suggestion.items]
    assert items == [
        ("Lassen", 2, True, "Operator (m/v/x)"),
        ("5S", 2, False, "Operator (m/v/x)"),
        ("Duits", 3, True, "Operator (m/v/x)"),  # B2 as level 3
        ("cnc-frezen", 2, False, ""),  # the concept's first Dutch label
        ("technische tekeningen lezen", 2, False, ""),
    ]
    entry = suggestion.output_entry
    assert entry.application == "skills" and entry.payload.data["explanation"]["Lassen"]
    profiles.do_take(suggestion, hr, [0, 2])  # Lassen and Duits
    decision = AuditEntry.objects.filter(kind=AuditEntry.Kind.DECISION).get()
    assert decision.content["decision"] == "override"
    skills = [s.skill for s in operator.job_role.skill_profile.skills.all()]
    assert skills[-2:] == ["Lassen", "Duits"]
    with pytest.raises(ServiceError):
        profiles.do_take(suggestion, hr, [1])  # decided once
    again = profiles.do_suggest(operator.job_role, hr)
    assert [i["skill"] for i in again.items] == ["5S", "cnc-frezen", "technische tekeningen lezen"]
    profiles.do_take(again, hr, [])
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.DECISION).last().content["decision"] == (
        "reject"
    )


def test_a_profile_can_start_from_an_imported_esco_occupation(
    operator, users, tmp_path, monkeypatch
) -> None:
    from mensenwerk.engines import esco
    from mensenwerk.engines import skills as taxonomy
    from mensenwerk.skills import profiles

    header = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description\n"
    skill = "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/{n},skill,x,{label},,x\n"
    folder = tmp_path / "esco"
    folder.mkdir()
    (folder / "skills_nl.csv").write_text(
        header
        + skill.format(n="s1", label="keukens plaatsen")
        + skill.format(n="s2", label="tegelen"),
        encoding="utf-8",
    )
    (folder / "occupations_nl.csv").write_text(
        header + "Occupation,http://data.europa.eu/esco/occupation/o1,,,keukenmonteur,,x\n",
        encoding="utf-8",
    )
    (folder / "occupationSkillRelations_nl.csv").write_text(
        "occupationUri,relationType,skillType,skillUri\n"
        "http://data.europa.eu/esco/occupation/o1,essential,skill,http://data.europa.eu/esco/skill/s1\n"
        "http://data.europa.eu/esco/occupation/o1,optional,skill,http://data.europa.eu/esco/skill/s2\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("MENSENWERK_DATA_DIR", str(tmp_path / "data"))
    taxonomy.reload()
    try:
        assert taxonomy.find_occupations("keukenmonteur") == []  # nothing imported yet
        shipped = json.loads(taxonomy.DATA.read_text(encoding="utf-8"))["concepts"]
        esco.write(esco.read(folder), shipped, taxonomy.extension_path())
        taxonomy.reload()
        [found] = taxonomy.find_occupations("Keukenmonteur")
        suggestion = profiles.do_suggest_from_occupation(operator.job_role, found.uri, users["hr"])
        assert [(i["skill"], i["must"], i["ticked"]) for i in suggestion.items] == [
            ("keukens plaatsen", True, True),
            ("tegelen", False, False),  # optional skills start unticked
        ]
        assert suggestion.items[0]["esco"] == "keukenmonteur"
        profiles.do_take(suggestion, users["hr"], [0])
        assert operator.job_role.skill_profile.skills.last().skill == "keukens plaatsen"
        with pytest.raises(ServiceError):
            profiles.do_suggest_from_occupation(operator.job_role, "no-such-uri", users["hr"])
    finally:
        monkeypatch.delenv("MENSENWERK_DATA_DIR")
        taxonomy.reload()
