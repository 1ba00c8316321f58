"""`mensenwerk ask`: answer questions from a folder of documents, no server or database."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

from mensenwerk.engines import retrieval

NOT_FOUND = {
    "nl": "Dat staat niet in de documenten die ik ken. Stel je vraag aan HR.",
    "en": "That is not in the documents I know. Please ask HR.",
}
PERSONAL = {
    "nl": "Dit gaat over je eigen gegevens; die kent alleen HR of het personeelsportaal.",
    "en": "This is about your own data, which only HR or the employee portal knows.",
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mensenwerk ask",
        description="Answer a question with quotes and citations from the documents in a "
        "folder (PDF, DOCX, Markdown, HTML, TXT); the index is cached and reused while the "
        "files are unchanged.",
    )
    p.add_argument("--kb", required=True, type=Path, help="folder with the documents")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--questions", type=Path, help="a file with one question per line (JSON lines)")
    p.add_argument("question", nargs="*", help="the question")
    return p


def cache_path(root: Path) -> Path:
    """Next to the documents; in the data folder when the knowledge base is read-only."""
    if os.access(root, os.W_OK):
        return root / retrieval.CACHE_NAME
    data = Path(os.environ.get("MENSENWERK_DATA_DIR", "").strip() or "data").expanduser()
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    folder = data / "assistant-cache"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{key}.json"


def run(argv: list[str]) -> int:
    p = parser()
    args = p.parse_args(argv)
    if not args.kb.is_dir():
        p.error(f"--kb {args.kb}: not a folder")
    if bool(args.questions) == bool(args.question):
        p.error("give a QUESTION or --questions FILE")
    from mensenwerk.config import env_bool

    folder = retrieval.index_folder(
        args.kb,
        cache_path(args.kb),
        embed=env_bool("MENSENWERK_ASSISTANT_DENSE", True),
        progress=_progress,
    )
    for path, message in folder.errors:
        print(f"mensenwerk ask: skipped {path}: {message}", file=sys.stderr)
    if args.questions:
        try:
            lines = args.questions.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            p.error(f"--questions {args.questions}: {exc}")
        for line in lines:
            if line.strip():
                print(json.dumps(_result(folder.index, line), ensure_ascii=False))
        return 0
    result = _result(folder.index, " ".join(args.question))
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(_text(result))
    return 0


def _progress(done: int, total: int) -> None:
    """Embedding is slow the first time (about half a second per passage) and cached after."""
    if done == total or done % (retrieval.dense.BATCH * 8) == 0:
        print(f"mensenwerk ask: {done}/{total} passages embedded", file=sys.stderr, flush=True)


def _result(index: retrieval.Index, question: str) -> dict:
    data = retrieval.answer(index, question).as_dict()
    for citation in data["citations"]:
        for key in ("title", "anchor", "coverage"):
            citation.pop(key, None)
    return data


def _text(result: dict) -> str:
    language = retrieval.question_language(result["question"]) or "nl"
    if result["kind"] == "empty":
        return "Stel een vraag. / Please ask a question."
    if result["kind"] == "too_long":
        return (
            f"De vraag is langer dan {retrieval.MAX_QUESTION} tekens. / "
            f"The question is longer than {retrieval.MAX_QUESTION} characters."
        )
    if result["kind"] == "personal":
        return PERSONAL[language]
    if result["escalate"]:
        return NOT_FOUND[language]
    how = (
        f"match {result['confidence']:.2f} (by meaning and words)"
        if result["method"] == "hybrid"
        else f"confidence {result['confidence']:.2f} (by words only)"
    )
    lines = [f"“{result['answer']}”", "", how, ""]
    for number, citation in enumerate(result["citations"], start=1):
        date = f" (effective {citation['effective_date']})" if citation["effective_date"] else ""
        lines.append(f"[{number}] {citation['document']} — {citation['section']}{date}")
    return "\n".join(lines)
