"""The monthly management and works-council reports by e-mail: who may ask for them, what is
sent (the cockpit's PDF, in the organisation's language, with last month's KPIs), once a month,
on the record — and who gets nothing."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from mensenwerk.adoption import mailing, services
from mensenwerk.core import services as core
from mensenwerk.core.models import Subscription, User
from mensenwerk.governance.models import AuditEntry
from tests.files import pdf_text

pytestmark = pytest.mark.django_db
URL = reverse("adoption:report_subscription")
OCTOBER = date(2026, 10, 1)


@pytest.fixture
def readers(users) -> dict[str, User]:
    services.ensure_defaults()
    for role, user in users.items():
        User.objects.filter(pk=user.pk).update(email=f"{role}@voorbeeld.nl")
        user.email = f"{role}@voorbeeld.nl"
    return users


def test_a_director_asks_for_the_management_report_and_gets_it_once(client, readers) -> None:
    client.force_login(readers["director"])
    page = client.get(reverse("adoption:cockpit"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Mail mij de managementrapportage elke maand" in page
    client.post(URL, {"topic": "report:management", "on": "1"})
    assert Subscription.objects.get().topic == "report:management"
    sent = mailing.send_monthly_reports(OCTOBER)
    assert [(s.user, s.report, s.month) for s in sent] == [("director", "management", "2026-10")]
    message = mail.outbox[-1]
    assert message.to == ["director@voorbeeld.nl"]
    assert message.subject == "Mensenwerk: Maandelijkse managementrapportage, oktober 2026"
    name, content, kind = message.attachments[0]
    assert (name, kind) == ("management-2026-10.pdf", "application/pdf")
    text = pdf_text(content)
    assert "Maandelijkse managementrapportage" in text and "oktober 2026" in text
    entry = AuditEntry.objects.select_related("payload").get(content__event="report_mailed")
    assert entry.payload.data == {
        "report": "report:management",
        "month": "2026-10",
        "user": f"user:{readers['director'].pk}",
    }
    assert mailing.send_monthly_reports(OCTOBER) == []  # once per month
    assert len(mailing.send_monthly_reports(date(2026, 11, 1))) == 1  # the next month again


def test_the_works_council_gets_its_own_report_and_never_the_costs(client, readers) -> None:
    client.force_login(readers["or"])
    page = client.get(reverse("adoption:cockpit"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "E-mail me the works-council report each month" in page
    assert "management report each month" not in page
    client.post(URL, {"topic": "report:management", "on": "1"})  # not theirs to read
    client.post(URL, {"topic": "report:works-council", "on": "1"})
    assert list(Subscription.objects.values_list("topic", flat=True)) == ["report:works-council"]
    sent = mailing.send_monthly_reports(OCTOBER)
    assert [s.report for s in sent] == ["works-council"]
    text = pdf_text(mail.outbox[-1].attachments[0][1])
    assert "ondernemingsraad" in text.lower() and "€" not in text


def test_someone_who_lost_the_role_or_switched_off_gets_nothing(client, readers) -> None:
    for role in ("director", "hr", "employee"):
        client.force_login(readers[role])
        client.post(URL, {"topic": "report:management", "on": "1"})
    assert set(Subscription.objects.values_list("user__username", flat=True)) == {
        "director",
        "hr",
    }  # the employee may not read it, so cannot ask for it
    core.do_set_roles(readers["director"], ["employee"], readers["hr"])
    client.force_login(readers["hr"])
    client.post(URL, {"topic": "report:management", "on": "0"})
    assert mailing.send_monthly_reports(OCTOBER) == []
    assert mail.outbox == []


def test_a_dry_run_sends_and_marks_nothing(client, readers) -> None:
    client.force_login(readers["hr"])
    client.post(URL, {"topic": "report:management", "on": "1"})
    out = StringIO()
    call_command("reports", "--month", "2026-10", "--dry-run", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())[0]["user"] == "hr"
    assert mail.outbox == [] and Subscription.objects.get().last_sent is None
    call_command("reports", "--month", "2026-10", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_bad_requests_are_refused(client, readers) -> None:
    client.force_login(readers["hr"])
    assert client.get(URL).status_code == 405
    assert client.post(URL, {"topic": "report:everything", "on": "1"}).status_code == 400
    assert client.post(URL, {"topic": "<script>", "on": "1"}).status_code == 400
    client.force_login(readers["employee"])
    assert client.post(URL, {"topic": "report:management", "on": "1"}).status_code == 403
    with pytest.raises(Exception, match="month"):
        call_command("reports", "--month", "oktober", stdout=StringIO())
    assert not Subscription.objects.exists()


def test_without_an_e_mail_address_the_page_says_so(client, readers) -> None:
    User.objects.filter(pk=readers["hr"].pk).update(email="")
    client.force_login(readers["hr"])
    page = client.post(
        URL, {"topic": "report:management", "on": "1"}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "no e-mail address" in page
    assert mailing.send_monthly_reports(OCTOBER) == []
