"""`POST /api/v1/assistant/ask`: the same answers as the chat page, for Teams or an intranet."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from mensenwerk.assistant import services
from mensenwerk.assistant.forms import MAX_QUESTION
from mensenwerk.assistant.models import Question
from mensenwerk.core.api_auth import roles
from mensenwerk.core.permissions import ANY_USER
from mensenwerk.core.services import ServiceError

router = Router(tags=["HR assistant"])


class AskIn(Schema):
    question: str = Field(..., max_length=MAX_QUESTION)  # the chat page's limit


@router.post("/assistant/ask", auth=roles(ANY_USER))
def ask(request: HttpRequest, body: AskIn) -> dict[str, Any]:
    """Answer from the documents the caller may read. ``escalate`` is true and ``answer``
    empty when the assistant does not know or the question is about the caller's own data."""
    try:
        question = services.ask(request.user, body.question, Question.Via.API)
    except ServiceError as exc:
        raise HttpError(400, str(exc)) from None
    answered = question.kind == Question.Kind.ANSWERED
    return {
        "id": question.pk,
        "question": question.text,
        "answer": question.answer if answered else "",
        "confidence": question.confidence,
        "escalate": not answered,
        "kind": question.kind,
        "generated": question.generated,
        "citations": [
            {**c, "url": request.build_absolute_uri(f"/assistant/passages/{c['passage']}/")}
            for c in question.citations
        ],
    }
