"""The HR team's own AI competences on the adoption cockpit's AI-literacy page, next to the AI
Act art. 4 training coverage: per competence, how many of the people whose role profile asks
for it have a gap. Counts only; for others than HR only when the group is large enough."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mensenwerk.core.models import Organisation, Person
from mensenwerk.core.roles import Role
from mensenwerk.core.sections import Section
from mensenwerk.skills.services import Context, analyse

# The four key competences for HR in an AI transformation, as shipped for HR staff's profiles
# (Dutch name as the profile writes it, English label, the level an HR professional needs).
HR_AI_COMPETENCES = [
    ("Datageletterdheid", _("Data literacy"), 3),
    ("Prompten en AI-tools gebruiken", _("Prompting and using AI tools"), 2),
    ("AI-ethiek en AI-verordening", _("AI ethics and law (AI Act, GDPR)"), 3),
    ("Besluiten met AI-advies", _("Augmented decision-making"), 3),
]


def hr_competences(request: HttpRequest) -> Section | None:
    context = Context.load()
    keys = {}
    for name, label, _level in HR_AI_COMPETENCES:
        match = context.vocab.match(name)
        if match is not None:
            keys[match.key] = label
    asked = [
        role
        for role, requirements in context.profiles.items()
        if any((m := context.vocab.match(r.skill)) and m.key in keys for r in requirements)
    ]
    if not asked:
        return ("skills/_hr_competences.html", {"rows": [], "people": 0})
    today = timezone.localdate()
    people = (
        Person.objects.employees()
        .exclude(end_date__lt=today)
        .filter(job_role_id__in=asked)
        .select_related("department", "job_role")
        .prefetch_related("skills")
    )
    counts = {key: [0, 0] for key in keys}  # people asked, people with a gap
    for person in people:
        for gap_key, asked_for in _asked(person, context).items():
            if gap_key in counts:
                counts[gap_key][0] += 1
                counts[gap_key][1] += asked_for
    min_group = Organisation.current().bias_min_group
    hr = request.user.has_role(Role.HR)  # type: ignore[union-attr]
    rows = [
        (label, n, gap if hr or n >= min_group else None)
        for key, label in keys.items()
        for n, gap in [counts[key]]
    ]
    return (
        "skills/_hr_competences.html",
        {"rows": rows, "people": len(people), "min_group": min_group},
    )


def _asked(person: Person, context: Context) -> dict[str, bool]:
    """Per competence the person's role asks for: whether they have a gap in it."""
    result = analyse(person, context)
    gaps = {gap.key for gap in result.gaps}
    out = {}
    for requirement in context.profiles.get(person.job_role_id or 0, []):
        match = context.vocab.match(requirement.skill)
        if match is not None:
            out[match.key] = match.key in gaps
    return out
