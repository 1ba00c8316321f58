"""A job-ad draft for a vacancy: composed from its criteria and what HR adds (tasks, pay,
conditions), checked by the inclusive job-ad check before it is shown, on the trail as an AI
output of the drafting entry; the person who uses it (edited or not) is the decision."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mensenwerk.core.models import Organisation, User
from mensenwerk.core.services import ServiceError
from mensenwerk.engines import drafting, jobad, llm
from mensenwerk.engines.drafting import rephrase
from mensenwerk.governance import services as trust
from mensenwerk.governance.models import AuditEntry
from mensenwerk.recruitment.models import Criterion, Vacancy
from mensenwerk.recruitment.services import do_check_job_ad

DRAFTING = "drafting"
AD_FACTS = {
    "tasks": gettext_lazy("the tasks"),
    "apply": gettext_lazy("how to apply"),
    "must_have": gettext_lazy("the criteria"),
    "salary_max": gettext_lazy("the salary range"),
    "languages": gettext_lazy("the languages"),
}
EDITED = "edited before use"  # the trail's reason, the same in every language


def vacancy_facts(vacancy: Vacancy) -> dict[str, Any]:
    criteria = list(vacancy.criteria.all())
    return {
        "organisation": Organisation.current().name,
        "title": vacancy.title,
        "must_have": [c.name for c in criteria if c.kind == Criterion.Kind.MUST],
        "nice_to_have": [c.name for c in criteria if c.kind == Criterion.Kind.NICE],
        "languages": [{"code": c.name, "level": c.level} for c in criteria if c.kind == "language"],
        "education": vacancy.education,
        "min_years": vacancy.min_years_experience,
    }


def do_draft_ad(vacancy: Vacancy, extra: dict[str, Any], actor: User) -> tuple[str, AuditEntry]:
    """(draft text, its AI output). Raises ApplicationInactive, or ServiceError naming a gap."""
    trust.require_active(DRAFTING)
    facts = {**vacancy_facts(vacancy), **{k: v for k, v in extra.items() if v not in (None, "")}}
    try:
        draft = drafting.compose("jobad", facts, vacancy.language)
    except drafting.DraftError as exc:  # the form asks for every fact; this is what is left
        label = str(AD_FACTS.get(exc.params.get("fact", ""), exc.params.get("fact", "")))
        raise ServiceError(
            _("The job ad cannot be drafted: check %(fact)s.") % {"fact": label}
        ) from None
    composed, model = draft.text, False
    endpoint = llm.endpoint_from(getattr(settings, "MENSENWERK_LLM", None))
    if endpoint is not None:  # the model may only reword; a changed fact keeps the composed text
        worded = rephrase.rephrase(endpoint, draft, [str(facts["organisation"])])
        composed, model = worded.text, worded.used
    report = jobad.check(draft.title, composed, vacancy.language)
    text = composed.split("\n", 2)[2] if composed.count("\n") >= 2 else composed
    with transaction.atomic():
        entry = trust.record_output(
            DRAFTING,
            engine=drafting.ENGINE,
            engine_version=drafting.VERSION,
            params={"kind": "jobad", "language": vacancy.language, "vacancy": vacancy.pk},
            subject=None,
            input_data=repr(sorted(facts.items())),
            output={
                "vacancy": vacancy.pk,
                "text": text,
                "findings": len(report.findings),
                "rephrased_by_model": model,
            },
            explanation=[f"{s.text[:80]} ← {', '.join(s.facts)}" for s in draft.sentences],
            actor=actor,
        )
    return text, entry


def do_use_ad(vacancy: Vacancy, output_id: int, text: str, actor: User) -> Vacancy:
    """The person puts the draft (as edited) in the vacancy; the check runs on it again."""
    output = AuditEntry.objects.filter(
        pk=output_id, kind=AuditEntry.Kind.OUTPUT, application=DRAFTING
    ).first()
    drafted = output.payload.data if output is not None and hasattr(output, "payload") else None
    if not drafted or drafted.get("output", {}).get("vacancy") != vacancy.pk:
        raise ServiceError(_("This draft does not belong to this vacancy; draft it again."))
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ServiceError(_("The text is empty."))
    edited = text != drafted["output"]["text"].strip()
    with transaction.atomic():
        trust.decide(
            output,
            actor=actor,
            decision="override" if edited else "accept",
            reason=EDITED if edited else "",
            followed_ai=not edited,
        )
        vacancy.description = text
        vacancy.save(update_fields=["description", "updated_at"])
        do_check_job_ad(vacancy, actor)
    return vacancy
