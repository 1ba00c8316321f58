"""A recruiter drafts the job ad from the vacancy's criteria, edits it and puts it in the
vacancy: checked before it is shown, on the trail, the decision says whether it was edited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mensenwerk.governance.models import AuditEntry
from mensenwerk.recruitment.models import Vacancy
from tests.trust import activate

pytestmark = pytest.mark.django_db
FORM = {
    "tasks": "Je stelt de freesbank in\nJe leest tekeningen",
    "location": "Enschede",
    "hours": "38",
    "salary_min": "2900",
    "salary_max": "3650",
    "conditions": "Acht procent vakantiegeld",
    "apply": "werken@voorbeeld.nl",
}


@pytest.fixture
def recruiter(client, users, vacancy):
    activate("drafting", users["hr"])
    client.force_login(users["recruiter"])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_a_recruiter_drafts_edits_and_uses_the_job_ad(recruiter, vacancy) -> None:
    url = reverse("recruitment:vacancy_draft_ad", args=[vacancy.pk])
    page = recruiter.post(url, FORM).content.decode()
    assert "Wat ga je doen?" in page and "€ 2.900 tot € 3.650" in page
    assert "CNC-frezen of CNC-draaien" in page  # the must-haves, as HR wrote them
    output = AuditEntry.objects.get(kind="output", application="drafting")
    text = output.payload.data["output"]["text"]
    edited = text.replace("Je leest tekeningen", "Je leest technische tekeningen")
    use = reverse("recruitment:vacancy_use_ad", args=[vacancy.pk])
    recruiter.post(use, {"output": output.pk, "text": edited})
    vacancy.refresh_from_db()
    assert "Je leest technische tekeningen" in vacancy.description
    assert vacancy.job_ad_report["findings"] is not None  # checked again on use
    decision = AuditEntry.objects.get(kind="decision", application="drafting")
    assert decision.content["decision"] == "override"


def test_a_draft_of_another_vacancy_cannot_be_used_here(recruiter, vacancy, users) -> None:
    recruiter.post(reverse("recruitment:vacancy_draft_ad", args=[vacancy.pk]), FORM)
    output = AuditEntry.objects.get(kind="output", application="drafting")
    other = Vacancy.objects.create(title="Lasser", description="x", language="nl")
    other.recruiters.add(users["recruiter"])
    response = recruiter.post(
        reverse("recruitment:vacancy_use_ad", args=[other.pk]),
        {"output": output.pk, "text": "Gestolen tekst"},
        follow=True,
    )
    assert "does not belong to this vacancy" in response.content.decode()
    assert Vacancy.objects.get(pk=other.pk).description == "x"
    stray = AuditEntry.objects.exclude(application="drafting").first()
    response = recruiter.post(
        reverse("recruitment:vacancy_use_ad", args=[vacancy.pk]),
        {"output": stray.pk, "text": "Iets"},
        follow=True,
    )
    assert "does not belong to this vacancy" in response.content.decode()


def test_the_form_asks_what_it_needs_and_escapes_what_it_gets(recruiter, vacancy) -> None:
    url = reverse("recruitment:vacancy_draft_ad", args=[vacancy.pk])
    page = recruiter.post(url, {**FORM, "tasks": "", "apply": ""}).content.decode()
    assert page.count("This field is required.") == 2
    page = recruiter.post(url, {**FORM, "salary_max": "100"}).content.decode()
    assert "check the salary range" in page
    page = recruiter.post(url, {**FORM, "tasks": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert not Vacancy.objects.filter(description__contains="<script>").exists()


def test_only_the_vacancy_s_editors_draft_it(client, users, vacancy) -> None:
    activate("drafting", users["hr"])
    url = reverse("recruitment:vacancy_draft_ad", args=[vacancy.pk])
    for role in ("manager", "employee", "or", "it"):
        client.force_login(users[role])
        assert client.post(url, FORM).status_code in (403, 404), role
    assert not AuditEntry.objects.filter(application="drafting", kind="output").exists()


def test_a_model_that_invents_pay_is_refused_for_the_job_ad(
    recruiter, vacancy, settings, tmp_path
) -> None:
    from tests.engines.test_drafting_rephrase import scripted

    with scripted("CNC-verspaner gezocht! Salaris € 5.000 en een leaseauto.", tmp_path) as end:
        settings.MENSENWERK_LLM = {"url": end.url, "model": end.model, "key": "", "timeout": 2}
        recruiter.post(reverse("recruitment:vacancy_draft_ad", args=[vacancy.pk]), FORM)
    output = AuditEntry.objects.get(kind="output", application="drafting")
    assert output.payload.data["output"]["rephrased_by_model"] is False
    assert "€ 2.900 tot € 3.650" in output.payload.data["output"]["text"]
    assert "5.000" not in output.payload.data["output"]["text"]
