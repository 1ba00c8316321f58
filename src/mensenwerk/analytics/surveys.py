"""Engagement surveys: an export uploaded, its columns mapped once (remembered by header row),
the answers stored without a name and the analysis computed per level with the anonymity
rules of ``engines.analytics.survey``. Only the mapped columns are kept: a respondent's name
or e-mail address in a Forms export never reaches the database."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from mensenwerk.analytics import questions
from mensenwerk.analytics.models import Survey, SurveyAnswer, SurveyMapping, SurveyRespondent
from mensenwerk.core.models import Department, Organisation, Person, User
from mensenwerk.core.services import ServiceError, keyed_id
from mensenwerk.engines import tabular
from mensenwerk.engines.analytics import AnalyticsError, comments
from mensenwerk.engines.analytics import survey as engine
from mensenwerk.engines.analytics.columns import columns
from mensenwerk.governance import services as trust

GROUP, ENPS, COMMENT = "\x00group", "\x00enps", "\x00comment"  # cannot clash with a header
GUESS = {
    "department": r"afdeling|department|\bdept\b|divisie|business unit",
    "team": r"\bteam|\bgroe?p|\bunit\b",
    "enps": r"enps|aanbevel|recommend|\bnps\b",
    "comments": r"opmerking|toelichting|comment|feedback|suggesti|open vraag|remark",
}
# never an item, whatever it holds: who answered and when
SKIP = r"\b(naam|name|e-?mail|telefoon|phone|ip|respondent|id|tijd|time|datum|date)\b"
SCALE = 11  # distinct values of the widest scale (0-10)


def signature(headers: list[str]) -> str:
    return hashlib.sha256("\x1f".join(headers).encode()).hexdigest()


def guess_mapping(table: tabular.Table) -> dict[str, Any]:
    """A first choice of columns: names for the roles, number columns as items, never a name,
    e-mail or id column."""
    out: dict[str, Any] = {"department": "", "team": "", "enps": "", "comments": "", "items": []}
    for role, pattern in GUESS.items():
        out[role] = next((h for h in table.headers if re.search(pattern, h, re.I)), "")
    taken = {v for k, v in out.items() if k != "items" and v}
    cols = columns(table)
    out["items"] = [
        h
        for h in table.headers
        if h not in taken
        and not re.search(SKIP, h, re.I)
        and cols[h].numbers is not None
        and cols[h].distinct <= SCALE  # a scale, not an id or an amount
    ]
    return out


def do_upload(data: bytes, filename: str, title: str, held_on: date, actor: User) -> Survey:
    """Read the file and keep its rows until mapped; raise TableError for a bad file."""
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise tabular.TableError("too_large", mb=settings.MAX_UPLOAD_BYTES // 2**20)
    table = tabular.read_table(data, filename)
    remembered = SurveyMapping.objects.filter(signature=signature(table.headers)).first()
    return Survey.objects.create(
        title=title,
        held_on=held_on,
        original_name=Path(filename).name[:255],
        headers=table.headers,
        pending=table.rows,
        mapping=remembered.mapping if remembered else guess_mapping(table),
        min_group=Organisation.current().bias_min_group,
        created_by=actor,
    )


def do_apply(survey: Survey, mapping: dict[str, Any], actor: User) -> Survey:
    """Store the mapped columns as anonymous answers (comments masked), remember the mapping,
    compute the analysis and record the import on the trail; all or nothing."""
    if survey.status != Survey.Status.DRAFT:
        raise ServiceError(_("This survey is already imported."))
    headers = survey.headers
    index = {h: i for i, h in enumerate(headers)}
    if not (mapping.get("department") or mapping.get("team")):
        raise ServiceError(_("Choose the column with the team or the department."))
    if not mapping.get("items"):
        raise ServiceError(_("Choose at least one question (a column of scores)."))
    names = _staff_names()
    answers = []
    for number, row in enumerate(survey.pending, start=2):
        cell = {h: (row[i] if i < len(row) else "").strip() for h, i in index.items()}
        answers.append(_answer(survey, mapping, cell, number, names))
    with transaction.atomic():
        SurveyAnswer.objects.bulk_create(answers, batch_size=1000)
        survey.mapping, survey.pending, survey.status = mapping, [], Survey.Status.READY
        survey.invited = headcounts()
        survey.result = analyse(survey)
        survey.save()
        SurveyMapping.objects.update_or_create(
            signature=signature(headers), defaults={"mapping": mapping}
        )
        trust.record_event(
            "survey.imported",
            actor,
            payload={"survey": survey.pk, "answers": len(answers), "min_group": survey.min_group},
        )
    return survey


def _answer(
    survey: Survey, mapping: dict[str, Any], cell: dict[str, str], row: int, names: tuple[str, ...]
) -> SurveyAnswer:
    values = {}
    for item in mapping["items"]:
        raw = cell.get(item, "")
        if raw and tabular.parse_number(raw) is None:
            raise ServiceError(
                _("Row %(row)s: “%(value)s” in %(column)s is not a number.")
                % {"row": row, "value": raw[:40], "column": item}
            )
        values[item] = raw
    score = None
    if mapping.get("enps") and cell.get(mapping["enps"]):
        raw = cell[mapping["enps"]]
        number = tabular.parse_number(raw)
        if number is None or number != int(number) or not 0 <= number <= 10:
            raise ServiceError(
                _("Row %(row)s: “%(value)s” in %(column)s is not a whole number from 0 to 10.")
                % {"row": row, "value": raw[:40], "column": mapping["enps"]}
            )
        score = int(number)
    text = cell.get(mapping.get("comments") or "", "")
    return SurveyAnswer(
        survey=survey,
        department=cell.get(mapping.get("department") or "", "")[:120],
        team=cell.get(mapping.get("team") or "", "")[:120],
        values=values,
        enps=score,
        comment=comments.mask(text, names)[:2000] if text else "",
    )


def _staff_names() -> tuple[str, ...]:
    """First and last names the organisation holds, masked in comments whatever their case."""
    found: set[str] = set()
    for first, last in Person.objects.values_list("first_name", "last_name"):
        found.update(n for n in (first, last) if len(n) > 2)
    return tuple(found)


def headcounts() -> dict[str, int]:
    """Employees per department now: the response rate's denominator."""
    today = date.today()
    rows = Department.objects.annotate(
        staff=Count(
            "person",
            filter=Q(person__kind=Person.Kind.EMPLOYEE)
            & (Q(person__end_date__isnull=True) | Q(person__end_date__gte=today)),
        )
    )
    return {d.name: d.staff for d in rows}


# --- a short survey run in Mensenwerk ---------------------------------------------------------


def do_open(title: str, actor: User) -> Survey:
    """Open the shipped short survey (``questions``) for every employee with a department."""
    survey = Survey.objects.create(
        title=title,
        held_on=date.today(),
        original_name="",
        headers=questions.HEADERS,
        mapping=questions.MAPPING,
        status=Survey.Status.OPEN,
        in_app=True,
        min_group=Organisation.current().bias_min_group,
        created_by=actor,
    )
    trust.record_event("survey.opened", actor, payload={"survey": survey.pk})
    return survey


def respondent(user: User) -> str:
    return keyed_id("survey", user)[:16]


def may_answer(survey: Survey, user: User) -> bool:
    person = getattr(user, "person", None)
    return (
        survey.status == Survey.Status.OPEN
        and person is not None
        and person.department_id is not None
        and not survey.respondents.filter(respondent=respondent(user)).exists()
    )


def open_for(user: User) -> list[Survey]:
    """The open surveys this user has not answered yet."""
    return [s for s in Survey.objects.filter(status=Survey.Status.OPEN) if may_answer(s, user)]


def do_answer(survey: Survey, user: User, scores: dict[str, int], comment: str) -> None:
    """One answer per person: stored without a name, under the person's department, at a
    random place among the others; who answered is kept apart (a keyed hash) until closing."""
    if not may_answer(survey, user):
        raise ServiceError(_("You cannot answer this survey (again)."))
    person = user.person  # type: ignore[attr-defined]
    names = [name for name, _text in questions.STATEMENTS]
    if set(scores) != {*names, questions.RECOMMEND}:
        raise ServiceError(_("Answer every question."))
    row = [person.department.name, *(str(scores[n]) for n in names),
           str(scores[questions.RECOMMEND]), comment.strip()[:2000]]  # fmt: skip
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        SurveyRespondent.objects.create(survey=locked, respondent=respondent(user))
        locked.pending.insert(secrets.randbelow(len(locked.pending) + 1), row)
        locked.save(update_fields=["pending"])


def do_close(survey: Survey, actor: User) -> Survey:
    """Close the survey: the answers become anonymous answer rows (comments masked) and the
    analysis is computed, as for an import; the list of who answered is deleted."""
    if survey.status != Survey.Status.OPEN:
        raise ServiceError(_("This survey is not open."))
    if not survey.pending:
        raise ServiceError(_("Nobody has answered yet."))
    with transaction.atomic():
        survey.status = Survey.Status.DRAFT
        do_apply(survey, questions.MAPPING, actor)
        SurveyRespondent.objects.filter(survey=survey).delete()
    return survey


# --- the analysis ---------------------------------------------------------------------------


def _table(answers: list[SurveyAnswer], items: list[str], group: str) -> tabular.Table:
    rows = [
        [getattr(a, group), *(a.values.get(i, "") for i in items),
         "" if a.enps is None else str(a.enps), a.comment]
        for a in answers
    ]  # fmt: skip
    return tabular.Table([GROUP, *items, ENPS, COMMENT], rows)


def _run(answers: list[SurveyAnswer], survey: Survey, group: str) -> dict[str, Any]:
    mapping = survey.mapping
    items = list(mapping["items"])
    themes = engine.themes_of(items) or {item: [item] for item in items}
    try:
        result = engine.analyse(
            _table(answers, items, group),
            GROUP,
            ENPS if mapping.get("enps") else None,
            min_group=survey.min_group,
            items=items,
            themes=themes,
            comments=COMMENT if mapping.get("comments") else None,
        )
    except AnalyticsError as exc:
        raise ServiceError(str(exc)) from None
    return result.to_dict()


def analyse(survey: Survey) -> dict[str, Any]:
    """The top level (departments, or teams without a department column) and, per shown
    department, its teams. Teams are compared within their department, whose own figure is
    shown, so the differencing rule protects the teams against that figure too."""
    answers = list(survey.answers.all())
    by_department = bool(survey.mapping.get("department"))
    top = _run(answers, survey, "department" if by_department else "team")
    teams: dict[str, Any] = {}
    if by_department and survey.mapping.get("team"):
        for figures in top["groups"]:
            if figures["withheld"]:
                continue
            own = [a for a in answers if a.department == figures["group"]]
            teams[figures["group"]] = _run(own, survey, "team")
    return {"level": "department" if by_department else "team", "top": top, "teams": teams}


def previous(survey: Survey) -> Survey | None:
    """The wave before this one, for the trend and the early signals."""
    return (
        Survey.objects.filter(status=Survey.Status.READY, held_on__lt=survey.held_on)
        .order_by("-held_on", "-pk")
        .first()
    )


def early_signals(survey: Survey) -> list[engine.Signal]:
    """Groups whose themes or eNPS fell beyond the normal variation since the last wave, at
    the top level and per department's teams. Teams, never persons."""
    before = previous(survey)
    if before is None or not before.result or not survey.result:
        return []
    found = engine.signals(
        engine.SurveyResult.from_dict(before.result["top"]),
        engine.SurveyResult.from_dict(survey.result["top"]),
    )
    for department, result in survey.result["teams"].items():
        earlier = before.result["teams"].get(department)
        if earlier:
            found += engine.signals(
                engine.SurveyResult.from_dict(earlier), engine.SurveyResult.from_dict(result)
            )
    return found


def trend(survey: Survey, department: str = "") -> list[dict[str, Any]]:
    """The eNPS and the theme scores (in this survey's themes' order) of the organisation, or
    of one department, over the waves up to this one; a wave where the group was withheld, or
    did not answer, shows its size only."""
    names = list(survey.result.get("top", {}).get("themes", {}))
    waves = Survey.objects.filter(status=Survey.Status.READY, held_on__lte=survey.held_on)
    out = []
    for wave in waves.order_by("held_on", "pk"):
        top = wave.result.get("top", {})
        figures = (
            next((g for g in top.get("groups", []) if g["group"] == department), None)
            if department
            else top.get("overall")
        ) or {"n": 0, "withheld": True}
        shown = not figures.get("withheld", True)
        themes = figures.get("themes", {}) if shown else {}
        out.append(
            {
                "survey": wave,
                "n": figures.get("n", 0),
                "withheld": not shown,
                "enps": figures.get("enps") if shown else None,
                "scores": [themes.get(t) for t in names],
            }
        )
    return out


def response_rates(survey: Survey) -> dict[str, float]:
    """Answers per department against its headcount at import (only where it is known and the
    group is shown: a rate would reveal a withheld group's size)."""
    if survey.result.get("level") != "department":
        return {}
    out = {}
    for figures in survey.result["top"]["groups"]:
        invited = survey.invited.get(figures["group"], 0)
        if invited and not figures["withheld"]:
            out[figures["group"]] = min(figures["n"] / invited, 1.0)
    return out


def rows(result: dict[str, Any], rates: dict[str, float] | None = None) -> list[dict[str, Any]]:
    """The organisation and each group with the theme scores in the themes' order (the
    template walks lists, not keys)."""
    names = list(result["themes"])
    out = []
    for figures in [result["overall"], *result["groups"]]:
        out.append(
            {
                **figures,
                "overall": figures is result["overall"],
                "scores": [figures["themes"].get(t) for t in names],
                "rate": (rates or {}).get(figures["group"]) if figures["group"] else None,
            }
        )
    return out


def items(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Each question of the whole group: its mean and how many gave each answer."""
    overall = result["overall"]
    if overall["withheld"]:
        return []
    return [
        {
            "item": item,
            "mean": overall["items"].get(item),
            "distribution": sorted(
                overall["distribution"].get(item, {}).items(), key=lambda kv: float(kv[0])
            ),
        }
        for item in result["items"]
    ]
