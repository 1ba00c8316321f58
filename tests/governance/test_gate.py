"""The activation gate as the articles describe it: a DPIA (or the DPO's reason why none is
needed) for every entry with personal data, the works council informed, and no critical
vendor criterion rated insufficient without a risk HR accepted."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from mensenwerk.governance import services
from mensenwerk.governance.models import AIApplication, AuditEntry, Overseer, VendorAssessment

pytestmark = pytest.mark.django_db


def _ready_assistant(users) -> AIApplication:
    """The limited-risk HR assistant with everything but the DPIA question settled."""
    app = AIApplication.objects.get(slug="hr-assistant")
    app.owner, app.legal_basis, app.notice_en = users["hr"], "6_1f", "You talk to an AI."
    app.works_council_status = "informed"
    app.save()
    Overseer.objects.create(application=app, user=users["hr"], briefed_at=date(2026, 11, 1))
    return app


def test_a_limited_risk_entry_with_personal_data_needs_a_dpia_or_the_dpos_reason(users) -> None:
    app = _ready_assistant(users)
    assert [g.code for g in services.activation_gaps(app)] == ["dpia"]
    with pytest.raises(services.ApplicationInactive):
        services.do_activate(app, users["hr"])
    # HR ticking "not required" is not enough: the reason must come from the DPO
    app.dpia_status = "not_required"
    app.save()
    assert [g.code for g in services.activation_gaps(app)] == ["dpia"]
    with pytest.raises(services.TrustError):
        services.do_record_dpia_exemption(app, "Geen risico", users["hr"])
    with pytest.raises(services.TrustError):
        services.do_record_dpia_exemption(app, "   ", users["dpo"])
    services.do_record_dpia_exemption(app, "Geen besluiten over personen", users["dpo"])
    app.refresh_from_db()
    assert services.activation_gaps(app) == []
    services.do_activate(app, users["hr"])
    event = AuditEntry.objects.get(content__event="dpia_not_required")
    assert event.actor == f"user:{users['dpo'].pk}"
    assert event.application == "hr-assistant"


def test_the_works_council_must_at_least_be_informed_in_the_netherlands(users) -> None:
    app = _ready_assistant(users)
    app.dpia_status = "completed"
    app.works_council_status = "not_informed"
    app.save()
    assert [g.code for g in services.activation_gaps(app)] == ["works_council"]


def test_an_entry_without_personal_data_needs_neither(users) -> None:
    app = AIApplication.objects.get(slug="job-ad-check")
    assert app.processes_personal_data is False
    app.owner, app.legal_basis = users["hr"], "6_1f"
    app.save()
    Overseer.objects.create(application=app, user=users["hr"], briefed_at=date(2026, 11, 1))
    assert services.activation_gaps(app) == []


def test_an_insufficient_critical_vendor_criterion_blocks_until_hr_accepts_the_risk(
    client, users
) -> None:
    app = _ready_assistant(users)
    app.dpia_status = "completed"
    app.save()
    critical = set(
        VendorAssessment.objects.filter(application=app, critical=True).values_list(
            "criterion", flat=True
        )
    )
    assert critical == {"data_protection", "location", "security", "rights"}
    # the DPO rates location insufficient; maintenance (not critical) too
    client.force_login(users["dpo"])
    form = {"rating_location": "insufficient", "rating_maintenance": "insufficient"}
    client.post(reverse("governance:vendor_edit", args=[app.slug]), form)
    assert [g.code for g in services.activation_gaps(app)] == ["vendor"]
    # the DPO cannot accept the risk (the field is not theirs)
    client.post(
        reverse("governance:vendor_edit", args=[app.slug]),
        {**form, "accepted_location": "Wij accepteren het"},
    )
    assert [g.code for g in services.activation_gaps(app)] == ["vendor"]
    # HR accepts it, on the record
    client.force_login(users["hr"])
    hr_form = {**form, **{f"critical_{c}": "on" for c in critical}}
    client.post(
        reverse("governance:vendor_edit", args=[app.slug]),
        {**hr_form, "accepted_location": "Verwerking in de EU, contractueel vastgelegd."},
    )
    assert services.activation_gaps(app) == []
    row = VendorAssessment.objects.get(application=app, criterion="location")
    assert row.accepted_by == users["hr"]
    events = AuditEntry.objects.filter(content__event="vendor_assessment_changed")
    assert events.last().payload.data["accepted_risks"] == ["location"]
    page = client.get(reverse("governance:application", args=[app.slug]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Risk accepted by HR" in page.content.decode()


def test_the_dpo_records_the_reason_through_the_page(client, users) -> None:
    app = _ready_assistant(users)
    client.force_login(users["dpo"])
    response = client.post(
        reverse("governance:dpia_exemption", args=[app.slug]),
        {"reason": "Geen besluiten over personen; pseudoniemen; 12 maanden."},
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.dpia_status == "not_required"
    assert app.dpia_exemption_by == users["dpo"]
    client.force_login(users["hr"])
    assert client.get(reverse("governance:dpia_exemption", args=[app.slug])).status_code == 403
