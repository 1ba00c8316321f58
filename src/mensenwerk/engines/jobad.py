"""The inclusive job-ad check: gender-coded words, exclusionary phrases, a neutral job title,
readability, length and completeness, for Dutch and English ads.

Word lists (``WORDS``) are written for this project:
- English: the masculine and feminine word stems of Gaucher, Friesen & Kay (2011), "Evidence
  that gendered wording in job advertisements exists and sustains gender inequality", Journal
  of Personality and Social Psychology 101(1), as popularised by the gender-decoder tool;
- Dutch: our own translation of those stems into Dutch word stems, extended with words Dutch
  recruitment guides flag (e.g. "stressbestendig", "daadkrachtig"). This is a heuristic, not
  a validated instrument; the app says so.
Readability: Flesch reading ease (English) and Flesch-Douma (Dutch), syllables estimated from
vowel groups.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ENGINE = "mensenwerk-job-ad-check"
VERSION = "2"  # 2: an alternative per finding; jargon, pressure and culture phrases


MASCULINE = {
    "en": (
        "active adventurous aggress ambitio analy assert athlet autonom battle boast challeng "
        "champion compet confident courag decid decision decisive defend determin domina dominant "
        "driven fearless fight force greedy head-strong headstrong hierarch hostil impulsive "
        "independen individual intellect lead logic objective opinion outspoken persist "
        "principle reckless self-confiden self-relian self-sufficien selfconfiden selfrelian "
        "selfsufficien stubborn superior unreasonab"
    ).split(),
    "nl": (
        "actief avontuur agressie agressief ambitie ambitieu analyse analytisch assertief "
        "atletisch autonoom strijd uitdag kampioen competitie competitief concurre "
        "zelfverzeker besluitvaardig beslis doortast verded vastberaden dominant gedreven "
        "onbevreesd vecht kracht hebzucht koppig hiërarch vijandig impulsief onafhankelijk "
        "individu intellect leiding leider logisch objectief uitgesproken volhard principe "
        "roekeloos zelfstandig superieur daadkrachtig stressbestendig resultaatgericht "
        "winnaar targets ondernemend slagvaardig"
    ).split(),
}
FEMININE = {
    "en": (
        "agree affectionate child cheer collab commit communal compassion connect considerate "
        "cooperat co-operat depend emotiona empath feel flatterable gentle honest "
        "interpersonal interdependen interpersona inter-personal inter-dependen inter-persona "
        "kind kinship loyal modesty nag nurtur pleasant polite quiet respon sensitiv "
        "submissive support sympath tender together trust understand warm whin enthusias "
        "inclusive yield share sharin"
    ).split(),
    "nl": (
        "eens aanhankelijk kind vrolijk samenwerk toegewijd gemeenschap medeleven verbind "
        "attent coöperatief afhankelijk emotione empathi gevoel zachtaardig eerlijk "
        "interpersoonlijk vriendelijk verwant loyaal bescheiden zorgzaam verzorg prettig "
        "beleefd rustig verantwoordelijk gevoelig ondersteun sympathie teder samen vertrouw "
        "begrip warm enthousias inclusief delen betrokken harmonie"
    ).split(),
}
# words that start with a coded stem but carry no gender coding
EXCEPTIONS = {"en": {"sharepoint"}, "nl": {"kinderopvang", "samenvatting", "eenheid"}}
# phrase -> (kind, suggestion key); matched case-insensitively on word boundaries
EXCLUSIONARY = {
    "nl": {
        r"jong(?:e)? en dynamisch(?:e)?": "age",
        r"jong team": "age",
        r"jonge collega": "age",
        r"max(?:imaal|\.)? \d{2} jaar": "age",
        r"tussen de \d{2} en \d{2} jaar": "age",
        r"starter(?:s)? met weinig ervaring": "age",
        r"digital native": "age",
        r"moedertaal nederlands": "language",
        r"nederlands als moedertaal": "language",
        r"native speaker": "language",
        r"accentloos": "language",
        r"goede fysieke conditie": "physical",
        r"fysiek fit": "physical",
        r"representatief uiterlijk": "appearance",
        r"verzorgd uiterlijk": "appearance",
        r"geen hoofddoek": "religion",
        r"rockstar(?:s)?": "jargon",
        r"ninja(?:'s)?": "jargon",
        r"guru(?:'s)?": "jargon",
        r"onder (?:hoge )?druk (?:kunnen )?presteren": "pressure",
        r"presteren onder (?:hoge )?druk": "pressure",
        r"werken onder (?:hoge )?druk": "pressure",
        r"work hard,? play hard": "culture",
    },
    "en": {
        r"young and dynamic": "age",
        r"young team": "age",
        r"recent graduates? only": "age",
        r"digital native": "age",
        r"under \d{2}": "age",
        r"native (?:english )?speaker": "language",
        r"mother tongue": "language",
        r"physically fit": "physical",
        r"able to lift \d+": "physical",
        r"well-groomed": "appearance",
        r"clean-shaven": "appearance",
        r"rock-?stars?": "jargon",
        r"ninjas?": "jargon",
        r"gurus?": "jargon",
        r"(?:thrive|work well|perform) under pressure": "pressure",
        r"work hard,? play hard": "culture",
    },
}
NEUTRAL_MARKER = re.compile(
    r"\((?:m/v/x|v/m/x|m/v|v/m|m/w/d|h/f/x|m/f/x|m/f|f/m|x/v/m)\)"
    r"|\bm/v/x\b|\bm/v\b",
    re.IGNORECASE,
)
MALE_TITLE = {
    "nl": re.compile(r"\b\w+man\b", re.IGNORECASE),
    "en": re.compile(r"\b\w*(?:man|men)\b(?<!human)", re.IGNORECASE),
}
MALE_TITLE_EXCEPTIONS = {"human", "manager", "management", "german", "roman", "woman"}
SECTIONS = {
    "salary": {
        "nl": r"(?:€|eur\b|euro|salaris|loonschaal|schaal \d+|bruto)",
        "en": r"(?:€|£|\$|eur\b|salary|pay range|per annum|gross)",
    },
    "tasks": {
        "nl": r"(?:wat ga je doen|taken|werkzaamheden|verantwoordelijkheden|jouw rol|je rol)",
        "en": r"(?:what you will do|responsibilities|tasks|your role|duties)",
    },
    "requirements": {
        "nl": r"(?:wat vragen wij|wat breng je mee|functie-eisen|profiel|je hebt|jij hebt|eisen)",
        "en": r"(?:requirements|what you bring|you have|qualifications|skills)",
    },
    "apply": {
        "nl": r"(?:solliciteren|solliciteer|reageren|reageer|sollicitatie|stuur je cv)",
        "en": r"(?:how to apply|apply|application|send your cv)",
    },
}
TARGET_READING_EASE = 60.0  # Dutch: B1 / "redelijk makkelijk"; English: plain English
LENGTH_RANGE = (250, 700)
WORD = re.compile(r"[a-zA-Zà-ÿÀ-ÝĳĲ'-]+")


@dataclass(frozen=True)
class Finding:
    kind: str  # masculine | feminine | exclusionary | title | readability | length | missing
    text: str = ""
    detail: str = ""  # suggestion key or section name
    alternative: str = ""  # what to write instead, in the ad's language


@dataclass
class JobAdReport:
    language: str
    words: int
    reading_ease: float
    masculine: list[str] = field(default_factory=list)
    feminine: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """As stored with the vacancy (``job_ad_report``)."""
        return {
            "language": self.language,
            "words": self.words,
            "reading_ease": self.reading_ease,
            "coding": self.coding,
            "masculine": self.masculine,
            "feminine": self.feminine,
            "findings": [asdict(f) for f in self.findings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JobAdReport:
        """The stored form back (older reports lack the coded word lists)."""
        return cls(
            language=str(data.get("language", "")),
            words=int(data.get("words", 0)),
            reading_ease=float(data.get("reading_ease", 0)),
            masculine=list(data.get("masculine", [])),
            feminine=list(data.get("feminine", [])),
            findings=[
                Finding(
                    str(f.get("kind", "")),
                    str(f.get("text", "")),
                    str(f.get("detail", "")),
                    str(f.get("alternative", "")),
                )
                for f in data.get("findings", [])
            ],
        )

    @property
    def coding(self) -> str:
        """gender-decoder's verdict: which side has more coded words, and how strongly."""
        difference = len(self.masculine) - len(self.feminine)
        if difference == 0:
            return "neutral"
        side = "masculine" if difference > 0 else "feminine"
        return f"strongly_{side}" if abs(difference) >= 3 else side


def syllables(word: str, language: str) -> int:
    vowels = "aeiouyàáâäèéêëìíîïòóôöùúûü"
    groups = re.findall(rf"[{vowels}]+", word.lower())
    count = len(groups)
    if (
        language == "en"
        and word.lower().endswith("e")
        and count > 1
        and not word.lower().endswith(("le", "ee"))
    ):
        count -= 1  # a silent final e
    return max(1, count)


def reading_ease(text: str, language: str) -> float:
    sentences = max(1, len(re.findall(r"[.!?]+(?:\s|$)", text)) or 1)
    words = WORD.findall(text)
    if not words:
        return 0.0
    per_sentence = len(words) / sentences
    per_word = sum(syllables(w, language) for w in words) / len(words)
    if language == "nl":
        return round(206.835 - 0.93 * per_sentence - 77 * per_word, 1)  # Flesch-Douma
    return round(206.835 - 1.015 * per_sentence - 84.6 * per_word, 1)  # Flesch reading ease


def coded_words(text: str, language: str) -> tuple[list[str], list[str]]:
    words = [w.lower().strip("'-") for w in WORD.findall(text)]
    words = [w for w in words if w not in EXCEPTIONS[language]]
    masculine = [w for w in words if any(w.startswith(stem) for stem in MASCULINE[language])]
    feminine = [w for w in words if any(w.startswith(stem) for stem in FEMININE[language])]
    return masculine, feminine


ALTERNATIVES = json.loads(
    (Path(__file__).parent / "data" / "jobad_alternatives.json").read_text(encoding="utf-8")
)
# findings a writer should resolve before publishing (the others are advice on style)
BLOCKING = ("masculine", "exclusionary", "title")


def alternative(kind: str, word: str, language: str, detail: str = "") -> str:
    """What to write instead of a flagged word or phrase, in the ad's language."""
    table = ALTERNATIVES.get(kind, {})
    if kind == "title":
        return str(table.get(language, ""))
    entries = table.get(language, {})
    if kind == "exclusionary":
        return str(entries.get(detail, ""))
    stems = sorted((s for s in entries if word.startswith(s)), key=len, reverse=True)
    return str(entries[stems[0]]) if stems else ""


def check(title: str, text: str, language: str) -> JobAdReport:
    language = language if language in ("nl", "en") else "nl"
    body = f"{title}\n{text}"
    words = WORD.findall(text)
    masculine, feminine = coded_words(body, language)
    report = JobAdReport(language, len(words), reading_ease(text, language), masculine, feminine)
    for kind, coded in (("masculine", masculine), ("feminine", feminine)):
        for word in coded:
            report.findings.append(Finding(kind, word, "", alternative(kind, word, language)))
    for pattern, kind in EXCLUSIONARY[language].items():
        spaced = pattern.replace(" ", r"\s+")  # a phrase may break over a line
        for match in re.finditer(rf"\b{spaced}\b", body, re.IGNORECASE):
            instead = alternative("exclusionary", "", language, kind)
            report.findings.append(Finding("exclusionary", match.group(0), kind, instead))
    if not NEUTRAL_MARKER.search(title):
        male = [
            m.group(0)
            for m in MALE_TITLE[language].finditer(title)
            if m.group(0).lower() not in MALE_TITLE_EXCEPTIONS
        ]
        if male or language == "nl":
            report.findings.append(
                Finding(
                    "title",
                    male[0] if male else title.strip(),
                    "male_title" if male else "no_marker",
                    alternative("title", "", language),
                )
            )
    if report.reading_ease < TARGET_READING_EASE:
        report.findings.append(
            Finding(
                "readability", f"{report.reading_ease:.0f}", f"target {TARGET_READING_EASE:.0f}"
            )
        )
    low, high = LENGTH_RANGE
    if not low <= report.words <= high:
        report.findings.append(
            Finding("length", str(report.words), "too_short" if report.words < low else "too_long")
        )
    for section, patterns in SECTIONS.items():
        if not re.search(patterns[language], body, re.IGNORECASE):
            report.findings.append(Finding("missing", section, section))
    return report
