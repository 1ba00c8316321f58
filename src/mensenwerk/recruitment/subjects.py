"""What recruitment holds about a person, for the trust layer's rights hooks (access report,
erasure, finding a candidate by pseudonym); registered in ``apps.py``."""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

from mensenwerk.core import jobs
from mensenwerk.core.models import Person
from mensenwerk.recruitment.intake import upload_dir
from mensenwerk.recruitment.models import (
    Application,
    SelfIdentification,
    Upload,
)

log = logging.getLogger("mensenwerk.recruitment")


def people_by_application_pseudonym(query: str) -> list[Person]:
    """A candidate by the pseudonym recruiters saw on their application."""
    return [a.person for a in Application.objects.filter(pseudonym__iexact=query.strip())]


ERASED = "[gewist / erased]"


def erase_candidate_traces(person: Person) -> int:
    """What the cascade does not reach: the person's file names and pseudonyms in bulk-upload
    records (their names are often in the file name), and upload copies that name them.
    Runs before the person is deleted; returns how many records or files were cleaned."""
    applications = list(person.applications.all())
    names = {a.original_name for a in applications if a.original_name}
    pseudonyms = {a.pseudonym for a in applications}
    cleaned = 0
    for upload in Upload.objects.filter(vacancy__in={a.vacancy_id for a in applications}):
        files = [{**f, "name": ERASED} if f.get("name") in names else f for f in upload.files]
        results = [
            {**r, "name": ERASED, "pseudonym": ""}
            if r.get("name") in names or r.get("pseudonym") in pseudonyms
            else r
            for r in upload.results
        ]
        if files != upload.files or results != upload.results:
            upload.files, upload.results = files, results
            upload.save(update_fields=["files", "results"])
            cleaned += 1
    needles = [v for v in (person.full_name, person.email, *names) if v and len(v) >= 5]
    for path in jobs.files_mentioning(upload_dir(), needles):
        path.unlink(missing_ok=True)
        cleaned += 1
    return cleaned


def subject_applications(person: Person) -> list[dict[str, Any]]:
    """For the access report (GDPR art. 15): every application of this person, complete."""
    rows = []
    for app in person.applications.select_related("vacancy").prefetch_related("messages"):
        own = SelfIdentification.objects.filter(application=app).first()
        rows.append(
            {
                "vacancy": app.vacancy.title,
                "received_at": app.created_at.isoformat(timespec="seconds"),
                "file": app.original_name,
                "stage": app.stage,
                "score": app.score,
                "ai_suggestion": app.ai_suggestion,
                "flags": app.flags,
                "criteria": [asdict(c) for c in app.match.criteria] if app.match else [],
                "decision_reason": app.decision_reason,
                "consent_keep_year": app.consent_keep_year,
                "cv_text_as_assessed": app.blind_text,
                "messages": [
                    {"subject": m.subject, "sent_at": m.sent_at.isoformat(timespec="seconds")}
                    for m in app.messages.all()
                ],
                "self_identification": {
                    "gender": own.gender,
                    "age_band": own.age_band,
                    **own.extra,
                }
                if own
                else {},
            }
        )
    return rows
