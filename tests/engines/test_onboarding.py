"""The onboarding engine: working-day arithmetic, conditions, the proposal's reasons."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mensenwerk.engines import onboarding as engine


def test_a_weekend_due_date_moves_to_the_friday_before() -> None:
    monday = date(2026, 12, 7)
    assert engine.due_date(monday, 0) == monday
    assert engine.due_date(monday, -2) == date(2026, 12, 4)  # Saturday -> Friday
    assert engine.due_date(monday, -1) == date(2026, 12, 4)  # Sunday -> Friday
    assert engine.due_date(monday, 4) == date(2026, 12, 11)  # Friday stays
    assert engine.due_date(monday, 5) == date(2026, 12, 11)  # Saturday -> Friday
    assert engine.due_date(monday, 30) == date(2027, 1, 6)  # a Wednesday stays


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(-90, 365))
def test_due_dates_are_working_days_at_most_two_days_early(start: date, day: int) -> None:
    due = engine.due_date(start, day)
    planned = (due - start).days
    assert due.weekday() < 5
    assert day - 2 <= planned <= day


def _spec(key: str, day: int = 0, **conditions: list[str]) -> engine.TaskSpec:
    return engine.TaskSpec(
        key, "hr", day, {"nl": f"taak {key}", "en": f"task {key}"}, {}, conditions
    )


def test_conditions_all_must_hold_and_are_compared_without_case() -> None:
    hire = engine.NewHire(date(2026, 12, 7), "Lasser", "Productie", "Enschede", "permanent", "nl")
    ok, reason = engine.matches(_spec("a", department=["productie", "Logistiek"]), hire)
    assert ok and reason == ("condition", {"field": "department", "value": "Productie"})
    ok, reason = engine.matches(_spec("b", department=["Productie"], contract=["temporary"]), hire)
    assert not ok and reason[1]["field"] == "contract"
    assert engine.matches(_spec("c"), hire) == (True, ("always", {}))


def test_the_proposal_explains_and_orders_tasks_and_drops_repeats() -> None:
    hire = engine.NewHire(date(2026, 12, 7), "Lasser", "Productie", language="en")
    specs = [_spec("late", 30), _spec("early", -14), _spec("office", 1, department=["Kantoor"])]
    reading = [
        engine.Section("Gids", "Ziekte > Ziekmelden", "/p/1", "sick"),
        engine.Section("Gids", "Ziekte > Ziekmelden", "/p/1", "role"),
    ]
    people = [
        engine.Colleague(3, "Ann", "same_team"),
        engine.Colleague(2, "Bob", "buddy"),
        engine.Colleague(2, "Bob", "same_team"),
    ]
    proposal = engine.propose(hire, specs, reading, people, "en")
    assert [t.key for t in proposal.tasks] == ["early", "late"]
    assert proposal.tasks[0].title == "task early"
    assert proposal.skipped == [
        (
            "office",
            "condition",
            {"field": "department", "value": "Productie", "accepted": "Kantoor"},
        )
    ]
    assert len(proposal.reading) == 1
    assert [(c.name, c.relation) for c in proposal.introductions] == [
        ("Bob", "buddy"),
        ("Ann", "same_team"),
    ]
    assert proposal.to_dict()["tasks"][0]["due_date"] == "2026-11-23"


def test_the_shipped_template_is_valid_in_both_languages() -> None:
    data = engine.default_template()
    specs = [engine.spec_from_dict(t) for t in data["tasks"]]
    assert {s.owner for s in specs} == set(engine.OWNERS)
    assert all(s.title["nl"] and s.title["en"] for s in specs)
    days = {s.day for s in specs}
    assert min(days) < 0 and 0 in days and 30 in days and 90 in days
    assert "source" in data


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ({"owner": "ceo", "day": 1, "title": {"nl": "x"}}, "bad_owner"),
        ({"owner": "hr", "day": "1", "title": {"nl": "x"}}, "bad_day"),
        ({"owner": "hr", "day": 999, "title": {"nl": "x"}}, "bad_day"),
        ({"owner": "hr", "day": 1, "title": {"nl": " "}}, "no_title"),
        (
            {"owner": "hr", "day": 1, "title": {"nl": "x"}, "conditions": {"age": ["30"]}},
            "bad_condition",
        ),
    ],
)
def test_a_bad_template_task_is_refused_with_its_code(bad: dict, code: str) -> None:
    with pytest.raises(engine.OnboardingError) as caught:
        engine.spec_from_dict(bad)
    assert caught.value.code == code
