"""The public application page as a spammer, a phisher and a candidate would meet it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from mensenwerk.config import load
from mensenwerk.core.models import Organisation, RateBucket
from mensenwerk.recruitment.models import Application
from tests.recruitment.helpers import apply, cv_pdf


@pytest.mark.django_db
def test_one_address_gets_five_applications_an_hour_then_a_friendly_429(
    client, vacancy, settings
) -> None:
    settings.APPLY_PER_ADDRESS_PER_HOUR = 5
    for n in range(5):
        email = f"kandidaat{n}@example.nl"
        response = apply(client, vacancy, cv_pdf(email=email), email=email)
        assert response.status_code == 302
    sent = len(mail.outbox)
    refused = apply(client, vacancy, cv_pdf(email="victim@example.nl"), email="victim@example.nl")
    assert refused.status_code == 429
    assert "try again in an hour" in refused.content.decode()
    assert Application.objects.count() == 5  # no sixth e-mail
    assert len(mail.outbox) == sent
    response = apply(  # another address is not affected
        client, vacancy, cv_pdf(), REMOTE_ADDR="198.51.100.4"
    )
    assert response.status_code == 302
    # no address is stored, only keyed hashes
    assert not RateBucket.objects.filter(key__contains="127.0.0.1").exists()
    assert all(len(bucket.key) == 64 for bucket in RateBucket.objects.all())


@pytest.mark.django_db
def test_a_vacancy_takes_a_limited_number_per_hour_from_all_addresses(
    client, vacancy, settings
) -> None:
    settings.APPLY_PER_VACANCY_PER_HOUR = 2
    for n in range(2):
        assert apply(client, vacancy, cv_pdf(), REMOTE_ADDR=f"198.51.100.{n}").status_code == 302
    assert apply(client, vacancy, cv_pdf(), REMOTE_ADDR="198.51.100.9").status_code == 429


@pytest.mark.django_db
def test_a_file_that_cannot_be_read_does_not_use_up_the_limit(client, vacancy, settings) -> None:
    settings.APPLY_PER_ADDRESS_PER_HOUR = 1
    for _ in range(3):
        assert apply(client, vacancy, b"", name="cv.pdf").status_code == 200
    assert apply(client, vacancy, cv_pdf()).status_code == 302


def test_the_limits_default_to_five_per_address_and_are_configurable() -> None:
    env = {"MENSENWERK_SECRET_KEY": "k" * 40}
    assert load(env).apply_per_address_per_hour == 5
    changed = {**env, "MENSENWERK_APPLY_PER_ADDRESS_PER_HOUR": "20"}
    assert load(changed).apply_per_address_per_hour == 20


@pytest.mark.django_db
@pytest.mark.parametrize(
    "first_name",
    [
        "Klik op https://evil.example/login",
        "Klik op evil.example",
        "<b>Jan</b>",
        "Jan\x00",
        "Jan\u202e",  # right-to-left override: hides what follows
        "www.example.nl",
        "Jan 06-12345678",
    ],
)
def test_it_refuses_links_markup_and_control_characters_in_names(
    client, vacancy, first_name
) -> None:
    response = apply(client, vacancy, cv_pdf(), first_name=first_name)
    assert response.status_code == 200
    assert "A name may" in response.content.decode()
    assert not Application.objects.exists()
    assert not mail.outbox


@pytest.mark.django_db
@pytest.mark.parametrize(
    "first_name,last_name",
    [("Zoë", "Müller"), ("Anne-Marie", "van 't Hof"), ("J.P.", "El Idrissi"), ("Şükrü", "Yılmaz")],
)
def test_it_accepts_real_names_with_particles_and_diacritics(
    client, vacancy, first_name, last_name
) -> None:
    response = apply(client, vacancy, cv_pdf(), first_name=first_name, last_name=last_name)
    assert response.status_code == 302


@pytest.mark.django_db
def test_it_says_who_the_employer_and_controller_are(client, vacancy) -> None:
    org = Organisation.current()
    org.name, org.address = "Van der Molen Machinebouw B.V.", "Industrieweg 12, Enschede"
    org.privacy_email, org.dpo_contact = "privacy@molen.example", "fg@molen.example"
    org.save()
    page = client.get(reverse("recruitment:apply", args=[vacancy.public_id])).content.decode()
    for text in (
        "Van der Molen Machinebouw B.V. is the controller",
        "Industrieweg 12, Enschede",
        "privacy@molen.example",
        "fg@molen.example",
    ):
        assert text in page


@pytest.mark.django_db
def test_a_closed_vacancys_link_says_it_is_closed(client, vacancy) -> None:
    vacancy.status = "closed"
    vacancy.save()
    response = client.get(reverse("recruitment:apply", args=[vacancy.public_id]))
    assert response.status_code == 410
    assert "This vacancy is closed" in response.content.decode()
    posted = apply(client, vacancy, cv_pdf())
    assert posted.status_code == 410
    assert not Application.objects.exists()
    vacancy.status = "draft"
    vacancy.save()
    assert client.get(reverse("recruitment:apply", args=[vacancy.public_id])).status_code == 404
