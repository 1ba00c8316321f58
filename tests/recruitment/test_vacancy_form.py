"""The vacancy form: each criterion its own row (name, must/nice, weight), languages with a
level picker — what HR types, what it may not, and what bad input does."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from mensenwerk.recruitment.models import Criterion, Vacancy


def _rows(prefix: str, rows: list[dict[str, object]], initial: int = 0) -> dict[str, object]:
    data: dict[str, object] = {
        f"{prefix}-TOTAL_FORMS": len(rows),
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def _post(users, criteria, languages=(), **fields) -> dict[str, object]:
    return {
        "title": "Lasser (m/v/x)",
        "description": "Wij zoeken een lasser voor onze fabriek in Deventer.",
        "language": "nl",
        "hiring_manager": users["manager"].pk,
        "min_years_experience": 2,
        "education": "",
        "shortlist_threshold": 0.6,
        **_rows("criteria", list(criteria)),
        **_rows("languages", list(languages)),
        **fields,
    }


@pytest.mark.django_db
def test_hr_gives_each_criterion_its_own_row_and_languages_a_level(client, users) -> None:
    client.force_login(users["hr"])
    page = client.get(reverse("recruitment:vacancy_new")).content.decode()
    assert 'name="criteria-0-name"' in page and 'name="criteria-0-kind"' in page
    assert 'name="languages-0-level"' in page and "native speaker" in page
    assert "nl C1, en B1" not in page  # no syntax to learn any more
    response = client.post(
        reverse("recruitment:vacancy_new"),
        _post(
            users,
            [
                {"name": "MIG/MAG-lassen", "kind": "must_have", "weight": ""},
                {"name": "", "kind": "must_have", "weight": 1},  # an empty row is no criterion
                {"name": "VCA | 2", "kind": "nice_to_have", "weight": "2.5"},
                {"name": "Heftruckcertificaat", "kind": "nice_to_have", "weight": ""},
            ],
            [{"language": "nl", "level": "B1"}, {"language": "en", "level": ""}],
        ),
    )
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    rows = [(c.kind, c.name, c.weight, c.level) for c in vacancy.criteria.all()]
    assert rows == [
        ("must_have", "MIG/MAG-lassen", 1.0, ""),
        ("nice_to_have", "VCA | 2", 2.5, ""),  # a bar is now just text, not a syntax
        ("nice_to_have", "Heftruckcertificaat", 1.0, ""),
        ("language", "nl", 1.0, "B1"),
        ("language", "en", 1.0, ""),
    ]
    shown = client.get(reverse("recruitment:vacancy", args=[vacancy.pk])).content.decode()
    assert "Dutch (B1)" in shown


@pytest.mark.django_db
def test_editing_shows_the_rows_that_are_there(client, users, vacancy) -> None:
    client.force_login(users["hr"])
    page = client.get(reverse("recruitment:vacancy_edit", args=[vacancy.pk])).content.decode()
    assert 'value="CNC-frezen of CNC-draaien"' in page
    assert 'value="Heidenhain"' in page and 'value="2.0"' in page
    assert '<option value="B2" selected>' in page
    assert 'id="id_criteria-TOTAL_FORMS"' in page  # existing rows plus empty ones


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("criteria", "languages", "says"),
    [
        ([{"name": "", "kind": "must_have"}], [], "Give at least one must-have"),
        ([{"name": "Lassen", "kind": "nice_to_have", "weight": 11}], [], "less than or equal"),
        ([{"name": "Lassen", "kind": "nice_to_have", "weight": -1}], [], "greater than or equal"),
        ([{"name": "Lassen", "kind": "maybe"}], [], "Select a valid choice"),
        ([{"name": "x" * 201, "kind": "must_have"}], [], "at most 200 characters"),
        ([{"name": "Lassen", "kind": "must_have"}], [{"language": "xx"}], "valid choice"),
        ([{"name": "Lassen", "kind": "must_have"}], [{"language": "nl", "level": "Z9"}], "valid"),
    ],
)
def test_bad_rows_are_refused_with_the_input_kept(client, users, criteria, languages, says):
    client.force_login(users["hr"])
    response = client.post(reverse("recruitment:vacancy_new"), _post(users, criteria, languages))
    assert response.status_code == 200
    page = response.content.decode()
    assert says in page
    assert 'value="Lasser (m/v/x)"' in page  # the rest of what was typed stays
    assert not Vacancy.objects.exists()


@pytest.mark.django_db
def test_more_rows_than_allowed_or_a_forged_count_are_refused(client, users) -> None:
    client.force_login(users["hr"])
    many = [{"name": f"Eis {i}", "kind": "must_have"} for i in range(41)]
    response = client.post(reverse("recruitment:vacancy_new"), _post(users, many))
    assert response.status_code == 200
    assert "Please submit at most 40 forms" in response.content.decode()
    forged = _post(users, [{"name": "Lassen", "kind": "must_have"}])
    forged["criteria-TOTAL_FORMS"] = 10**9  # Django caps it at absolute_max
    response = client.post(reverse("recruitment:vacancy_new"), forged)
    assert response.status_code == 200
    assert not Vacancy.objects.exists()


@pytest.mark.django_db
def test_markup_in_a_criterion_is_stored_as_text_and_shown_escaped(client, users) -> None:
    client.force_login(users["hr"])
    hostile = '<img src=x onerror="alert(1)">'
    client.post(
        reverse("recruitment:vacancy_new"),
        _post(users, [{"name": hostile, "kind": "must_have"}]),
    )
    vacancy = Vacancy.objects.get()
    assert Criterion.objects.get(vacancy=vacancy).name == hostile
    for url in ("recruitment:vacancy", "recruitment:vacancy_edit"):
        page = client.get(reverse(url, args=[vacancy.pk])).content.decode()
        assert hostile not in page
        assert "&lt;img src=x" in page


@pytest.mark.django_db
def test_a_language_named_twice_counts_once_with_the_last_level(client, users) -> None:
    client.force_login(users["hr"])
    client.post(
        reverse("recruitment:vacancy_new"),
        _post(
            users,
            [{"name": "Lassen", "kind": "must_have"}],
            [{"language": "nl", "level": "A2"}, {"language": "nl", "level": "NATIVE"}],
        ),
    )
    languages = Criterion.objects.filter(kind="language")
    with translation.override("en"):
        assert [(c.name, c.level, c.label) for c in languages] == [
            ("nl", "NATIVE", "Dutch (native speaker)")
        ]
    with translation.override("nl"):
        assert languages.get().label == "Nederlands (moedertaal)"
