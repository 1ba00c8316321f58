"""The application's stage machine (models.Application) and the one write that moves it."""

from __future__ import annotations

import pytest

from mensenwerk.core.services import ServiceError
from mensenwerk.governance.models import AuditEntry
from mensenwerk.recruitment import intake, services
from mensenwerk.recruitment.models import Application, StageEvent
from tests.recruitment.helpers import cv_pdf

Stage = Application.Stage


def _application(vacancy) -> Application:
    app, _key = intake.do_apply(
        vacancy,
        first_name="Jan",
        last_name="de Vries",
        email="jan@example.nl",
        phone="",
        data=cv_pdf(),
        filename="cv.pdf",
        consent=False,
        notify=False,
    )
    return app


@pytest.mark.parametrize(
    ("stage", "open_"),
    [(s, s in (Stage.RECEIVED, Stage.SCREENED, Stage.HOLD)) for s in Stage],
)
def test_a_first_decision_is_open_only_before_one_was_taken_or_after_a_hold(
    stage: str, open_: bool
) -> None:
    assert Application(stage=stage).can_decide() is open_


def test_the_moves_after_a_decision() -> None:
    assert Application(stage=Stage.ADVANCED).next_stages() == (
        Stage.INTERVIEW,
        Stage.OFFER,
        Stage.REJECTED,
        Stage.WITHDRAWN,
    )


@pytest.mark.parametrize("stage", [Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN, Stage.RECEIVED])
def test_no_pipeline_move_from_a_final_stage_or_before_a_decision(stage: str) -> None:
    assert Application(stage=stage).next_stages() == ()


def test_every_decision_has_its_stage() -> None:
    assert set(Application.DECISION_STAGE) == set(Application.Decision)


def test_hired_is_reached_only_through_an_offer() -> None:
    sources = [s for s, moves in Application.MOVES.items() if Stage.HIRED in moves]
    assert sources == [Stage.OFFER]


@pytest.mark.django_db
def test_a_move_writes_the_stage_its_event_and_its_trail_entry(users, vacancy) -> None:
    app = _application(vacancy)
    services.do_decide(app, users["recruiter"], Application.Decision.ADVANCE, "Sterk profiel")
    services.do_move(app, users["recruiter"], Stage.INTERVIEW)
    app.refresh_from_db()
    assert app.stage == Stage.INTERVIEW
    assert list(app.events.values_list("stage", flat=True)) == [
        Stage.RECEIVED,
        Stage.ADVANCED,
        Stage.INTERVIEW,
    ]
    entry = AuditEntry.objects.filter(content__event="stage_changed").get()
    assert entry.payload.data == {"stage": "interview", "reason": ""}


@pytest.mark.django_db
def test_a_refused_move_writes_nothing(users, vacancy) -> None:
    app = _application(vacancy)
    before = (StageEvent.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ServiceError):
        services.do_move(app, users["recruiter"], Stage.HIRED)
    app.refresh_from_db()
    assert app.stage == Stage.SCREENED
    assert (StageEvent.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.django_db
def test_a_move_whose_trail_entry_fails_leaves_no_stage_change(users, vacancy, monkeypatch) -> None:
    app = _application(vacancy)
    services.do_decide(app, users["recruiter"], Application.Decision.ADVANCE, "Sterk profiel")
    events = StageEvent.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("trail unavailable")

    monkeypatch.setattr(services.trust, "record_event", broken)
    with pytest.raises(RuntimeError):
        services.do_move(app, users["recruiter"], Stage.INTERVIEW)
    app.refresh_from_db()
    assert app.stage == Stage.ADVANCED
    assert StageEvent.objects.count() == events


@pytest.mark.django_db
def test_a_withdrawal_is_a_stage_change_by_the_candidate(users, vacancy) -> None:
    app = _application(vacancy)
    services.do_withdraw(app)
    app.refresh_from_db()
    assert app.stage == Stage.WITHDRAWN
    entry = AuditEntry.objects.filter(content__event="stage_changed").get()
    assert entry.payload.data == {"stage": "withdrawn", "by": "candidate"}


@pytest.mark.django_db
def test_withdrawing_a_final_application_changes_nothing(users, vacancy) -> None:
    app = _application(vacancy)
    services.do_decide(app, users["recruiter"], Application.Decision.REJECT, "Geen VCA")
    services.do_withdraw(app)
    app.refresh_from_db()
    assert app.stage == Stage.REJECTED


@pytest.mark.django_db
def test_a_refused_decision_keeps_the_choice_in_the_panel(client, users, vacancy) -> None:
    from django.urls import reverse

    app = _application(vacancy)
    client.force_login(users["recruiter"])
    response = client.post(
        reverse("recruitment:application_decide", args=[app.pk]),
        {"decision": "reject", "reason": " "},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # the panel, not a whole page
    assert "A reason is required to reject" in html
    assert response.context["decision_form"]["decision"].value() == "reject"


@pytest.mark.django_db
def test_a_decision_in_the_panel_shows_the_new_stage_there(client, users, vacancy) -> None:
    from django.urls import reverse

    app = _application(vacancy)
    client.force_login(users["recruiter"])
    response = client.post(
        reverse("recruitment:application_decide", args=[app.pk]),
        {"decision": "advance", "reason": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response.context["app"].stage == Stage.ADVANCED


@pytest.mark.django_db
def test_closing_a_vacancy_needs_its_confirmation(client, users, vacancy) -> None:
    from django.urls import reverse

    client.force_login(users["hr"])
    url = reverse("recruitment:vacancy_status", args=[vacancy.pk, "close"])
    client.post(url)
    vacancy.refresh_from_db()
    assert vacancy.status == "open"
    client.post(url, {"confirm": "1"})
    vacancy.refresh_from_db()
    assert vacancy.status == "closed"


@pytest.mark.django_db
def test_people_are_picked_by_name(users) -> None:
    from mensenwerk.recruitment.forms import VacancyForm

    users["manager"].first_name, users["manager"].last_name = "Peter", "Jansen"
    users["manager"].save()
    choices = [label for _v, label in VacancyForm().fields["hiring_manager"].choices]
    assert "Peter Jansen (manager)" in choices
