"""Structured interview kits: the same competency-based (STAR) questions for every candidate,
one per criterion of the vacancy, in the vacancy's language, with an anchored 1–5 scale.

Structured interviews with anchored scales are the best-supported way to make interviews fair
and predictive (Schmidt & Hunter 1998; Levashina et al. 2014); the kit is generated from the
vacancy's criteria, so it asks about what the job needs and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from mensenwerk.engines.matching import LANGUAGE_CRITERIA, Vacancy

ENGINE = "interview-kit"
VERSION = "1"


QUESTION = {
    "nl": (
        "Vertel over een concrete situatie waarin je {criterion} nodig had. Wat was de situatie, "
        "wat was jouw taak, wat deed je precies en wat was het resultaat?"
    ),
    "en": (
        "Tell us about a specific situation in which you needed {criterion}. What was the "
        "situation, what was your task, what exactly did you do, and what was the result?"
    ),
}
LANGUAGE_QUESTION = {
    "nl": "Het gesprek (of een deel ervan) wordt gevoerd in het {criterion}: "
    "vertel in die taal over je laatste werk.",
    "en": "The conversation (or part of it) is held in {criterion}: "
    "describe your most recent work in that language.",
}
PROBES = {
    "nl": [
        "Wat deed jij zelf, en wat deden anderen?",
        "Hoe wist je dat het resultaat goed was?",
        "Wat zou je een volgende keer anders doen?",
    ],
    "en": [
        "What did you do yourself, and what did others do?",
        "How did you know the result was good?",
        "What would you do differently next time?",
    ],
}
CLOSING = {
    "nl": "Wat spreekt je aan in deze functie, en wat wil je nog van ons weten?",
    "en": "What attracts you to this role, and what would you like to know from us?",
}
ANCHORS = {
    "nl": {
        1: "Geen voorbeeld, of alleen algemene uitspraken.",
        2: "Een voorbeeld, maar eigen aandeel of resultaat blijft vaag.",
        3: "Concreet voorbeeld met eigen aandeel; resultaat beperkt of niet helder.",
        4: "Concreet voorbeeld; eigen aandeel en resultaat zijn helder.",
        5: "Meerdere concrete voorbeelden met helder resultaat en reflectie op wat beter kan.",
    },
    "en": {
        1: "No example, or only general statements.",
        2: "An example, but own part or result stays vague.",
        3: "Specific example with own part; result limited or unclear.",
        4: "Specific example; own part and result are clear.",
        5: "Several specific examples with a clear result and reflection on what could improve.",
    },
}


@dataclass(frozen=True)
class Question:
    key: str  # stable id used by scorecards: "c1", "c2", …
    criterion: str
    kind: str  # must_have | nice_to_have | language | closing
    text: str
    probes: tuple[str, ...]


def kit(vacancy: Vacancy) -> list[Question]:
    language = vacancy.language if vacancy.language in QUESTION else "en"
    names = [(c.name, c.kind) for c in vacancy.criteria]
    questions: list[Question] = []
    for name, kind in names:
        questions.append(
            Question(
                f"c{len(questions) + 1}",
                name,
                kind,
                QUESTION[language].format(criterion=name),
                tuple(PROBES[language]),
            )
        )
    for code in vacancy.languages:
        name = LANGUAGE_CRITERIA.get(code, code)
        questions.append(
            Question(
                f"c{len(questions) + 1}",
                name,
                "language",
                LANGUAGE_QUESTION[language].format(criterion=name),
                (),
            )
        )
    questions.append(Question("closing", "", "closing", CLOSING[language], ()))
    return questions


def anchors(language: str) -> dict[int, str]:
    return ANCHORS.get(language, ANCHORS["en"])
