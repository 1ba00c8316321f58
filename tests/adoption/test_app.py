"""The adoption cockpit as its users meet it: HR and champions edit, the director reads, the
works council reads without costs or names; the figures come from what happened in the system."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mensenwerk.adoption import metrics, services
from mensenwerk.adoption.models import (
    BudgetLine,
    Champion,
    Kpi,
    KpiValue,
    Objection,
    Phase,
    Project,
    PulseResponse,
    Stakeholder,
    TrainingOffer,
    TrainingSession,
    TrustItem,
    UseCase,
)
from mensenwerk.assistant import services as assistant
from mensenwerk.assistant.models import Question
from mensenwerk.core import services as core
from mensenwerk.core.roles import Role
from mensenwerk.governance import services as trust
from mensenwerk.governance.models import AIApplication
from tests.cli import mensenwerk
from tests.trust import activate

pytestmark = pytest.mark.django_db
MONTH = None  # this month, set per test through timezone.localdate()


def _month():
    return timezone.localdate().replace(day=1)


@pytest.fixture
def hr(client, users):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(users["hr"])
    return client


@pytest.fixture
def project(db) -> Project:
    return services.ensure_defaults()


def _screen_and_decide(owner, decider, count: int, decision: str = "accept") -> None:
    for i in range(count):
        output = trust.record_output(
            "cv-screening",
            engine="t",
            engine_version="1",
            params={},
            subject=f"K-{i}",
            input_data=str(i),
            output={"score": 0.5},
            explanation={},
            actor=None,
        )
        reason = "" if decision == "accept" else "anders"
        trust.decide(output, actor=decider, decision=decision, reason=reason)


# --- use cases ----------------------------------------------------------------------------


def test_it_prefills_the_catalogue_once_in_the_organisations_language(project) -> None:
    assert UseCase.objects.count() == 10
    assert Stakeholder.objects.count() == 8
    assert project.phases.count() == 6
    assert project.trust_items.count() == 15
    assert UseCase.objects.get(key="cv-preselection").name == "CV-voorselectie"
    assert UseCase.objects.get(key="cv-preselection").application.slug == "cv-screening"
    services.ensure_defaults()
    assert UseCase.objects.count() == 10
    assert Project.objects.count() == 1


def test_it_ranks_use_cases_and_follows_new_weights(hr, project) -> None:
    page = hr.get(reverse("adoption:use_cases")).content.decode()
    assert page.index("Onboarding-assistent") < page.index("Werkgeversverklaringen")
    assert page.index("Werkgeversverklaringen") < page.index("CV-voorselectie")
    assert page.index("CV-voorselectie") < page.index("Skill-gapanalyse")
    data = {
        "weight_impact": 1,
        "weight_effort": 0,
        "weight_data": 0,
        "weight_change": 0,
        "screen_minutes": 6,
        "answer_minutes": 10,
        "hourly_rate": "50",
    }
    hr.post(reverse("adoption:weights"), data)
    page = hr.get(reverse("adoption:use_cases")).content.decode()
    assert page.index("Skill-gapanalyse") < page.index("Onboarding-assistent")
    response = hr.post(reverse("adoption:weights"), {**data, "weight_impact": 0}, follow=True)
    assert "At least one weight must be above zero." in response.content.decode()


def test_it_chooses_at_most_three_use_cases_for_a_wave(hr, project) -> None:
    url = reverse("adoption:edit", args=["project", project.pk])
    pks = list(UseCase.objects.values_list("pk", flat=True)[:4])
    data = {"name": "Golf 1", "start_date": "2027-01-04", "buffer_pct": 25, "use_cases": pks}
    response = hr.post(url, data)
    assert response.status_code == 200
    assert "Choose at most 3 use cases for one wave." in response.content.decode()
    assert project.use_cases.count() == 0
    hr.post(url, {**data, "use_cases": pks[:2]})
    assert project.use_cases.count() == 2
    cockpit = hr.get(reverse("adoption:cockpit")).content.decode()
    assert reverse("governance:application", args=["cv-screening"]) in cockpit


def test_it_records_readiness_with_a_traffic_light(hr, project) -> None:
    case = UseCase.objects.get(key="skill-gap")
    url = reverse("adoption:use_case", args=[case.pk])
    hr.post(
        url,
        {
            "data_completeness": "green",
            "data_volume": "amber",
            "process_roles": "HR-adviseur, leidinggevende",
            "light_roles": "green",
        },
    )
    case.refresh_from_db()
    assert case.data_audit == {"completeness": "green", "volume": "amber"}
    assert case.process["roles"] == {"text": "HR-adviseur, leidinggevende", "light": "green"}
    page = hr.get(url).content.decode()
    assert "light-amber" in page
    response = hr.post(url, {"data_volume": "purple"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_it_refuses_scores_outside_one_to_ten(hr, project) -> None:
    case = UseCase.objects.get(key="skill-gap")
    data = {"name": "X", "impact": 11, "effort": 0, "data_readiness": 5, "change_need": 5}
    response = hr.post(reverse("adoption:edit", args=["use-case", case.pk]), data)
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.impact == 9


# --- measured KPIs ------------------------------------------------------------------------


def test_it_measures_acceptance_override_and_hours_from_the_trail(users, project) -> None:
    activate("cv-screening", users["hr"])
    _screen_and_decide(users["hr"], users["recruiter"], 4, "accept")
    figures = metrics.measure_month(_month())
    assert figures["acceptance_rate"].withheld
    assert figures["acceptance_rate"].value is None
    _screen_and_decide(users["hr"], users["recruiter"], 2, "override")
    figures = metrics.measure_month(_month())
    assert figures["acceptance_rate"].value == pytest.approx(66.7)
    assert figures["override_rate"].value == pytest.approx(33.3)
    assert figures["acceptance_rate"].n == 6
    assert figures["screening_hours_saved"].value == pytest.approx(6 * 6 / 60)
    assert figures["median_review_minutes"].value is not None


def test_it_measures_adoption_only_over_groups_large_enough(users, project) -> None:
    activate("cv-screening", users["hr"])
    _screen_and_decide(users["hr"], users["recruiter"], 1)
    # HR, recruiter and manager may screen: three people, too few to show a rate
    assert metrics.adoption("screening", _month()).withheld
    for i in range(3):
        core.do_create_user(f"rec{i}", "pw-long-enough-1", [Role.RECRUITER])
    screening = metrics.adoption("screening", _month())
    assert screening.n == 6
    assert screening.value == pytest.approx(100 / 6, abs=0.1)


def test_it_measures_the_assistant_from_its_question_log(users, project) -> None:
    for user in list(users.values())[:6]:
        Question.objects.create(
            asker=assistant.asker_id(user), text="Verlof?", kind="answered", helpful=True
        )
    Question.objects.create(asker="U-SOMEONE-ELSE", text="Weer?", kind="not_found")
    figures = metrics.measure_month(_month())
    assert figures["adoption_assistant"].value == pytest.approx(6 / 9 * 100, abs=0.1)
    assert figures["assistant_deflection"].value == pytest.approx(6 / 7 * 100, abs=0.1)
    assert figures["assistant_satisfaction"].value == 100.0


def test_it_measures_time_to_hire_and_fill(users, project) -> None:
    from mensenwerk.core.models import Person
    from mensenwerk.recruitment.models import Application, StageEvent, Vacancy

    opened = timezone.now() - timedelta(days=60)
    vacancy = Vacancy.objects.create(title="Lasser", description="x", published_at=opened)
    for i in range(5):
        person = Person.objects.create(first_name="K", last_name=str(i), kind="candidate")
        app = Application.objects.create(
            vacancy=vacancy,
            person=person,
            pseudonym=f"K-{i}",
            stored_name="x",
            status_key_hash=f"h{i}",
        )
        Application.objects.filter(pk=app.pk).update(created_at=opened + timedelta(days=10))
        event = StageEvent.objects.create(application=app, stage="hired")
        StageEvent.objects.filter(pk=event.pk).update(at=opened + timedelta(days=40 + i))
    figures = metrics.hiring_times(_month())
    assert figures["time_to_hire"].value == 32.0  # median of 30..34 days
    assert figures["time_to_fill"].value == 42.0


def test_it_measures_literacy_coverage_and_names_untrained_overseers(hr, users, project) -> None:
    activate("cv-screening", users["recruiter"])
    lit = services.literacy()
    assert [o.user for o in lit["overseers_missing"]] == [users["recruiter"]]
    session = TrainingSession.objects.create(
        offer=TrainingOffer.objects.get(group="business"), date=timezone.localdate()
    )
    session.attendees.set([users["recruiter"], users["champion"]])
    lit = services.literacy()
    assert lit["overseers_missing"] == []
    business = next(g for g in lit["groups"] if g["group"] == "business")
    assert (business["eligible"], business["completed"]) == (2, 2)
    assert metrics.literacy(_month()).value == pytest.approx(2 / 9 * 100, abs=0.1)


def test_it_stores_manual_kpi_values_with_date_and_source(hr, users, project) -> None:
    kpi = Kpi.objects.create(name="Tickets", group="efficiency")
    url = reverse("adoption:kpi_value", args=[kpi.pk])
    hr.post(url, {"date": "2026-10-15", "value": "118", "source": "servicedesk"})
    assert KpiValue.objects.get(kpi=kpi).entered_by == users["hr"]
    response = hr.post(url, {"date": "2026-10-15", "value": "veel", "source": ""}, follow=True)
    assert response.status_code == 200
    assert KpiValue.objects.count() == 1
    computed = Kpi.objects.exclude(measure="").first()
    assert hr.post(reverse("adoption:kpi_value", args=[computed.pk]), {}).status_code == 404


def test_it_prints_the_kpis_on_the_command_line(users, project) -> None:
    out = StringIO()
    call_command("kpis", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data["kpis"]) == set(metrics.MEASURES)
    out = StringIO()
    call_command("kpis", "--month", "2026-01", stdout=out)
    assert "time_to_hire" in out.getvalue()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("kpis", "--month", "januari")


# --- pulse survey -------------------------------------------------------------------------


def test_it_keeps_one_anonymous_pulse_answer_per_person_and_month(client, users) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(users["employee"])
    url = reverse("adoption:pulse")
    client.post(url, {"feature": "assistant", "score": "4", "comment": "traag"})
    client.post(url, {"feature": "assistant", "score": "9", "comment": "<b>beter</b>"})
    answer = PulseResponse.objects.get()
    assert answer.score == 9
    assert answer.respondent == services.respondent_id(users["employee"])
    assert {f.name for f in PulseResponse._meta.fields}.isdisjoint({"user", "respondent_id"})
    response = client.post(url, {"feature": "assistant", "score": "11"})
    assert "Select a valid choice" in response.content.decode()
    response = client.post(url, {"feature": "payroll", "score": "5"})
    assert PulseResponse.objects.count() == 1
    assert response.status_code == 200


def test_it_shows_nps_and_comments_only_for_five_or_more(hr, users) -> None:
    for user in list(users.values())[:4]:
        services.do_pulse(user, "assistant", 10, "<script>alert(1)</script>")
    page = hr.get(reverse("adoption:kpis")).content.decode()
    assert "too few to show" in page
    assert "alert(1)" not in page
    services.do_pulse(users["it"], "assistant", 3, "")
    page = hr.get(reverse("adoption:kpis")).content.decode()
    assert ">60.0<" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page


# --- TRUST plan and evidence --------------------------------------------------------------


def test_it_keeps_evidence_files_and_refuses_bad_ones(hr, project) -> None:
    item = project.trust_items.first()
    url = reverse("adoption:edit", args=["trust-item", item.pk])
    base = {"step": "T", "label": item.label, "status": "done", "owner": "HR", "due": ""}
    hr.post(url, {**base, "evidence_file": SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 x")})
    item.refresh_from_db()
    assert item.status == "done"
    assert item.evidence_name == "verslag.pdf"
    download = hr.get(reverse("adoption:evidence", args=[item.pk]))
    assert download.content == b"%PDF-1.4 x"
    assert 'filename="verslag.pdf"' in download["Content-Disposition"]
    empty = hr.post(url, {**base, "evidence_file": SimpleUploadedFile("leeg.pdf", b"")})
    assert "The submitted file is empty." in empty.content.decode()
    huge = SimpleUploadedFile("groot.pdf", b"x" * (services.MAX_EVIDENCE_BYTES + 1))
    assert "larger than 5 MB" in hr.post(url, {**base, "evidence_file": huge}).content.decode()
    bad = hr.post(url, {**base, "evidence_link": "javascript:alert(1)"})
    assert "Enter a valid URL." in bad.content.decode()
    item.refresh_from_db()
    assert item.evidence_link == ""


def test_the_works_council_reads_without_costs_or_names(client, users, project) -> None:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    item = project.trust_items.first()
    item.owner = "Sanne de Vries"
    item.save()
    services.do_attach_evidence(item, "verslag.pdf", b"x")
    BudgetLine.objects.create(project=project, category="licences", yearly=12345)
    client.force_login(users["or"])
    trust_page = client.get(reverse("adoption:trust")).content.decode()
    assert "Sanne de Vries" not in trust_page
    assert "file on record" in trust_page
    assert reverse("adoption:evidence", args=[item.pk]) not in trust_page
    cockpit = client.get(reverse("adoption:cockpit")).content.decode()
    assert "12345" not in cockpit
    assert "ROI" not in cockpit
    assert reverse("adoption:roi") not in cockpit
    report = client.get(reverse("adoption:wc_report") + "?format=html&lang=en").content.decode()
    assert "EUR" not in report
    assert "12345" not in report
    assert "Sanne" not in report
    assert client.get(reverse("adoption:roi")).status_code == 403
    assert client.get(reverse("adoption:evidence", args=[item.pk])).status_code == 403


def test_the_director_reads_but_does_not_edit(client, users, project) -> None:
    client.force_login(users["director"])
    assert client.get(reverse("adoption:roadmap")).status_code == 200
    case = UseCase.objects.first()
    assert client.post(reverse("adoption:use_case", args=[case.pk]), {}).status_code == 403
    assert client.get(reverse("adoption:new", args=["benefit"])).status_code == 403


# --- roadmap, ROI, reports ----------------------------------------------------------------


def test_it_computes_roi_from_the_budget_and_measured_hours(users, project) -> None:
    BudgetLine.objects.create(project=project, category="implementation", one_off=9000)
    BudgetLine.objects.create(project=project, category="support", yearly=6000)
    project.benefits.create(description="Minder bureaus", yearly=24000, basis="schatting")
    summary = services.roi_summary(project)
    assert summary["costs"] == {"one_off": 9000.0, "yearly": 6000.0}
    assert summary["measured_hours_yearly"] == 0
    assert summary["estimates"]
    assert summary["roi"].roi_pct == 60.0
    assert summary["roi"].payback_months == 8
    assert summary["scenarios"]["conservative"].roi_pct < 60.0


def test_it_schedules_the_roadmap_from_the_projects_phases(hr, project) -> None:
    phase = project.phases.get(key="pilot")
    hr.post(
        reverse("adoption:edit", args=["phase", phase.pk]),
        {"weeks": "12", "status": "running", "gate": "pending", "gate_note": ""},
    )
    plan = {row["plan"].key: row["plan"] for row in services.schedule(project)}
    assert plan["pilot"].weeks == 12
    assert plan["pilot"].buffer_weeks == 3.0
    page = hr.get(reverse("adoption:roadmap")).content.decode()
    assert 'data-chart="gantt"' in page
    assert hr.get(reverse("adoption:new", args=["phase"])).status_code == 404
    assert hr.post(reverse("adoption:delete", args=["phase", phase.pk])).status_code == 404
    response = hr.post(
        reverse("adoption:edit", args=["phase", phase.pk]),
        {"weeks": "-3", "status": "running", "gate": "pending"},
    )
    assert response.status_code == 200
    assert Phase.objects.get(pk=phase.pk).weeks == 12


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_it_makes_the_reports_as_pdf_in_both_languages(hr, users, project, lang) -> None:
    for kind in ("business-case", "management"):
        response = hr.get(reverse("adoption:report", args=[kind]) + f"?lang={lang}")
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert f"-{lang}.pdf" in response["Content-Disposition"]
    html = hr.get(reverse("adoption:report", args=["management"]) + f"?lang={lang}&format=html")
    heading = {"nl": "Maandelijkse managementrapportage", "en": "Monthly management report"}
    assert heading[lang] in html.content.decode()
    assert hr.get(reverse("adoption:report", args=["other"])).status_code == 404


def test_it_escapes_what_people_type_on_pages_and_in_reports(hr, project) -> None:
    Stakeholder.objects.create(
        name="<img src=x onerror=alert(1)>",
        motivation="m",
        concern="c",
        weight="low",
        basis="advice",
        influence=2,
        interest=2,
        strategy="s",
    )
    Objection.objects.create(text="<script>alert(2)</script>")
    project.name = "Golf | <b>1</b>"
    project.save()
    page = hr.get(reverse("adoption:stakeholders")).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>alert(2)" not in page
    report = hr.get(reverse("adoption:report", args=["management"]) + "?format=html")
    body = report.content.decode()
    assert "<b>1</b>" not in body
    assert "<script>alert(2)" not in body


# --- champions ----------------------------------------------------------------------------


def test_it_shortlists_champions_and_warns_on_too_little_time(hr, users) -> None:
    url = reverse("adoption:new", args=["candidate"])
    hr.post(
        url,
        {
            "user": users["champion"].pk,
            "years_hr": "6",
            "tech_affinity": 5,
            "communication": 4,
            "change_readiness": 3,
        },
    )
    hr.post(
        url,
        {
            "user": users["employee"].pk,
            "years_hr": "1",
            "tech_affinity": 5,
            "communication": 5,
            "change_readiness": 5,
        },
    )
    bad = hr.post(
        url,
        {
            "user": users["it"].pk,
            "years_hr": "-1",
            "tech_affinity": 9,
            "communication": 1,
            "change_readiness": 1,
        },
    )
    assert bad.status_code == 200
    hr.post(
        reverse("adoption:new", args=["champion"]),
        {"user": users["champion"].pk, "specialism": "recruitment", "time_pct": 10},
    )
    assert Champion.objects.get().too_little_time
    page = hr.get(reverse("adoption:champions")).content.decode()
    assert page.count("shortlisted") == 1
    assert "under 20%" in page


def test_the_roi_command_gives_the_guides_figures(tmp_path) -> None:
    result = mensenwerk(
        "roi",
        "--hours-per-week",
        "10",
        "--hourly-rate",
        "50",
        "--yearly-cost",
        "35000",
        "--other-benefits",
        "104000",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["hours_value"] == 26000
    assert data["benefits"] == 130000
    assert data["roi_pct"] == 271.4
    assert data["payback_months"] == 4
    assert set(data["scenarios"]) == {"conservative", "expected", "optimistic"}
    bad = mensenwerk("roi", "--hours-per-week", "-1", "--hourly-rate", "50", "--yearly-cost", "1")
    assert bad.returncode == 2
    assert "must be a number of 0 or more" in bad.stderr


def test_unknown_editor_kinds_are_not_found(hr) -> None:
    assert hr.get(reverse("adoption:new", args=["password"])).status_code == 404
    assert hr.get(reverse("adoption:edit", args=["stakeholder", 999999])).status_code == 404


def test_the_trust_layer_entry_for_a_chosen_use_case_is_linked(project) -> None:
    app = AIApplication.objects.get(slug="hr-assistant")
    assert UseCase.objects.get(key="hr-assistant").application == app
    assert TrustItem.objects.filter(project=project, step="S").count() == 6


def test_the_matrix_labels_each_point_with_its_row_and_shares_a_spot(hr, project) -> None:
    response = hr.get(reverse("adoption:use_cases"))
    chart = response.context["chart"]
    ranked = response.context["ranked"]
    points = [d for d in chart["datasets"] if "pointLabel" in d]
    spots = {(r["case"].effort, r["case"].impact) for r in ranked}
    assert len(points) == len(spots)  # one mark per spot, nothing hidden under another
    numbers = sorted(int(n) for d in points for n in d["pointLabel"].split(", "))
    assert numbers == list(range(1, len(ranked) + 1))  # the table's "#" column
    shared = [d for d in points if ", " in d["pointLabel"]]
    for d in shared:
        first, second = (int(n) for n in d["pointLabel"].split(", ")[:2])
        case_a, case_b = ranked[first - 1]["case"], ranked[second - 1]["case"]
        assert (case_a.effort, case_a.impact) == (case_b.effort, case_b.impact)
        assert case_a.name in d["label"] and case_b.name in d["label"]
    assert chart["options"]["plugins"]["legend"]["display"] is False
