"""Writes of the adoption cockpit, and the figures its pages and reports share."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from mensenwerk.adoption import metrics
from mensenwerk.adoption.models import (
    Champion,
    Kpi,
    Objection,
    Phase,
    Project,
    PulseResponse,
    Settings,
    Stakeholder,
    TrainingOffer,
    TrustItem,
    UseCase,
)
from mensenwerk.core import formats as numbers
from mensenwerk.core.models import Organisation, Person, User
from mensenwerk.core.roles import Role
from mensenwerk.core.services import ServiceError, keyed_id
from mensenwerk.engines import adoption as engine
from mensenwerk.governance.models import AIApplication, Overseer

DEFAULTS = json.loads((Path(__file__).parent / "data" / "defaults.json").read_text("utf-8"))
MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
MAX_WAVE = 3
# use cases of the catalogue that are built-in applications of the AI register
REGISTER_SLUGS = {
    "cv-preselection": "cv-screening",
    "hr-assistant": "hr-assistant",
    "onboarding-assistant": "onboarding",
    "inclusive-job-ads": "job-ad-check",
}
PULSE_FEATURES = {"assistant": "hr-assistant", "screening": "cv-screening"}
# which roles make up each training group; "all" is every active account
TRAINING_GROUP_ROLES = {
    "hr": (Role.HR,),
    "managers": (Role.MANAGER, Role.DIRECTOR),
    "business": (Role.RECRUITER, Role.CHAMPION),
    "it": (Role.IT,),
}


# --- seeding ------------------------------------------------------------------------------


@transaction.atomic
def ensure_defaults() -> Project:
    """Pre-fill the catalogue, stakeholders, objections, KPIs, training offers and a first
    project (with its phases and TRUST checklist) in the organisation's language, once."""
    lang = Organisation.current().language
    if not UseCase.objects.exists():
        _default_use_cases(lang)
    if not Stakeholder.objects.exists():
        _default_stakeholders(lang)
    if not Objection.objects.exists():
        for item in DEFAULTS["objections"]:
            Objection.objects.create(key=item["key"], text=item[lang])
    if not Kpi.objects.exists():
        for item in DEFAULTS["kpis"]:
            Kpi.objects.create(
                measure=item["measure"],
                name=item[lang],
                group=item["group"],
                unit=item["unit"],
                direction=item["direction"],
            )
    if not TrainingOffer.objects.exists():
        for item in DEFAULTS["training"]:
            title, form = item[lang]
            TrainingOffer.objects.create(group=item["group"], title=title, form=form)
    project = Project.objects.first()
    if project is None:
        project = Project.objects.create(
            name="First wave" if lang == "en" else "Eerste golf",
            start_date=timezone.localdate(),
        )
    if not project.phases.exists():
        weeks = engine.default_weeks()
        for key in engine.PHASE_KEYS:
            Phase.objects.create(project=project, key=key, weeks=Decimal(str(weeks.get(key, 0))))
    if not project.trust_items.exists():
        for item in DEFAULTS["trust"]:
            TrustItem.objects.create(
                project=project, step=item["step"], label=item[lang], key=item.get("key", "")
            )
    return project


def _default_use_cases(lang: str) -> None:
    apps = {a.slug: a for a in AIApplication.objects.all()}
    for item in DEFAULTS["use_cases"]:
        text = item[lang]
        impact, effort, data, change = item["scores"]
        UseCase.objects.create(
            key=item["key"],
            name=text["name"],
            current_process=text["current"],
            pain_points=text["pain"],
            target_process=text["target"],
            benefits=text["benefits"],
            impact=impact,
            effort=effort,
            data_readiness=data,
            change_need=change,
            application=apps.get(REGISTER_SLUGS.get(item["key"], "")),
        )


def _default_stakeholders(lang: str) -> None:
    for item in DEFAULTS["stakeholders"]:
        text = item[lang]
        Stakeholder.objects.create(
            key=item["key"],
            name=text["name"],
            motivation=text["motivation"],
            concern=text["concern"],
            strategy=text["strategy"],
            owner=text["owner"],
            weight=item["weight"],
            basis=item["basis"],
            influence=item["influence"],
            interest=item["interest"],
        )


# --- writes -------------------------------------------------------------------------------


def do_attach_evidence(item: TrustItem, name: str, data: bytes) -> None:
    if not data:
        raise ServiceError(_("The evidence file is empty."))
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ServiceError(_("The evidence file is larger than 5 MB."))
    item.attach(name, data)
    item.save(update_fields=["evidence_name", "evidence"])


def respondent_id(user: User) -> str:
    return keyed_id("pulse", user)[:16]


def do_pulse(user: User, feature: str, score: int, comment: str = "") -> PulseResponse:
    """One answer per person, tool and month; answering again replaces the month's answer."""
    if feature not in PULSE_FEATURES:
        raise ServiceError(_("Unknown tool."))
    if not isinstance(score, int) or not 0 <= score <= 10:
        raise ServiceError(_("Give a score from 0 to 10."))
    response, _created = PulseResponse.objects.update_or_create(
        feature=feature,
        month=metrics.month_key(timezone.localdate()),
        respondent=respondent_id(user),
        defaults={"score": score, "comment": comment.strip()[:2000]},
    )
    return response


# --- figures ------------------------------------------------------------------------------


def ranked_use_cases(weights: dict[str, float]) -> list[dict[str, Any]]:
    cases = list(UseCase.objects.select_related("application").prefetch_related("projects"))
    order = engine.rank([(str(c.pk), c.scores()) for c in cases], weights)
    by_pk = {str(c.pk): c for c in cases}
    return [
        {
            "case": by_pk[pk],
            "score": score,
            "quick_win": engine.is_quick_win(by_pk[pk].scores()),
            "data_light": engine.traffic_light(by_pk[pk].data_audit.values()),
            "process_light": engine.traffic_light(
                v.get("light", "") for v in by_pk[pk].process.values()
            ),
        }
        for pk, score in order
    ]


def trust_progress(project: Project) -> list[dict[str, Any]]:
    items = list(project.trust_items.all())
    out = []
    for step, label in TrustItem.Step.choices:
        mine = [i for i in items if i.step == step]
        done = sum(i.status == TrustItem.Status.DONE for i in mine)
        out.append({"step": step, "label": label, "items": mine, "done": done, "total": len(mine)})
    return out


def schedule(project: Project) -> list[dict[str, Any]]:
    phases = {p.key: p for p in project.phases.all()}
    plan = engine.schedule(
        project.start_date,
        {k: float(p.weeks) for k, p in phases.items()},
        project.buffer_pct,
        {k: p.start_override for k, p in phases.items()},
    )
    return [{"plan": s, "phase": phases.get(s.key)} for s in plan]


def phase_labels() -> dict[str, str]:
    return {key: str(label) for key, label in Phase.Key.choices}


def costs(project: Project) -> dict[str, float]:
    lines = list(project.budget.all())
    return {
        "one_off": float(sum((line.one_off for line in lines), Decimal(0))),
        "yearly": float(sum((line.yearly for line in lines), Decimal(0))),
    }


def roi_summary(project: Project) -> dict[str, Any]:
    """Costs from the budget against measured hours × rate plus the other benefits."""
    config = Settings.current()
    rate = float(config.hourly_rate)
    months = metrics.last_months(4)[:-1]  # the last three complete months
    hours = metrics.hours_saved(months)
    measured_yearly = round(hours["monthly_average"] * 12, 1)
    benefits = list(project.benefits.all())
    other = float(sum((b.yearly for b in benefits), Decimal(0)))
    hours_value = round(measured_yearly * rate, 2)
    money = costs(project)
    total = hours_value + other
    return {
        "hours": hours,
        "measured_months": [r["month"] for r in hours["rows"] if r["total"] > 0],
        "measured_hours_yearly": measured_yearly,
        "hours_value": hours_value,
        "rate": rate,
        "benefit_lines": benefits,
        "other_benefits": other,
        "estimates": any(b.estimate for b in benefits),
        "benefits": total,
        "costs": money,
        "roi": engine.roi(total, money["yearly"], money["one_off"]),
        "scenarios": engine.scenarios(total, money["yearly"], money["one_off"]),
    }


def pulse_results() -> list[dict[str, Any]]:
    """NPS per tool for this month and the last; comments only for groups of five or more."""
    minimum = Organisation.current().bias_min_group
    rows = []
    for month in metrics.last_months(2)[::-1]:
        key = metrics.month_key(month)
        for feature in PULSE_FEATURES:
            answers = list(PulseResponse.objects.filter(feature=feature, month=key))
            result = engine.nps([a.score for a in answers], max(minimum, engine.NPS_MIN_GROUP))
            comments = [a.comment for a in answers if a.comment] if result.score is not None else []
            rows.append({"month": key, "feature": feature, "nps": result, "comments": comments})
    return rows


def group_members(group: str) -> set[int]:
    users = User.objects.filter(is_active=True)
    if group != "all":
        users = users.filter(role_assignments__role__in=TRAINING_GROUP_ROLES[group])
    return set(users.values_list("pk", flat=True))


def literacy() -> dict[str, Any]:
    """Coverage per target group and the overseers in the register without their training."""
    completed: dict[str, set[int]] = {}
    for offer in TrainingOffer.objects.prefetch_related("sessions__attendees"):
        done = completed.setdefault(offer.group, set())
        for session in offer.sessions.all():
            done |= {u.pk for u in session.attendees.all()}
    groups = []
    for group, label in TrainingOffer.Group.choices:
        members = group_members(group)
        done = len(members & completed.get(group, set()))
        groups.append(
            {
                "group": group,
                "label": label,
                "eligible": len(members),
                "completed": done,
                "coverage": engine.coverage(len(members), done),
            }
        )
    missing = []
    for overseer in Overseer.objects.select_related("user", "application"):
        user = overseer.user
        own = [g for g, roles in TRAINING_GROUP_ROLES.items() if user.has_role(*roles)] or ["all"]
        if not any(user.pk in completed.get(g, set()) for g in own):
            missing.append(overseer)
    return {"groups": groups, "overseers_missing": missing}


@dataclass(frozen=True)
class ChampionAdvice:
    employees: int
    low: int
    high: int
    champions: int


def champion_advice() -> ChampionAdvice:
    employees = Person.objects.filter(kind=Person.Kind.EMPLOYEE, end_date__isnull=True).count()
    low, high = engine.suggested_champions(employees)
    return ChampionAdvice(employees, low, high, Champion.objects.count())


def objection_answer(key: str, project: Project, roi: Any) -> str:
    """The suggested answer to a standard objection. Every factual sentence is read from the
    current state (the last complete month's figures, the register, the TRUST plan, the
    settings) and left out when the state does not support it."""
    month = metrics.last_months(2)[0]  # the last complete month, named in the text
    figures = metrics.measure_month(month)
    when = formats.date_format(month, "F Y")
    sentences: list[str] = []
    if key == "jobs":
        sentences.append(_("The AI prepares and explains; a person decides."))
        if _trust_item_done(project, "no_layoffs"):
            sentences.append(
                _("The organisation has put in writing that nobody loses their job through AI.")
            )
        hours = figures.get("screening_hours_saved")
        if hours and hours.value:
            sentences.append(
                _("In %(month)s: %(h)s hours of first CV screening saved.")
                % {"month": when, "h": numbers.number(hours.value, 1)}
            )
    elif key == "privacy":
        sentences.extend(_privacy_facts())
    elif key == "cost":
        if roi is not None and roi.roi_pct is not None:
            sentences.append(
                _("The business case, from our own measured figures: ROI %(roi)s a year.")
                % {"roi": numbers.percent(roi.roi_pct)}
            )
        else:
            sentences.append(_("The ROI page shows the business case once hours are measured."))
    elif key == "complex":
        cases = [c.name for c in project.use_cases.all()]
        if cases:
            sentences.append(
                _("This wave has %(n)s use case(s): %(names)s.")
                % {"n": len(cases), "names": ", ".join(cases)}
            )
        champions = Champion.objects.count()
        if champions:
            sentences.append(_("%(n)s AI champion(s) help colleagues.") % {"n": champions})
        if TrainingOffer.objects.exists():
            sentences.append(_("Training is on offer for every target group."))
    elif key == "bias":
        sentences.append(
            _("Selection rates are monitored per group, for the AI and for people, with alerts.")
        )
        against = figures.get("override_rate")
        if against and against.value is not None:
            sentences.append(
                _(
                    "In %(month)s, %(p)s of the decisions on an AI suggestion went against it "
                    "(%(n)s decisions)."
                )
                % {"month": when, "p": numbers.percent(against.value), "n": against.n}
            )
    return " ".join(str(sentence) for sentence in sentences)


def _trust_item_done(project: Project, key: str) -> bool:
    return project.trust_items.filter(key=key, status=TrustItem.Status.DONE).exists()


def _privacy_facts() -> list[str]:
    from django.conf import settings as django_settings

    facts: list[str] = []
    llm = getattr(django_settings, "MENSENWERK_LLM", None)
    if llm:
        host = urlsplit(str(llm.get("url", ""))).hostname or "?"
        facts.append(
            _(
                "The HR assistant sends questions and passages to the language model at "
                "%(host)s to rephrase its answers; everything else runs on our own server."
            )
            % {"host": host}
        )
    else:
        facts.append(_("The AI runs on our own server; no data goes to an outside AI service."))
    facts.append(
        _("CVs are screened blind and every AI output is recorded in a tamper-evident trail.")
    )
    active = list(AIApplication.objects.filter(active=True).order_by("name"))
    done = [a.name for a in active if a.dpia_status == AIApplication.DpiaStatus.COMPLETED]
    missing = [a.name for a in active if a.dpia_status != AIApplication.DpiaStatus.COMPLETED]
    if done:
        facts.append(_("A DPIA is completed for: %(names)s.") % {"names": ", ".join(done)})
    if missing:
        facts.append(_("No DPIA is completed yet for: %(names)s.") % {"names": ", ".join(missing)})
    org = Organisation.current()
    facts.append(
        _(
            "Candidates' data is erased %(weeks)s weeks after the vacancy closes unless they "
            "consented to longer."
        )
        % {"weeks": org.candidate_retention_weeks}
    )
    return facts
