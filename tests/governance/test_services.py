"""The trust layer's own writes: each change and its audit entry commit together or not at
all. Every test breaks the trail write and checks that the change is gone too."""

from __future__ import annotations

from datetime import date

import pytest

from mensenwerk.governance import rights, services
from mensenwerk.governance.models import AIApplication, AuditEntry, Overseer, RightsRequest
from tests.trust import activate

pytestmark = pytest.mark.django_db


class TrailDown(Exception):
    pass


@pytest.fixture
def trail_down(monkeypatch):
    """Make the named module's ``record_event`` fail, as a full disk or a lost connection would."""

    def breaks(module) -> None:
        def fail(*args, **kwargs):
            raise TrailDown

        monkeypatch.setattr(module, "record_event", fail)

    return breaks


def test_a_register_edit_is_saved_with_its_entry(users) -> None:
    app = AIApplication.objects.get(slug="hr-assistant")
    app.purpose = "Vragen over het handboek"
    switched_off = services.do_update_application(app, ["purpose"], users["hr"])
    assert switched_off is False
    entry = AuditEntry.objects.filter(content__event="register_entry_changed").get()
    assert entry.payload.data == {"fields": ["purpose"]}


def test_a_register_edit_without_its_entry_is_not_saved(users, trail_down) -> None:
    app = AIApplication.objects.get(slug="hr-assistant")
    app.purpose = "Iets anders"
    trail_down(services)
    with pytest.raises(TrailDown):
        services.do_update_application(app, ["purpose"], users["hr"])
    assert AIApplication.objects.get(slug="hr-assistant").purpose != "Iets anders"


def test_an_edit_that_breaks_a_requirement_switches_the_application_off(users) -> None:
    app = activate("cv-screening", users["hr"])
    app.legal_basis = ""
    assert services.do_update_application(app, ["legal_basis"], users["hr"]) is True
    assert AIApplication.objects.get(slug="cv-screening").active is False


def test_an_overseer_is_assigned_with_its_entry(users) -> None:
    app = AIApplication.objects.get(slug="hr-assistant")
    services.do_assign_overseer(app, users["recruiter"], date(2026, 11, 2), "", users["hr"])
    entry = AuditEntry.objects.filter(content__event="overseer_assigned").get()
    assert entry.payload.data == {"user": users["recruiter"].pk, "briefed": True}


def test_an_overseer_without_its_entry_is_not_assigned(users, trail_down) -> None:
    app = AIApplication.objects.get(slug="hr-assistant")
    trail_down(services)
    with pytest.raises(TrailDown):
        services.do_assign_overseer(app, users["recruiter"], None, "", users["hr"])
    assert not Overseer.objects.filter(user=users["recruiter"]).exists()


def test_vendor_ratings_without_their_entry_are_not_saved(users, trail_down) -> None:
    app = AIApplication.objects.get(slug="cv-screening")
    services.ensure_vendor_rows(app)
    row = app.vendor_assessments.first()
    trail_down(services)
    with pytest.raises(TrailDown):
        services.do_save_vendor_assessment(
            app, {row.criterion: {"rating": "insufficient", "evidence": "x"}}, users["hr"]
        )
    row.refresh_from_db()
    assert row.rating != "insufficient"


def test_a_rights_request_is_not_closed_without_its_entry(users, trail_down) -> None:
    request = rights.do_log_rights_request("access", "S-1", date(2026, 11, 2), users["dpo"])
    trail_down(rights)
    with pytest.raises(TrailDown):
        rights.do_close_rights_request(request, users["dpo"])
    request.refresh_from_db()
    assert request.status == RightsRequest.Status.OPEN


def test_an_export_is_on_the_record_with_its_format(users, team) -> None:
    data = rights.do_export_subject(team["report"], users["dpo"], "json")
    entry = AuditEntry.objects.filter(content__event="subject_exported").get()
    assert entry.subject == data["pseudonym"]
    assert entry.payload.data == {"format": "json"}


def test_a_dpia_exemption_without_its_entry_is_not_saved(users, trail_down) -> None:
    app = AIApplication.objects.get(slug="hr-assistant")
    trail_down(services)
    with pytest.raises(TrailDown):
        services.do_record_dpia_exemption(app, "Geen profilering", users["dpo"])
    assert AIApplication.objects.get(slug="hr-assistant").dpia_exemption_reason == ""
