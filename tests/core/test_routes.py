"""Every URL pattern and every API route, for every role: a new page cannot escape the rules.

The expected access below is written by hand, independent of the decorators in the views; a
route missing from these tables fails the test, so each new route needs an explicit rule.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mensenwerk.adoption import services as adoption
from mensenwerk.adoption.models import Kpi, Objection, UseCase
from mensenwerk.analytics.models import RetentionRun, Survey
from mensenwerk.api import api
from mensenwerk.assistant.models import (
    DocumentVersion,
    Escalation,
    KnowledgeDocument,
    Passage,
    Question,
)
from mensenwerk.bias.models import BiasAlert
from mensenwerk.bias.services import Scope, do_publish_audit
from mensenwerk.core.models import ApiToken, EmployeeImport, Job, JobRole, Person
from mensenwerk.core.roles import Role
from mensenwerk.drafting.models import Document, InputRequest
from mensenwerk.governance.models import RightsRequest
from mensenwerk.onboarding import services as onboarding
from mensenwerk.onboarding.models import Plan, PlanTask
from mensenwerk.recruitment.models import Application, GroupQuestion, Upload, Vacancy
from mensenwerk.skills.models import (
    DevelopmentPlan,
    PersonSkill,
    PlanCourse,
    ProfileSuggestion,
)
from tests.analytics.helpers import done_run, ready_survey
from tests.trust import activate

ALL = {r.value for r in Role}
PUBLIC = "public"

# url name -> roles that may open it (GET), or PUBLIC
PAGES: dict[str, object] = {
    "home": PUBLIC,
    "healthz": PUBLIC,
    "login": PUBLIC,
    "logout": PUBLIC,
    "sso_start": PUBLIC,
    "sso_callback": PUBLIC,
    "set_language": PUBLIC,
    "api-1.0.0:api-root": ALL,
    "api-1.0.0:openapi-json": ALL,
    "api-1.0.0:openapi-view": ALL,
    "core:start": ALL,
    "core:digest_toggle": ALL,
    "core:me": ALL,
    "core:people": {"hr", "manager"},
    "core:person": {"hr", "manager", "employee"},
    "core:import_upload": {"hr"},
    "core:import_map": {"hr"},
    "core:import_detail": {"hr"},
    "core:departments": {"hr", "director"},
    "core:organisation": {"hr", "it", "dpo"},
    "core:job_status": ALL,
    "password_reset_confirm": PUBLIC,
    "core:users": {"it", "hr"},
    "core:user_new": {"it"},
    "core:user_edit": {"it", "hr"},
    "core:user_send_link": {"it"},
    "core:user_unlock": {"it", "hr"},
    "core:service_new": {"it"},
    "core:tokens": ALL,
    "core:token_revoke": ALL,
    "governance:register": ALL,
    "governance:register_export": ALL,
    "governance:application": ALL,
    "governance:application_new": {"hr"},
    "governance:vendor_edit": {"hr", "dpo"},
    "governance:dpia_exemption": {"dpo"},
    "governance:application_edit": {"hr"},
    "governance:application_activate": {"hr"},
    "governance:application_deactivate": {"hr"},
    "governance:overseer_add": {"hr"},
    "governance:document": {"hr", "dpo", "or", "director"},
    "governance:trail": {"dpo", "hr", "or", "director"},
    "governance:trail_export": {"dpo"},
    "governance:rights": {"dpo", "hr"},
    "governance:rights_close": {"dpo", "hr"},
    "governance:subject_export": {"dpo", "hr"},
    "governance:subject_erase": {"dpo", "hr"},
    "recruitment:vacancies": {"hr", "recruiter", "manager"},
    "recruitment:vacancy_new": {"hr", "recruiter"},
    "recruitment:vacancy_import": {"hr", "recruiter"},
    "recruitment:vacancy": {"hr", "recruiter", "manager"},
    "recruitment:vacancy_edit": {"hr", "recruiter"},
    "recruitment:vacancy_file": {"hr", "recruiter", "manager"},
    "recruitment:vacancy_check": {"hr", "recruiter"},
    "recruitment:vacancy_suggest": {"hr", "recruiter"},
    "recruitment:vacancy_status": {"hr", "recruiter"},
    "recruitment:candidates": {"hr", "recruiter", "manager"},
    "recruitment:interview_kit": {"hr", "recruiter", "manager"},
    "recruitment:upload": {"hr", "recruiter"},
    "recruitment:upload_detail": {"hr", "recruiter"},
    "recruitment:application": {"hr", "recruiter", "manager"},
    "recruitment:application_decide": {"hr", "recruiter", "manager"},
    "recruitment:application_move": {"hr", "recruiter", "manager"},
    "recruitment:application_reveal": {"hr", "recruiter", "manager"},
    "recruitment:application_screen": {"hr", "recruiter"},
    "recruitment:scorecard": {"hr", "recruiter", "manager"},
    "recruitment:templates": {"hr", "recruiter"},
    "recruitment:template_edit": {"hr", "recruiter"},
    "recruitment:apply": PUBLIC,
    "recruitment:apply_status": PUBLIC,
    "bias:fairness": {"hr", "or", "dpo", "director"},
    "bias:publish": {"hr"},
    "bias:audit": {"hr", "or", "dpo", "director"},
    "bias:audit_pdf": {"hr", "or", "dpo", "director"},
    "bias:alert_handle": {"hr", "or", "dpo", "director"},
    "bias:questions": {"hr"},
    "bias:question_toggle": {"hr"},
    "assistant:chat": ALL,
    "assistant:welcome": ALL,
    "assistant:rate": ALL,
    "assistant:escalate": ALL,
    "assistant:passage": ALL,
    "assistant:documents": {"hr"},
    "assistant:document": {"hr"},
    "assistant:inbox": {"hr", "recruiter"},
    "assistant:reply": {"hr", "recruiter"},  # a recruiter: candidates' questions only
    "assistant:gaps": {"hr"},
    "assistant:public": PUBLIC,
    "assistant:public_escalate": PUBLIC,
    "assistant:public_passage": PUBLIC,
    "adoption:cockpit": {"hr", "champion", "director", "or"},
    "adoption:use_cases": {"hr", "champion", "director"},
    "adoption:use_case": {"hr", "champion", "director"},
    "adoption:weights": {"hr", "champion"},
    "adoption:stakeholders": {"hr", "champion", "director", "or"},
    "adoption:trust": {"hr", "champion", "director", "or"},
    "adoption:evidence": {"hr", "champion", "director"},
    "adoption:roadmap": {"hr", "champion", "director"},
    "adoption:kpis": {"hr", "champion", "director", "or"},
    "adoption:kpi_value": {"hr", "champion"},
    "adoption:roi": {"hr", "champion", "director"},
    "adoption:literacy": {"hr", "champion", "director"},
    "adoption:champions": {"hr", "champion", "director"},
    "adoption:wc_report": {"hr", "champion", "director", "or"},
    "adoption:report_subscription": {"hr", "champion", "director", "or"},
    "drafting:new": {"hr"},
    "recruitment:vacancy_draft_ad": {"hr", "recruiter"},
    "recruitment:vacancy_use_ad": {"hr", "recruiter"},
    "drafting:document": {"hr", "employee"},  # and only the employee it is about
    "drafting:approve": {"hr"},
    "drafting:ask_manager": {"hr"},
    "drafting:answer": {"manager"},
    "drafting:download": {"hr", "employee"},
    "adoption:report": {"hr", "champion", "director"},
    "adoption:new": {"hr", "champion"},
    "adoption:edit": {"hr", "champion"},
    "adoption:delete": {"hr", "champion"},
    "adoption:pulse": ALL,
    "onboarding:overview": {"hr", "manager"},
    "onboarding:new": {"hr"},
    "onboarding:from_hris": {"hr"},
    "onboarding:hire": {"hr"},
    "onboarding:plan": ALL,  # HR, the manager, the new colleague and the assignees; else 404
    "onboarding:decide": {"hr"},
    "onboarding:move_start": {"hr"},
    "onboarding:buddy": {"hr"},
    "onboarding:cancel": {"hr"},
    "onboarding:add_task": {"hr"},
    "onboarding:link": {"hr"},
    "onboarding:task_edit": {"hr"},
    "onboarding:tick": ALL,  # only the assignee, the manager and HR may (tested in onboarding)
    "onboarding:my": ALL,
    "onboarding:welcome": PUBLIC,
    "onboarding:pulse": PUBLIC,
    "onboarding:templates": {"hr"},
    "onboarding:template": {"hr"},
    "onboarding:template_task": {"hr"},
    "onboarding:template_task_delete": {"hr"},
    "skills:overview": {"hr", "manager"},
    "skills:my": {"hr", "manager", "employee"},
    "skills:alias": {"hr"},
    "skills:budget": {"hr"},
    "skills:team": {"hr", "manager"},  # per department: HR, the manager who leads it; else 404
    "skills:person": {"hr", "manager", "employee"},  # per person, as the personnel record
    "skills:add_skill": {"hr", "manager", "employee"},
    "skills:from_cv": {"hr", "manager", "employee"},  # only the person (tested in skills)
    "skills:propose": {"hr", "manager"},
    "skills:remove_skill": {"hr", "manager", "employee"},
    "skills:decide": {"hr", "manager"},
    "skills:agree": {"hr", "manager", "employee"},  # only the person (tested in skills)
    "skills:course_status": {"hr", "manager", "employee"},
    "skills:catalogue": ALL,
    "skills:groups": {"hr", "manager", "employee"},  # only the person (tested in skills)
    "skills:fairness": {"hr", "or", "dpo"},
    "skills:profiles": {"hr", "manager"},
    "skills:profile": {"hr", "manager"},
    "skills:suggest": {"hr"},
    "skills:suggest_esco": {"hr"},
    "skills:take": {"hr"},
    "analytics:surveys": {"hr", "or", "director", "manager"},
    "analytics:survey_upload": {"hr"},
    "analytics:survey_map": {"hr"},
    "analytics:survey": {"hr", "or", "director", "manager"},
    "analytics:survey_open": {"hr"},
    "analytics:survey_pdf": {"hr", "or", "director", "manager"},
    "analytics:survey_close": {"hr"},
    "analytics:survey_answer": ALL,  # only who may answer (tested in analytics)
    "analytics:retention": {"hr", "or", "dpo"},
    "analytics:retention_upload": {"hr"},
    "analytics:retention_map": {"hr"},
    "analytics:retention_settings": {"hr", "dpo"},
    "analytics:people": {"hr"},  # only the HR users the register entry names (tested there)
    "analytics:person": {"hr"},
    "analytics:stay": {"hr"},
}

# (method, path) -> roles
API: dict[tuple[str, str], set[str]] = {
    ("get", "/api/v1/me"): ALL,
    ("get", "/api/v1/people"): {"hr", "manager"},
    ("get", "/api/v1/people/{person_id}"): {"hr", "manager", "employee"},
    ("get", "/api/v1/departments"): {"hr", "director"},
    ("get", "/api/v1/jobs/{job_id}"): ALL,
    ("get", "/api/v1/register"): ALL,
    ("get", "/api/v1/register/{slug}"): ALL,
    ("get", "/api/v1/vacancies"): {"hr", "recruiter", "manager"},
    ("get", "/api/v1/vacancies/{vacancy_id}/candidates"): {"hr", "recruiter", "manager"},
    ("get", "/api/v1/fairness"): {"hr", "or", "dpo", "director"},
    ("post", "/api/v1/assistant/ask"): ALL,
    ("post", "/api/v1/onboarding/plans"): {"hr"},
    ("get", "/api/v1/onboarding/plans"): {"hr", "manager"},
    ("get", "/api/v1/onboarding/plans/{pk}"): ALL,  # each role holds a task of the plan below
    ("get", "/api/v1/onboarding/my"): ALL,
    ("post", "/api/v1/onboarding/tasks/{pk}/done"): ALL,  # each its own task
    ("get", "/api/v1/skills/people/{pk}"): {"hr", "manager", "employee"},
    ("get", "/api/v1/skills/teams/{pk}"): {"hr", "manager"},
    ("get", "/api/v1/skills/catalogue"): ALL,
    ("get", "/api/v1/analytics/surveys/{pk}"): {"hr", "or", "director", "manager"},
    ("get", "/api/v1/analytics/retention"): {"hr", "or", "dpo"},
}


def _walk(patterns, prefix: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{entry.namespace}:" if entry.namespace else prefix
            found += _walk(entry.url_patterns, ns)
        else:
            found.append((f"{prefix}{entry.name}", entry))
    return found


def _api_operation_names() -> set[str]:
    return {f"api-1.0.0:{name}" for name in _api_path_names()}


def _api_path_names() -> set[str]:
    names = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for op in path_view.operations:
                names.add(op.view_func.__name__)
    return names


def test_it_has_a_rule_and_an_expectation_for_every_page() -> None:
    seen = set()
    for name, pattern in _walk(get_resolver().url_patterns):
        if name.startswith("api-1.0.0:") and not hasattr(pattern.callback, "access_rule"):
            # an API operation: covered route by route below, with its ninja auth
            assert name in _api_operation_names(), f"{name} is not a known API operation"
            continue
        assert hasattr(pattern.callback, "access_rule"), f"{name} has no @allow rule"
        assert name in PAGES, f"{name} has no expected access in PAGES"
        seen.add(name)
    assert seen == set(PAGES), f"PAGES lists routes that do not exist: {set(PAGES) - seen}"


def _plan_everyone_works_on(person, users, template):
    """An active plan with one task assigned to every user, so each may open it."""
    plan = Plan.objects.create(
        person=person, template=template, start_date=date.today(), status="active"
    )
    for user in users.values():
        PlanTask.objects.create(
            plan=plan, title=f"taak {user.username}", owner="hr", assignee=user, day=0,
            due_date=date.today(),
        )  # fmt: skip
    return plan


@pytest.fixture
def sample_kwargs(users, team) -> dict[str, dict[str, int]]:
    record = EmployeeImport.objects.create(
        original_name="x.csv", stored_name="x.csv", size=1, created_by=users["hr"]
    )
    token = ApiToken.objects.create(user=users["it"], name="t", prefix="mw_x", key_hash="h")
    request = RightsRequest.objects.create(
        kind="access", subject="S-1", received_on=date.today(), due_on=date.today()
    )
    slug = {"slug": "cv-screening"}
    vacancy = Vacancy.objects.create(
        title="Lasser", description="Lassen", hiring_manager=users["manager"], status="open"
    )
    vacancy.recruiters.add(users["recruiter"])
    candidate = Person.objects.create(first_name="Kim", last_name="Kandidaat", kind="candidate")
    application = Application.objects.create(
        vacancy=vacancy, person=candidate, pseudonym="K-TEST", stored_name="x", status_key_hash="k"
    )
    batch = Upload.objects.create(vacancy=vacancy, created_by=users["recruiter"])
    audit = do_publish_audit(Scope(), users["hr"])
    question = GroupQuestion.objects.create(key="q", question_nl="v", question_en="q")
    alert = BiasAlert.objects.create(
        key="k",
        scope="s",
        measure="hire",
        group={"gender": "female"},
        n=9,
        rate=0.1,
        impact_ratio=0.2,
        p_value=0.01,
    )
    vac = {"pk": vacancy.pk}
    app = {"pk": application.pk}
    document = KnowledgeDocument.objects.create(title="Gids")
    version = DocumentVersion.objects.create(document=document, number=1, content=b"x")
    passage = Passage.objects.create(version=version, position=0, text="Vakantie.")
    asked = Question.objects.create(asker="U-X", text="Vakantie?", kind="answered")
    Escalation.objects.create(question=asked, asked_by=users["employee"])
    candidate_question = Question.objects.create(
        asker="C-X", text="Fiets?", kind="not_found", via="candidate"
    )
    candidate_escalation = Escalation.objects.create(
        question=candidate_question, contact_email="kim@example.org"
    )
    project = adoption.ensure_defaults()
    item = project.trust_items.first()
    adoption.do_attach_evidence(item, "verslag.txt", b"verslag")
    manual = Kpi.objects.create(name="Tickets", group="efficiency")
    asked_input = InputRequest.objects.create(person=team["report"], manager=users["manager"])
    drafted = Document.objects.create(
        person=team["report"], kind="reference", composed_text="Getuigschrift\n", text="x",
        status="approved",
    )  # fmt: skip
    template = onboarding.ensure_default_template()
    plan = _plan_everyone_works_on(team["report"], users, template)
    team["report"].job_role = JobRole.objects.create(title="Engineer")
    team["report"].save()
    held = PersonSkill.objects.create(person=team["report"], text="Excel", source="self")
    development = DevelopmentPlan.objects.create(person=team["report"], status="agreed")
    course = PlanCourse.objects.create(plan=development, title="Excel", hours=4, cost=0)
    task = plan.tasks.first()
    activate("retention-risk", users["hr"])  # named: the HR user is its overseer
    survey = ready_survey(users["hr"])
    draft = Survey.objects.create(title="t", held_on=date.today(), original_name="x.csv")
    opened = Survey.objects.create(title="o", held_on=date.today(), status="open", in_app=True)
    score = done_run(users["hr"], team["report"])
    history = RetentionRun.objects.create(original_name="h.csv", headers=["a"])
    hire = Person.objects.create(first_name="Ali", last_name="B", kind="candidate")
    hired = Application.objects.create(
        vacancy=vacancy, person=hire,
        pseudonym="K-HIRE", stored_name="y", status_key_hash="h2", stage="hired",
    )  # fmt: skip
    return {
        "analytics:survey": {"pk": survey.pk},
        "analytics:survey_map": {"pk": draft.pk},
        "analytics:survey_close": {"pk": opened.pk},
        "analytics:survey_pdf": {"pk": survey.pk},
        "analytics:survey_answer": {"pk": opened.pk},
        "analytics:retention_map": {"pk": history.pk},
        "analytics:person": {"pk": score.pk},
        "analytics:stay": {"pk": score.pk},
        "onboarding:hire": {"pk": hired.pk},
        "onboarding:plan": {"pk": plan.pk},
        "onboarding:decide": {"pk": plan.pk},
        "onboarding:move_start": {"pk": plan.pk},
        "onboarding:buddy": {"pk": plan.pk},
        "onboarding:cancel": {"pk": plan.pk},
        "onboarding:add_task": {"pk": plan.pk},
        "onboarding:link": {"pk": plan.pk},
        "onboarding:task_edit": {"pk": task.pk},
        "onboarding:tick": {"pk": task.pk},
        "skills:team": {"pk": team["report"].department_id},
        "skills:person": {"pk": team["report"].pk},
        "skills:add_skill": {"pk": team["report"].pk},
        "skills:from_cv": {"pk": team["report"].pk},
        "skills:propose": {"pk": team["report"].pk},
        "skills:remove_skill": {"pk": held.pk},
        "skills:decide": {"pk": development.pk},
        "skills:agree": {"pk": development.pk},
        "skills:course_status": {"pk": course.pk},
        "skills:groups": {"pk": team["report"].pk},
        "skills:suggest": {"pk": team["report"].job_role_id},
        "skills:suggest_esco": {"pk": team["report"].job_role_id},
        "skills:take": {
            "pk": ProfileSuggestion.objects.create(job_role=team["report"].job_role).pk
        },
        "skills:profile": {"pk": team["report"].job_role_id},
        "onboarding:welcome": {"token": "no-such-link"},
        "onboarding:pulse": {"token": "no-such-pulse"},
        "onboarding:template": {"pk": template.pk},
        "onboarding:template_task": {"pk": template.tasks.first().pk},
        "onboarding:template_task_delete": {"pk": template.tasks.first().pk},
        "adoption:use_case": {"pk": UseCase.objects.first().pk},
        "adoption:evidence": {"pk": item.pk},
        "adoption:kpi_value": {"pk": manual.pk},
        "adoption:report": {"kind": "management"},
        "adoption:new": {"kind": "stakeholder"},
        "adoption:edit": {"kind": "trust-item", "pk": item.pk},
        "adoption:delete": {"kind": "objection", "pk": Objection.objects.first().pk},
        "assistant:rate": {"pk": asked.pk},
        "assistant:escalate": {"pk": asked.pk},
        "assistant:passage": {"pk": passage.pk},
        "assistant:document": {"pk": document.pk},
        "assistant:reply": {"pk": candidate_escalation.pk},
        "assistant:public_escalate": {"pk": candidate_question.pk},
        "assistant:public_passage": {"pk": passage.pk},
        "recruitment:vacancy": vac,
        "recruitment:vacancy_edit": vac,
        "recruitment:vacancy_file": vac,
        "recruitment:vacancy_check": vac,
        "recruitment:vacancy_suggest": vac,
        "recruitment:vacancy_status": {**vac, "action": "publish"},
        "recruitment:candidates": vac,
        "recruitment:interview_kit": vac,
        "recruitment:upload": vac,
        "recruitment:upload_detail": {"pk": batch.pk},
        "recruitment:application": app,
        "recruitment:application_decide": app,
        "recruitment:application_move": app,
        "recruitment:application_reveal": app,
        "recruitment:application_screen": app,
        "recruitment:scorecard": app,
        "recruitment:template_edit": {"kind": "received", "lang": "nl"},
        "recruitment:apply": {"public_id": vacancy.public_id},
        "recruitment:apply_status": {"key": "no-such-key"},
        "governance:register_export": {"fmt": "yaml"},
        "governance:application": slug,
        "governance:application_edit": slug,
        "governance:vendor_edit": slug,
        "governance:dpia_exemption": slug,
        "governance:application_activate": slug,
        "governance:application_deactivate": slug,
        "governance:overseer_add": slug,
        "governance:document": {**slug, "kind": "dpia", "lang": "nl"},
        "governance:trail_export": {"fmt": "csv"},
        "governance:rights_close": {"pk": request.pk},
        "governance:subject_export": {"fmt": "json"},
        "core:person": {"pk": team["report"].pk},
        "core:import_map": {"pk": record.pk},
        "core:import_detail": {"pk": record.pk},
        "core:job_status": {"pk": 0},  # replaced per user below
        "core:user_edit": {"pk": users["hr"].pk},
        "core:user_send_link": {"pk": users["hr"].pk},
        "core:user_unlock": {"pk": users["hr"].pk},
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "core:token_revoke": {"pk": token.pk},
        "bias:audit": {"pk": audit.pk},
        "bias:audit_pdf": {"pk": audit.pk},
        "bias:alert_handle": {"pk": alert.pk},
        "bias:question_toggle": {"pk": question.pk},
        "drafting:new": {"pk": team["report"].pk, "kind": "reference"},
        "recruitment:vacancy_draft_ad": vac,
        "recruitment:vacancy_use_ad": vac,
        "drafting:document": {"pk": drafted.pk},
        "drafting:approve": {"pk": drafted.pk},
        "drafting:ask_manager": {"pk": team["report"].pk},
        "drafting:answer": {"pk": asked_input.pk},
        "drafting:download": {"pk": drafted.pk, "fmt": "pdf"},
    }


@pytest.mark.django_db
def test_it_enforces_every_page_for_every_role(client, users, sample_kwargs) -> None:
    for role, user in [(None, None), *users.items()]:
        client.logout()
        if user is not None:
            client.force_login(user)
        for name, allowed in PAGES.items():
            kwargs = dict(sample_kwargs.get(name, {}))
            if name == "core:job_status" and user is not None:
                kwargs["pk"] = Job.objects.create(kind="t", label="t", created_by=user).pk
            elif name == "core:job_status":
                kwargs["pk"] = 1
            url = reverse(name, kwargs=kwargs)
            response = client.get(url)
            status = response.status_code
            location = response.get("Location", "")
            if allowed == PUBLIC:
                assert status < 500, (role, name, status)
                assert status != 403, (role, name, status)
            elif role is None:
                assert status == 302, (name, status)
                assert "/accounts/login/" in location, (name, status)
            elif role in allowed:  # type: ignore[operator]
                assert status in (200, 302, 405), (role, name, status)
                assert "/accounts/login/" not in location, (role, name)
            else:
                assert status == 403, (role, name, status)


def test_it_has_an_expectation_for_every_api_route() -> None:
    schema = api.get_openapi_schema()
    routes = {(method, path) for path, ops in schema["paths"].items() for method in ops}
    assert routes == set(API), f"unexpected: {routes - set(API)}, missing: {set(API) - routes}"
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert op.get("security"), f"{method} {path} has no authentication"


def _api_pk(path: str, plan, user, team) -> int:
    if "analytics/surveys" in path:
        return Survey.objects.get().pk
    if "skills/people" in path:
        return team["report"].pk
    if "skills/teams" in path:
        return team["report"].department_id
    return plan.tasks.get(assignee=user).pk if "tasks" in path and user else plan.pk


@pytest.mark.django_db
def test_it_enforces_every_api_route_for_every_role(client, users, team) -> None:
    from mensenwerk.core import services

    vacancy = Vacancy.objects.create(
        title="Lasser", description="x", hiring_manager=users["manager"]
    )
    vacancy.recruiters.add(users["recruiter"])
    activate("hr-assistant", users["hr"])
    activate("onboarding", users["hr"])
    activate("retention-risk", users["hr"])
    ready_survey(users["hr"])
    done_run(users["hr"], team["report"])
    newcomer = Person.objects.create(first_name="Noor", last_name="H", start_date=date.today())
    plan = _plan_everyone_works_on(team["report"], users, onboarding.ensure_default_template())

    for role, user in [(None, None), *users.items()]:
        headers = {}
        if user is not None:
            _token, secret = services.do_create_api_token(user, "test", None)
            headers = {"Authorization": f"Bearer {secret}"}
        for (method, path), allowed in API.items():
            job = Job.objects.create(kind="t", label="t", created_by=user)
            url = path.format(
                person_id=team["report"].pk,
                job_id=job.pk,
                slug="cv-screening",
                vacancy_id=vacancy.pk,
                pk=_api_pk(path, plan, user, team),
            )
            if method == "post":
                body = (
                    {"person": newcomer.pk} if path.endswith("plans") else {"question": "vakantie"}
                )
                response = client.post(url, body, content_type="application/json", headers=headers)
            else:
                response = getattr(client, method)(url, headers=headers)
            if role is None:
                assert response.status_code == 401, (path, response.status_code)
            elif role in allowed:
                assert response.status_code in (200, 201), (role, path, response.status_code)
            else:
                assert response.status_code == 403, (role, path, response.status_code)
