from datetime import date

import pytest

from mensenwerk.engines import adoption as a

EXAMPLE = [
    ("CV pre-selection", {"impact": 8, "effort": 6, "data_readiness": 7, "change_need": 5}),
    ("onboarding assistant", {"impact": 7, "effort": 4, "data_readiness": 8, "change_need": 3}),
    ("skill-gap analysis", {"impact": 9, "effort": 8, "data_readiness": 4, "change_need": 7}),
    ("work references", {"impact": 6, "effort": 3, "data_readiness": 9, "change_need": 4}),
]


def test_it_orders_the_issue_example_with_the_default_weights() -> None:
    order = a.rank(EXAMPLE)
    assert [name for name, _s in order] == [
        "onboarding assistant",
        "work references",
        "CV pre-selection",
        "skill-gap analysis",
    ]
    assert [s for _n, s in order] == [7.4, 7.2, 6.8, 5.8]


def test_it_counts_effort_and_change_need_against() -> None:
    base = {"impact": 5, "effort": 5, "data_readiness": 5, "change_need": 5}
    assert a.priority({**base, "effort": 9}) < a.priority(base) < a.priority({**base, "effort": 1})
    assert a.priority({**base, "change_need": 9}) < a.priority(base)
    assert a.priority({"impact": 10, "effort": 1, "data_readiness": 10, "change_need": 1}) == 10
    assert a.priority({"impact": 1, "effort": 10, "data_readiness": 1, "change_need": 10}) == 1


def test_it_follows_edited_weights() -> None:
    only_impact = {"impact": 1, "effort": 0, "data_readiness": 0, "change_need": 0}
    assert a.rank(EXAMPLE, only_impact)[0][0] == "skill-gap analysis"


@pytest.mark.parametrize(
    ("scores", "weights", "code"),
    [
        ({"impact": 0, "effort": 1, "data_readiness": 1, "change_need": 1}, None, "score_range"),
        ({"impact": 11, "effort": 1, "data_readiness": 1, "change_need": 1}, None, "score_range"),
        ({"impact": "8", "effort": 1, "data_readiness": 1, "change_need": 1}, None, "score_range"),
        ({"impact": 8, "effort": 1, "data_readiness": 1}, None, "score_range"),
        (
            EXAMPLE[0][1],
            {"impact": -1, "effort": 1, "data_readiness": 1, "change_need": 1},
            "weight_negative",
        ),
        (
            EXAMPLE[0][1],
            {"impact": 0, "effort": 0, "data_readiness": 0, "change_need": 0},
            "weights_zero",
        ),
        (
            EXAMPLE[0][1],
            {"impact": float("nan"), "effort": 1, "data_readiness": 1, "change_need": 1},
            "weight_negative",
        ),
    ],
)
def test_it_refuses_bad_scores_and_weights(scores, weights, code) -> None:
    with pytest.raises(a.AdoptionError) as caught:
        a.priority(scores, weights or a.DEFAULT_WEIGHTS)
    assert caught.value.code == code


def test_it_marks_quick_wins_and_readiness_lights() -> None:
    assert a.is_quick_win(EXAMPLE[1][1])
    assert a.is_quick_win(EXAMPLE[3][1])
    assert not a.is_quick_win(EXAMPLE[2][1])  # high impact, high effort
    assert a.traffic_light(["green", "green"]) == "green"
    assert a.traffic_light(["green", "amber", ""]) == "amber"
    assert a.traffic_light(["amber", "red", "green"]) == "red"
    assert a.traffic_light(["", ""]) == ""
    with pytest.raises(a.AdoptionError):
        a.traffic_light(["purple"])


def test_it_schedules_the_six_phases_with_a_visible_buffer() -> None:
    plan = {p.key: p for p in a.schedule(date(2027, 1, 4), a.default_weeks(), 20)}
    assert list(plan) == list(a.PHASE_KEYS)
    assert plan["definition"].weeks == 5
    assert plan["definition"].buffer_weeks == 1.0
    assert plan["definition"].end == date(2027, 2, 15)  # 6 weeks
    assert plan["architecture"].start == plan["definition"].end
    assert plan["change"].start == plan["pilot"].start
    assert plan["change"].end == plan["implementation"].end
    assert plan["definition"].gate
    assert plan["pilot"].gate
    assert not plan["architecture"].gate


def test_it_moves_later_phases_with_a_fixed_start() -> None:
    fixed = date(2027, 6, 1)
    plan = {p.key: p for p in a.schedule(date(2027, 1, 4), {}, 0, {"pilot": fixed})}
    assert plan["pilot"].start == fixed
    assert plan["implementation"].start == plan["pilot"].end
    with pytest.raises(a.AdoptionError):
        a.schedule(date(2027, 1, 4), {}, 150)
    with pytest.raises(a.AdoptionError):
        a.schedule(date(2027, 1, 4), {"pilot": -2}, 20)


def test_it_computes_the_check_cases_of_the_guides() -> None:
    assert a.hours_value(10, 50) == 26_000
    result = a.roi(45_000 + 25_000 + 60_000, 15_000 + 8_000 + 12_000)
    assert result.roi_pct == 271.4
    assert result.net_benefit_first_year == 95_000
    # no one-off cost: the first year's costs (35,000) are earned back in month 4 (4 × 10,833)
    assert result.payback_months == 4


def test_it_computes_payback_from_the_one_off_cost() -> None:
    result = a.roi(benefits=24_000, yearly_cost=6_000, one_off_cost=9_000)
    assert result.first_year_cost == 15_000
    assert result.roi_pct == 60.0
    # 2,000 a month against 9,000 one-off + 6,000 for the first year: month 8 (16,000)
    assert result.payback_months == 8
    never = a.roi(benefits=5_000, yearly_cost=6_000, one_off_cost=1_000)
    assert never.payback_months is None
    assert never.roi_pct < 0
    # a second year's costs are due at month 13: a plan that only just pays in year one
    assert a.payback_months(benefits=12_000, yearly_cost=11_000, one_off_cost=0) == 11
    assert a.payback_months(benefits=12_000, yearly_cost=12_000, one_off_cost=1) is None
    assert a.roi(0, 0).roi_pct is None
    with pytest.raises(a.AdoptionError):
        a.roi(-1, 0)
    with pytest.raises(a.AdoptionError):
        a.roi(float("inf"), 0)


def test_it_gives_three_scenarios() -> None:
    s = a.scenarios(100_000, 20_000, 10_000)
    assert s["conservative"].roi_pct < s["expected"].roi_pct < s["optimistic"].roi_pct
    assert s["expected"] == a.roi(100_000, 20_000, 10_000)


def test_it_computes_nps_only_for_groups_of_five() -> None:
    result = a.nps([10, 9, 8, 7, 6, 0, 9, 10, 3, 5])
    assert (result.promoters, result.passives, result.detractors) == (4, 2, 4)
    assert result.score == 0.0
    assert a.nps([10, 10, 10, 10, 6]).score == 60.0
    small = a.nps([10, 10, 10, 10])
    assert small.score is None
    assert small.n == 4
    assert a.nps([]).score is None
    with pytest.raises(a.AdoptionError):
        a.nps([11])


def test_it_assesses_champions_on_the_four_criteria() -> None:
    assert a.hr_expertise_level(5) == "strong"
    assert a.hr_expertise_level(3) == "medium"
    assert a.hr_expertise_level(2.9) == "weak"
    strong = a.assess(6, 5, 4, 4)
    assert strong.levels == {
        "hr_expertise": "strong",
        "tech_affinity": "strong",
        "communication": "strong",
        "change_readiness": "strong",
    }
    assert strong.shortlisted
    assert not a.assess(1, 5, 5, 5).shortlisted  # weak HR expertise
    assert not a.assess(4, 3, 3, 4).shortlisted  # only one strong
    with pytest.raises(a.AdoptionError):
        a.rating_level(6)


def test_it_suggests_one_or_two_champions_per_50_to_150_employees() -> None:
    assert a.suggested_champions(50) == (1, 2)
    assert a.suggested_champions(120) == (1, 2)
    assert a.suggested_champions(300) == (2, 4)
    assert a.suggested_champions(0) == (1, 2)
    assert a.coverage(0, 0) is None
    assert a.coverage(8, 6) == 0.75
