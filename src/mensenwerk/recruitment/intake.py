"""How a CV becomes an application: the public page (``do_apply``) and the bulk upload
(``do_start_upload``, then ``run_upload`` in the worker), with the self-identification
questions of the application form. Every file is read, pseudonymised and screened through
``services.screen``; a bad file gets a clear error and the rest of a batch goes on."""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from mensenwerk.core import jobs
from mensenwerk.core.jobs import do_create_job, do_update_job
from mensenwerk.core.models import Job, Person, User
from mensenwerk.core.services import ServiceError
from mensenwerk.engines import archive
from mensenwerk.engines.screening import DUPLICATE, contact_details, prepare_document
from mensenwerk.engines.text import Document, ExtractionError, extract
from mensenwerk.governance import services as trust
from mensenwerk.recruitment.messages import send_candidate_message
from mensenwerk.recruitment.models import (
    Application,
    GroupQuestion,
    MessageTemplate,
    SelfIdentification,
    StageEvent,
    Upload,
    Vacancy,
)
from mensenwerk.recruitment.services import (
    RETAIN_WITH_CONSENT,
    screen,
)

log = logging.getLogger("mensenwerk.recruitment")


CV_SUFFIXES = (".pdf", ".docx", ".txt")


ZIP_MAX_FILES = 500


ZIP_MAX_TOTAL = 200 * 1024 * 1024


def cv_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "cvs"
    path.mkdir(parents=True, exist_ok=True)
    return path


# Why one file did not become an application. Stored as a code with its parameters (an upload's
# results) and worded when read, in the reader's language; extraction codes come from
# engines.documents, "zip_*" from engines.archive.
FILE_ERRORS = {
    "empty": gettext_lazy("the file is empty"),
    "too_large": gettext_lazy("the file is larger than %(mb)s MB"),
    "image": gettext_lazy("the file is a %(kind)s image, not a document"),
    "encrypted": gettext_lazy("the PDF is password-protected"),
    "corrupt_pdf": gettext_lazy("not a readable PDF"),
    "corrupt_docx": gettext_lazy("not a readable Word (.docx) file"),
    "zip_bomb": gettext_lazy("the file unpacks to more than %(mb)s MB"),
    "too_many_pages": gettext_lazy("the document has more than %(limit)s pages"),
    "unsupported": gettext_lazy("unsupported file type; use PDF, DOCX or TXT"),
    "not_text": gettext_lazy("the file is not text"),
    "no_text": gettext_lazy("no readable text (a scan without a text layer?)"),
    "closed": gettext_lazy("This vacancy is not open for applications."),
    "interrupted": gettext_lazy(
        "the processing stopped while reading this file (the worker was stopped); upload it again"
    ),
    "lost": gettext_lazy("the file was lost"),
    "internal": gettext_lazy("internal error"),
    "zip_not_zip": gettext_lazy("not a readable ZIP file"),
    "zip_too_many_files": gettext_lazy("the ZIP holds more than %(n)s files"),
    "zip_unsafe_path": gettext_lazy("unsafe path in the ZIP; file skipped"),
    "zip_nested_zip": gettext_lazy("a ZIP inside a ZIP is not opened"),
    "zip_too_large": gettext_lazy("the file unpacks to more than the size limit"),
    "zip_unreadable": gettext_lazy("the file in the ZIP cannot be read"),
}


def file_error(code: str, params: dict[str, Any] | None = None) -> str:
    text = FILE_ERRORS.get(code)
    return str(text % (params or {})) if text else code


def result_error(result: dict[str, Any]) -> str:
    """One upload result's error in the reader's language (older results kept their words)."""
    if "code" in result:
        return file_error(result["code"], result.get("params"))
    return str(result.get("error", ""))


class IntakeError(Exception):
    """One file could not become an application: a code of FILE_ERRORS and its parameters;
    ``str()`` words it in the active language."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params

    def __str__(self) -> str:
        return file_error(self.code, self.params)


def _store(data: bytes, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    stored = f"{uuid.uuid4().hex}{suffix if suffix in CV_SUFFIXES else ''}"
    (cv_dir() / stored).write_bytes(data)
    return stored


def _read(data: bytes, filename: str) -> Document:
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise IntakeError("too_large", mb=settings.MAX_UPLOAD_BYTES // 2**20)
    if Path(filename).suffix.lower() not in CV_SUFFIXES:
        raise IntakeError("unsupported")
    try:
        return extract(data, filename)
    except ExtractionError as exc:
        raise IntakeError(exc.code, **exc.params) from None


def extraction_message(exc: ExtractionError) -> str:
    return file_error(exc.code, exc.params) if exc.code in FILE_ERRORS else str(exc)


def hidden_text_findings(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored hidden-text findings ({"reason", "text", "page"}) with a readable reason, for the
    pages that show them (a CV, a handbook document)."""
    labels = {
        "white": _("white text"),
        "tiny": _("tiny text"),
        "off_page": _("text outside the page"),
        "invisible": _("invisible text"),
        "hidden_attribute": _("text marked hidden"),
    }
    return [
        {**row, "label": labels.get(row.get("reason", ""), row.get("reason", ""))} for row in rows
    ]


def _person_from_cv(text: str) -> tuple[Person, str]:
    """A bulk upload has no form: the candidate's name, address and phone from the CV."""
    contact = contact_details(text)
    person = Person(
        first_name=contact.first_name or _("Unknown"),
        last_name=contact.last_name,
        email=contact.email[:254],
    )
    return person, contact.phone


def _intake(
    vacancy: Vacancy,
    data: bytes,
    filename: str,
    *,
    person: Person | None,
    phone: str,
    source: str,
    consent: bool,
    actor: User | None,
) -> tuple[Application, str]:
    """Store, parse, pseudonymise and (when the gate allows) score one CV, atomically. Without
    a person (bulk upload) the contact details are guessed from the CV."""
    doc = _read(data, filename)
    if person is None:
        person, phone = _person_from_cv(doc.text)
    prepared = prepare_document(
        doc,
        seed=uuid.uuid4().hex,
        names=[n for n in (person.first_name, person.last_name) if n],
        emails=[person.email] if person.email else [],
        phones=[phone] if phone else [],
    )
    key = secrets.token_urlsafe(24)
    with transaction.atomic():
        person.kind = Person.Kind.CANDIDATE
        if consent:
            person.retain_until = timezone.localdate() + RETAIN_WITH_CONSENT
        person.save()
        application = Application.objects.create(
            vacancy=vacancy,
            person=person,
            phone=phone[:40],
            source=source,
            pseudonym=prepared.pseudonym,
            original_name=Path(filename).name[:255],
            stored_name=_store(data, filename),
            file_hash=hashlib.sha256(data).hexdigest(),
            content_hash=prepared.content_hash,
            language=prepared.language,
            blind_text=prepared.text,
            hidden_text=[asdict(h) for h in prepared.hidden[:50]],
            flags=list(prepared.flags),
            consent_keep_year=consent,
            status_key_hash=hashlib.sha256(key.encode()).hexdigest(),
        )
        _mark_duplicate(application)
        StageEvent.objects.create(
            application=application, stage=Application.Stage.RECEIVED, actor=actor
        )
        try:
            screen(application, actor)
        except trust.ApplicationInactive:
            log.info("CV screening is switched off: application %s waits unscored", application.pk)
    return application, key


def _mark_duplicate(application: Application) -> None:
    earlier = (
        Application.objects.filter(vacancy=application.vacancy)
        .exclude(pk=application.pk)
        .filter(_same_candidate(application))
        .order_by("created_at", "pk")
        .first()
    )
    if earlier is not None:
        application.duplicate_of = earlier
        application.flags = [*application.flags, DUPLICATE]
        application.save(update_fields=["duplicate_of", "flags"])


def _same_candidate(application: Application) -> Q:
    """Same CV file, same CV text once names are removed, or the same e-mail address."""
    query = Q(file_hash=application.file_hash)
    if application.blind_text.strip():  # two scans both have no text: not the same CV
        query |= Q(content_hash=application.content_hash)
    if application.person.email:
        query |= Q(person__email__iexact=application.person.email)
    return query


def do_apply(
    vacancy: Vacancy,
    *,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    data: bytes,
    filename: str,
    consent: bool,
    gender: str = "",
    age_band: str = "",
    extra: dict[str, str] | None = None,
    status_url: str = "",
    notify: bool = True,
) -> tuple[Application, str]:
    """The public application page. Returns the application and the private status key."""
    if vacancy.status != Vacancy.Status.OPEN:
        raise IntakeError("closed")
    person = Person(
        first_name=first_name.strip()[:100], last_name=last_name.strip()[:150], email=email.strip()
    )
    with transaction.atomic():
        application, key = _intake(
            vacancy,
            data,
            filename,
            person=person,
            phone=phone,
            source="public",
            consent=consent,
            actor=None,
        )
        answers = valid_answers(extra or {})
        if gender or age_band or answers:
            SelfIdentification.objects.create(
                application=application, gender=gender, age_band=age_band, extra=answers
            )
    if notify:
        link = status_url.replace("KEY", key) if status_url else ""
        send_candidate_message(application, MessageTemplate.Kind.RECEIVED, actor=None, link=link)
    return application, key


def upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "cv-uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def do_start_upload(vacancy: Vacancy, files: list[tuple[str, bytes]], actor: User) -> Upload:
    unpacked = archive.unpack(
        files,
        max_bytes=settings.MAX_UPLOAD_BYTES,
        max_total=ZIP_MAX_TOTAL,
        max_files=ZIP_MAX_FILES,
    )
    stored = []
    for name, data in unpacked.files:
        token = uuid.uuid4().hex
        (upload_dir() / token).write_bytes(data)
        stored.append({"name": name[:255], "stored": token})
    with transaction.atomic():
        job = do_create_job("cv_upload", vacancy.title, actor, total=len(stored))
        upload = Upload.objects.create(
            vacancy=vacancy,
            job=job,
            files=stored,
            results=[
                {"name": r.name, "ok": False, "code": f"zip_{r.code}", "params": r.params}
                for r in unpacked.errors
            ],
            created_by=actor,
        )
        jobs.enqueue(job, "mensenwerk.recruitment.tasks.process_upload", upload.pk)
    return upload


def run_upload(upload_id: int) -> Upload:
    """Background half: each file becomes an application or an error; none stops the rest.

    Resumable after a crash: a file is first marked as started, then screened and given its
    result in one transaction; its upload copy is deleted after. Run again, files that have a
    result are skipped, and a file that was started but has no application keeps the
    'processing stopped' error, so every file ends with one result and nothing twice."""
    upload = Upload.objects.select_related("vacancy", "job").get(pk=upload_id)
    job = upload.job
    assert job is not None
    do_update_job(job, status=Job.Status.RUNNING)
    results = list(upload.results)
    for index, item in enumerate(upload.files, start=1):
        path = upload_dir() / item["stored"]
        if any(r.get("stored") == item["stored"] for r in results):
            path.unlink(missing_ok=True)  # done before the crash; its copy may be left
            continue
        marker = {"name": item["name"], "stored": item["stored"], "ok": False}
        results.append({**marker, "code": "interrupted"})
        upload.results = results
        upload.save(update_fields=["results"])
        try:
            _upload_one(upload, path, marker, results)
        except IntakeError as exc:
            results[-1] = {**marker, "code": exc.code, "params": exc.params}
        except OSError:
            results[-1] = {**marker, "code": "lost"}
        except Exception:  # one bad file must not stop the batch; the log has the details
            log.exception("CV upload %s: %s failed", upload.pk, item["name"])
            results[-1] = {**marker, "code": "internal"}
        upload.results = results
        upload.save(update_fields=["results"])
        path.unlink(missing_ok=True)
        do_update_job(job, progress=index)
    failed = sum(1 for r in results if not r["ok"])
    do_update_job(
        job,
        status=Job.Status.DONE,
        progress=len(upload.files),
        code="cv_upload_done",
        params={"added": len(results) - failed, "failed": failed},
    )
    return upload


def _upload_one(upload: Upload, path: Path, marker: dict[str, Any], results: list[dict]) -> None:
    """One file of an upload: its application and its result commit together."""
    data = path.read_bytes()
    with transaction.atomic():
        application, _key = _intake(
            upload.vacancy,
            data,
            marker["name"],
            person=None,
            phone="",
            source="upload",
            consent=False,
            actor=upload.created_by,
        )
        results[-1] = {**marker, "ok": True, "pseudonym": application.pseudonym}
        upload.results = results
        upload.save(update_fields=["results"])


def uploaded(added: int, failed: int) -> str:
    """'1 CV added, 2 files with an error', with each noun in its number."""
    cvs = ngettext("%(n)s CV added", "%(n)s CVs added", added) % {"n": added}
    errors = ngettext("%(n)s file with an error", "%(n)s files with an error", failed)
    return f"{cvs}, {errors % {'n': failed}}"


def delete_orphan_uploads(older_than: datetime) -> int:
    """Upload copies no unfinished upload points at: a web process that died between writing
    the files and recording the upload, or a crash after a file was processed."""
    wanted = {
        item["stored"]
        for upload in Upload.objects.exclude(job__status__in=[Job.Status.DONE, Job.Status.FAILED])
        for item in upload.files
    }
    return jobs.delete_unreferenced(upload_dir(), wanted, older_than)


def valid_answers(extra: dict[str, str]) -> dict[str, str]:
    """Only answers to active questions, with one of their own answer codes."""
    codes = {
        q.key: {o["code"] for o in q.options} for q in GroupQuestion.objects.filter(active=True)
    }
    return {k: v for k, v in extra.items() if v in codes.get(k, ())}


def do_add_group_question(question_nl: str, question_en: str, options_text: str) -> GroupQuestion:
    """Add a voluntary self-identification question; options are 'Nederlands / English' lines."""
    options = []
    for line in options_text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        nl, sep, en = line.partition("/")
        if not sep or not nl.strip() or not en.strip():
            raise ServiceError(
                _("Each answer needs a Dutch and an English text, separated by a slash.")
            )
        options.append(
            {"code": f"o{len(options) + 1}", "nl": nl.strip()[:80], "en": en.strip()[:80]}
        )
    if not 2 <= len(options) <= 12:
        raise ServiceError(_("Give two to twelve answers."))
    base = slugify(question_en)[:24] or "question"
    key, n = base, 1
    while GroupQuestion.objects.filter(key=key).exists() or key in ("gender", "age_band"):
        n += 1
        key = f"{base}-{n}"
    return GroupQuestion.objects.create(
        key=key, question_nl=question_nl.strip(), question_en=question_en.strip(), options=options
    )


def do_set_group_question_active(question: GroupQuestion, active: bool) -> GroupQuestion:
    question.active = active
    question.save(update_fields=["active"])
    return question
