"""Drafting from recorded facts: a reference letter (getuigschrift, BW art. 7:656), an
employer's statement (werkgeversverklaring), a job ad from a vacancy's criteria and an offer
letter (aanbiedingsbrief), in Dutch or English, without a language model.

Contract: ``compose(kind, facts, language) -> Draft``. Every sentence carries the keys of the
facts it states, and no date, amount or name appears that is not in the facts; a required fact
that is missing raises ``DraftError("missing_fact", fact=...)`` instead of being guessed. The
performance and the reason for leaving are written only when their switch is on (the employee
asked for them). The wording per performance level is honest, not coded: "excellent" is not
written as a stock phrase, and "satisfactory" does not read as praise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from mensenwerk.engines.drafting.facts import DraftError

ENGINE = "drafting"
VERSION = "1"
KINDS = ("reference", "statement", "jobad", "offer")
# the warnings a draft can carry, in English; the app words them in the reader's language
NO_DATE = "no date: add 'date' (the day the document is signed)"
NO_SIGNATORY = "no signatory: add 'signatory: {name, title}'"
PERFORMANCE_OFF = "performance not written: include_performance is off"
REASON_OFF = "reason for leaving not written: include_reason is off"
NO_SALARY = "no salary: an ad with a salary range gets more and more diverse applicants"
LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class Sentence:
    text: str
    facts: tuple[str, ...]  # the fact keys this sentence states
    # body (a paragraph) | field (a line of a form) | signature | heading | item (a bullet)
    section: str = "body"


@dataclass
class Draft:
    kind: str
    language: str
    title: str
    sentences: list[Sentence]
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The title, then paragraphs: each body sentence on its own, a form's fields and the
        signature lines each as one block."""
        blocks = [self.title]
        for section, group in groupby(self.sentences, key=lambda s: s.section):
            texts = [s.text for s in group]
            blocks += texts if section == "body" else ["\n".join(texts)]
        return "\n\n".join(blocks) + "\n"

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "language": self.language,
            "text": self.text,
            "sentences": [{"text": s.text, "facts": list(s.facts)} for s in self.sentences],
            "warnings": self.warnings,
        }


def compose(kind: str, facts: object, language: str = "nl") -> Draft:
    from mensenwerk.engines.drafting import jobad, offer, reference, statement

    if language not in LANGUAGES:
        raise DraftError("bad_value", fact="language", reason="expected nl or en")
    if kind == "reference":
        return reference.compose(facts, language)
    if kind == "statement":
        return statement.compose(facts, language)
    if kind == "jobad":
        return jobad.compose(facts, language)
    if kind == "offer":
        return offer.compose(facts, language)
    raise DraftError("unknown_kind", kind=kind)


__all__ = [
    "ENGINE", "KINDS", "NO_DATE", "NO_SALARY", "NO_SIGNATORY", "PERFORMANCE_OFF", "REASON_OFF",
    "VERSION",
    "Draft", "DraftError", "Sentence", "compose",
]  # fmt: skip
