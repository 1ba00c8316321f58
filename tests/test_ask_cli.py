"""`mensenwerk ask` as a user runs it: a folder in, cited JSON out, no server or database."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli import mensenwerk

DEMO = Path(__file__).resolve().parent.parent / "src" / "mensenwerk" / "assistant" / "demo_data"


def _kb(tmp_path: Path) -> Path:
    kb = tmp_path / "kb"
    shutil.copytree(DEMO, kb / "hr")
    (kb / "kapot.pdf").write_bytes(b"%PDF-1.4 broken")
    return kb


def test_it_answers_with_citations_and_caches_the_index(tmp_path):
    kb = _kb(tmp_path)
    result = mensenwerk("ask", "--kb", str(kb), "--format", "json", "Hoe meld ik me ziek?")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"question", "answer", "confidence", "escalate", "citations"}
    assert data["escalate"] is False
    assert data["answer"]
    first = data["citations"][0]
    assert first["document"] == "hr/personeelsgids.md"
    assert first["section"] == "Ziekte en verzuim > Ziekmelden"
    assert data["answer"] in first["text"]
    assert "kapot.pdf" in result.stderr  # the broken file is named, the rest answered
    assert (kb / ".mensenwerk-index.json").is_file()
    again = mensenwerk("ask", "--kb", str(kb), "--format", "json", "Hoe meld ik me ziek?")
    assert json.loads(again.stdout) == data


def test_it_declines_what_is_not_in_the_documents_and_reads_a_question_file(tmp_path):
    kb = _kb(tmp_path)
    questions = tmp_path / "q.txt"
    questions.write_text(
        "Waar vind ik mijn loonstrook?\nWat is de hoofdstad van Australië?\n\n"
        "Wat is mijn salaris?\n",
        encoding="utf-8",
    )
    result = mensenwerk("ask", "--kb", str(kb), "--questions", str(questions))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["escalate"] for r in rows] == [False, True, True]
    assert rows[1]["answer"] == ""
    assert rows[1]["citations"] == []
    assert rows[2]["kind"] == "personal"
    text = mensenwerk("ask", "--kb", str(kb), "Wat is de hoofdstad van Australië?")
    assert "Dat staat niet in de documenten die ik ken" in text.stdout


def test_bad_arguments_exit_2(tmp_path):
    assert mensenwerk("ask", "--kb", str(tmp_path / "missing"), "vraag").returncode == 2
    assert mensenwerk("ask", "--kb", str(tmp_path)).returncode == 2
