"""Role profiles: HR's own rows, the shipped competences, and skills suggested from the role's
description and its recent vacancies or from an imported ESCO occupation — an AI output on
the trail that HR takes or leaves, row by row (all: accept; some: override, "changed before
acceptance"; none: reject)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mensenwerk.core.models import JobRole, User
from mensenwerk.core.services import ServiceError
from mensenwerk.engines import esco
from mensenwerk.engines import skills as taxonomy
from mensenwerk.governance import services as trust
from mensenwerk.recruitment.models import Criterion, Vacancy
from mensenwerk.skills.models import ProfileSuggestion, RoleProfile
from mensenwerk.skills.services import CHANGED, SKILLS, do_save_profile, vocabulary

NONE_TAKEN = "none taken"  # the trail's reason code when HR takes no suggestion
RECENT_VACANCIES = 5
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "Engels", "de": "Duits", "fr": "Frans"}
# CEFR as a 1–5 skill level: A1/A2 basics, B1 independent use, B2 fluent, C1 proficient, C2+
CEFR_LEVEL = {"A1": 1, "A2": 1, "B1": 2, "B2": 3, "C1": 4, "C2": 5, "NATIVE": 5}


def do_add_to_profile(job_role: JobRole, rows: list[tuple[str, int, bool]]) -> RoleProfile:
    """Append rows (shipped competences, taken suggestions) the profile lacks."""
    profile = RoleProfile.objects.filter(job_role=job_role).first()
    current = [(r.skill, r.level, r.must) for r in profile.skills.all()] if profile else []
    have = {skill.casefold() for skill, _level, _must in current}
    added = [row for row in rows if row[0].casefold() not in have]
    return do_save_profile(job_role, current + added, profile.description if profile else "")


def recent_vacancies(job_role: JobRole) -> list[Vacancy]:
    return list(Vacancy.objects.filter(title__icontains=job_role.title)[:RECENT_VACANCIES])


def _candidates(job_role: JobRole) -> list[dict[str, Any]]:
    """Criteria of the role's recent vacancies (must-haves as must-haves, languages at their
    CEFR level), then the taxonomy skills the role's description names."""
    items: list[dict[str, Any]] = []
    vacancies = recent_vacancies(job_role)
    criteria = Criterion.objects.filter(vacancy__in=vacancies).select_related("vacancy")
    for c in criteria.order_by("vacancy__created_at", "position"):
        if c.kind == Criterion.Kind.LANGUAGE:
            name = LANGUAGE_NAMES.get(c.name, c.name)
            items.append(_item(name, CEFR_LEVEL.get(c.level.upper(), 2), True, c.vacancy.title))
        else:
            items.append(_item(c.name, 2, c.kind == Criterion.Kind.MUST, c.vacancy.title))
    profile = RoleProfile.objects.filter(job_role=job_role).first()
    if profile and profile.description:
        for label in taxonomy.suggest(profile.description, "nl"):
            items.append(_item(label, 2, False, ""))
    return items


def _item(skill: str, level: int, must: bool, vacancy: str) -> dict[str, Any]:
    return {"skill": skill[:200], "level": level, "must": must, "vacancy": vacancy, "ticked": True}


def do_suggest(job_role: JobRole, actor: User) -> ProfileSuggestion:
    """Suggest the skills the profile does not have yet; on the trail as an AI output."""
    trust.require_active(SKILLS)
    return _suggest(job_role, actor, _candidates(job_role), taxonomy.ENGINE, taxonomy.VERSION)


def do_suggest_from_occupation(job_role: JobRole, uri: str, actor: User) -> ProfileSuggestion:
    """The essential (must-have, ticked) and optional skills of an imported ESCO occupation,
    in the organisation's language where ESCO has it; HR takes them like any suggestion."""
    trust.require_active(SKILLS)
    occupation = next((o for o in taxonomy.occupations() if o.uri == uri), None)
    if occupation is None:
        raise ServiceError(_("That ESCO occupation is not in the import."))
    name = occupation.label("nl")
    items = [
        {**_item(_concept_label(c), 2 if must else 1, must, ""), "esco": name, "ticked": must}
        for must, concepts in ((True, occupation.essential), (False, occupation.optional))
        for c in concepts
    ]
    return _suggest(job_role, actor, items, esco.ENGINE, esco.VERSION)


def _concept_label(concept: taxonomy.Concept) -> str:
    return (concept.nl or concept.en or (concept.id,))[0]


def _suggest(
    job_role: JobRole, actor: User, candidates: list[dict[str, Any]], engine: str, version: str
) -> ProfileSuggestion:
    vocab = vocabulary()
    profile = RoleProfile.objects.filter(job_role=job_role).first()
    have = set()
    for row in profile.skills.all() if profile else []:
        match = vocab.match(row.skill)
        have.add(match.key if match else row.skill.casefold())
    items = []
    for item in candidates:
        match = vocab.match(item["skill"])
        key = match.key if match else item["skill"].casefold()
        if key not in have:
            have.add(key)
            items.append(item)
    if not items:
        raise ServiceError(
            _("Nothing to suggest: the profile has every skill its description and recent "
              "vacancies name.")
        )  # fmt: skip
    with transaction.atomic():
        entry = trust.record_output(
            SKILLS,
            engine=engine,
            engine_version=version,
            params={"vacancies": RECENT_VACANCIES},
            subject=None,
            input_data=job_role.title,
            output={"skills": [i["skill"] for i in items]},
            explanation={i["skill"]: i.get("esco") or i["vacancy"] or "description" for i in items},
            actor=actor,
        )
        return ProfileSuggestion.objects.create(job_role=job_role, output_entry=entry, items=items)


def do_take(suggestion: ProfileSuggestion, actor: User, taken: list[int]) -> None:
    """HR's decision on a suggestion: the rows it takes join the profile."""
    if suggestion.decided_at is not None:
        raise ServiceError(_("This suggestion has already been decided."))
    picked = [suggestion.items[i] for i in sorted(set(taken)) if 0 <= i < len(suggestion.items)]
    if not picked:
        decision, reason = "reject", NONE_TAKEN
    elif len(picked) < len(suggestion.items):
        decision, reason = "override", CHANGED
    else:
        decision, reason = "accept", ""
    with transaction.atomic():
        if suggestion.output_entry is not None:
            trust.decide(
                suggestion.output_entry,
                actor=actor,
                decision=decision,
                reason=reason,
                followed_ai=decision == "accept",
            )
        if picked:
            do_add_to_profile(
                suggestion.job_role, [(i["skill"], i["level"], i["must"]) for i in picked]
            )
        suggestion.decided_at = timezone.now()
        suggestion.save(update_fields=["decided_at"])
