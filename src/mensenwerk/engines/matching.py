"""Vacancy criteria × pseudonymised CV -> an explained, deterministic score.

Per criterion: met / partly met / not met, with the CV line it rests on. Evidence in work
experience, education or the profile counts fully; a mention only in a skills or keyword list
counts a quarter ("partly met"), so keyword stuffing cannot beat real experience.

Score (0–1) = 0.5 × must-haves + 0.3 × nice-to-haves (weighted) + 0.2 × experience
where a criterion scores 1 (met), 0.25 (partly met) or 0 (not met), and experience is the
relevant years in the CV divided by the minimum asked (at most 1). Without nice-to-haves or a
minimum, their share goes to the must-haves. Required languages and a required education level
are must-haves. A language counts as met when the CV names it (the level asked is shown to the
reviewer, not verified). An education level counts as met when the education section names that
level or a higher one (mbo < hbo/bachelor < wo/master), as not met when it names only lower
levels, and as partly met ("unclear") when it names none.

A criterion that names a qualification (a licence category, code 95, VCA, a diploma with its
level, a trade certificate: ``engines.qualifications``) is decided on what the CV states, not
on its words: met when held and valid, partly met when expired, of a lower category, only named
in work experience or only listed, not met when only wanted; ``CriterionResult.detail`` says
which. Relevant years come from the skill criteria and the occupation in the vacancy's title.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from mensenwerk.engines import qualifications, skills
from mensenwerk.engines.qualifications.names import MONTHS
from mensenwerk.engines.text import section_heading

ENGINE = "mensenwerk-matcher"
VERSION = "0.2.0"  # 0.2: qualifications as facts, relevant years from the occupation title
# a bare mention in a skills list earns a quarter: enough to break ties, never enough to let
# a stuffed list outrank one real, relevant job
CREDIT = {"met": 1.0, "partly_met": 0.25, "not_met": 0.0}
YEAR = r"(?:19[6-9]\d|20[0-4]\d)"
MONTH_NAMES = MONTHS  # Dutch and English month abbreviations, shared with qualifications
# a month before the year: "03/2019", "01 / 2006", "5/1/2003", "March 2019", "apr' 2014",
# "aug.2006", "mei 2019", "May 25th 2017"
MONTH = (
    r"(?:(?:0?[1-9]|1[0-2])\s?[/-]\s?(?:[0-3]?\d\s?[/-]\s?)?|(?:"
    + "|".join(MONTH_NAMES)
    + r")[a-z]*[.']?\s*(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?)?"
)
NOW = r"(?:heden|nu|present|now|current|today|huidig|date)"
# "2016 - heden", "2012 to 2016", "May 2017 till now", "2008 present" (a line break lost)
PERIOD = re.compile(
    rf"({MONTH}{YEAR})(?:\s*(?:-|–|—|tot|to|until|till|til|through|t/m)\s*(?:till\s+)?"
    rf"(?:now\s+)?|\s+)({MONTH}{YEAR}|{NOW})\b",
    re.IGNORECASE,
)
HAS_YEAR = re.compile(r"(?:19[6-9]|20[0-4])\d")


def period_matches(line: str) -> list[re.Match[str]]:
    """The periods in a line; most lines hold no year, and the full pattern is slow there."""
    return list(PERIOD.finditer(line)) if HAS_YEAR.search(line) else []


LANGUAGE_CRITERIA = {"nl": "Nederlands", "en": "Engels", "de": "Duits", "fr": "Frans"}
EDUCATION_LEVELS = {"mbo": 1, "hbo": 2, "wo": 3}
EDUCATION_PATTERNS = [  # (level, pattern) checked on lines of the education section
    (3, re.compile(r"\b(?:wo|master|msc|m\.sc|ma|mba|llm|phd|universiteit|university)\b", re.I)),
    (2, re.compile(r"\b(?:hbo|bachelor|bsc|b\.sc|ba|hogeschool|applied sciences)\b", re.I)),
    (1, re.compile(r"\b(?:mbo(?:[ -]?[1-4])?|roc|vocational|vakopleiding|bol|bbl)\b", re.I)),
]
EDUCATION_LABEL = {
    "nl": "Opleiding: {level} of hoger",
    "en": "Education: {level} or higher",
}


@dataclass(frozen=True)
class Criterion:
    name: str
    kind: str = "must_have"  # must_have | nice_to_have
    weight: float = 1.0


@dataclass
class Vacancy:
    title: str
    criteria: list[Criterion]
    min_years_experience: float = 0
    languages: list[str] = field(default_factory=list)
    language: str = "nl"
    education: str = ""  # "", mbo, hbo or wo: the minimum level asked
    language_levels: dict[str, str] = field(default_factory=dict)  # nl -> B2 (shown only)


@dataclass(frozen=True)
class CriterionResult:
    criterion: str
    kind: str
    status: str  # met | partly_met | not_met
    evidence: str
    section: str
    # for a qualification (``engines.qualifications``): met, expires_soon, expired,
    # lower_category, named, list_only, wanted or not_found; empty for a skill
    detail: str = ""


# how a qualification's standing counts: held and valid is met; held but lapsed, of a lower
# category, only named in work experience or only in a skills list is partly met (a reason to
# ask, never a match); only wanted or not found is not met
QUALIFICATION_STATUS = {
    "met": "met",
    "expires_soon": "met",
    "expired": "partly_met",
    "lower_category": "partly_met",
    "named": "partly_met",
    "list_only": "partly_met",
    "wanted": "not_met",
    "not_found": "not_met",
}


@dataclass
class Result:
    score: float
    criteria: list[CriterionResult]
    years: float
    relevant_years: float
    periods: list[str]

    @property
    def must_haves(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.kind == "must_have"]

    @property
    def knockouts(self) -> list[str]:
        """Must-haves not found at all: the recruiter may filter these out, the AI never does."""
        return [c.criterion for c in self.must_haves if c.status == "not_met"]

    def to_dict(self) -> dict[str, Any]:
        """As stored with an application (its ``result``) and printed by the CLI; no score:
        the application keeps its score apart."""
        return {
            "criteria": [asdict(c) for c in self.criteria],
            "years": self.years,
            "relevant_years": self.relevant_years,
            "periods": self.periods,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], score: float = 0.0) -> Result:
        """The stored form back; unknown keys (an older engine's) are ignored."""
        fields = ("criterion", "kind", "status", "evidence", "section", "detail")
        return cls(
            score=score,
            criteria=[
                CriterionResult(**{k: str(c.get(k, "")) for k in fields})
                for c in data.get("criteria", [])
            ],
            years=float(data.get("years", 0)),
            relevant_years=float(data.get("relevant_years", 0)),
            periods=list(data.get("periods", [])),
        )


def sections(text: str) -> list[tuple[str, str]]:
    """(section, line) for every non-empty line; lines before a heading are 'profile'."""
    current = "profile"
    out = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        heading = section_heading(line)
        if heading:
            current = heading
            continue
        out.append((current, line))
    return out


def _evaluate(criterion: Criterion, lines: list[tuple[str, str, list[str]]]) -> CriterionResult:
    terms = skills.expand(criterion.name)
    best: tuple[str, str, str] | None = None
    for section, line, line_stems in lines:
        if any(skills.matches(term, line_stems) for term in terms):
            status = "partly_met" if section in ("skills", "languages") else "met"
            if criterion.name in LANGUAGE_CRITERIA.values() and section == "languages":
                status = "met"  # for a language, the languages list is the evidence
            if best is None or CREDIT[status] > CREDIT[best[0]]:
                best = (status, line, section)
            if status == "met":
                break
    if best is None:
        return CriterionResult(criterion.name, criterion.kind, "not_met", "", "")
    return CriterionResult(criterion.name, criterion.kind, best[0], best[1][:300], best[2])


def _qualification(
    criterion: Criterion,
    req: qualifications.Requirement,
    found: list[qualifications.Fact],
    today: date,
) -> CriterionResult:
    checked = qualifications.check(req, found, today)
    fact = checked.fact
    return CriterionResult(
        criterion.name,
        criterion.kind,
        QUALIFICATION_STATUS[checked.detail],
        fact.line[:300] if fact else "",
        fact.section if fact else "",
        checked.detail,
    )


def relevance_terms(vacancy: Vacancy) -> list[skills.Term]:
    """What makes a work period relevant: the skills asked (not the qualifications: a VCA
    certificate says nothing about the job) and the occupation in the vacancy's title with its
    synonyms ("Vrachtwagenchauffeur" finds "beroepschauffeur", "boekhouder" bookkeeping)."""
    terms: dict[tuple[str, ...], skills.Term] = {}
    for criterion in vacancy.criteria:
        if qualifications.requirement(criterion.name) is None:
            terms.update((t.stems, t) for t in skills.expand(criterion.name))
    for term in skills.expand_title(vacancy.title):
        terms.setdefault(term.stems, term)
    return list(terms.values())


def _education(vacancy: Vacancy, lines: list[tuple[str, str, list[str]]]) -> CriterionResult:
    wanted = EDUCATION_LEVELS[vacancy.education]
    label = EDUCATION_LABEL.get(vacancy.language, EDUCATION_LABEL["en"])
    name = label.format(level=vacancy.education.upper())
    best: tuple[int, str] | None = None
    for section, line, _stems in lines:
        if section != "education":
            continue
        for level, pattern in EDUCATION_PATTERNS:
            if pattern.search(line):
                if best is None or level > best[0]:
                    best = (level, line)
                break
    if best is None:
        return CriterionResult(name, "must_have", "partly_met", "", "")
    status = "met" if best[0] >= wanted else "not_met"
    return CriterionResult(name, "must_have", status, best[1][:300], "education")


def _months(start: str, end: str, today: date) -> tuple[int, int]:
    def parse(value: str, is_end: bool) -> int:
        if re.fullmatch(NOW, value, re.IGNORECASE):
            return today.year * 12 + today.month - 1
        year = int(re.findall(YEAR, value)[-1])
        numeric = re.match(r"(\d{1,2})\s?[/-]", value)
        named = MONTH_NAMES.get(value[:3].lower())
        month = int(numeric.group(1)) if numeric else named or (12 if is_end else 1)
        return year * 12 + month - 1

    return parse(start, False), parse(end, True)


def experience(
    lines: list[tuple[str, str, list[str]]], terms: list[skills.Term], today: date
) -> tuple[float, float, list[str]]:
    """Total and relevant years from periods in the experience section (overlaps merged).
    A period is relevant when its line or the two lines after it mention a criterion."""
    spans: list[tuple[int, int]] = []
    relevant: list[tuple[int, int]] = []
    found: list[str] = []
    experience_lines = [(line, stems) for section, line, stems in lines if section == "experience"]
    for index, (line, _stems) in enumerate(experience_lines):
        for match in period_matches(line):
            start, end = _months(match.group(1), match.group(2), today)
            if end < start or end > today.year * 12 + 11:
                continue
            spans.append((start, end + 1))
            found.append(match.group(0))
            context = [s for _l, stems in experience_lines[index : index + 3] for s in stems]
            if any(skills.matches(term, context) for term in terms):
                relevant.append((start, end + 1))
    return _merged_years(spans), _merged_years(relevant), found


def _merged_years(spans: list[tuple[int, int]]) -> float:
    total, last_end = 0, -1
    for start, end in sorted(spans):
        start = max(start, last_end)
        if end > start:
            total += end - start
            last_end = end
    return round(total / 12, 1)


def score(vacancy: Vacancy, cv_text: str, today: date | None = None) -> Result:
    today = today or date.today()  # 'heden' in a CV means today: pass it for replays
    lines = [(section, line, skills.stems(line)) for section, line in sections(cv_text)]
    criteria = list(vacancy.criteria) + [
        Criterion(LANGUAGE_CRITERIA.get(code, code), "must_have") for code in vacancy.languages
    ]
    asked = [qualifications.requirement(c.name) for c in criteria]
    found = (
        qualifications.facts([(section, line) for section, line, _s in lines]) if any(asked) else []
    )
    results = [
        _qualification(c, req, found, today) if req else _evaluate(c, lines)
        for c, req in zip(criteria, asked, strict=True)
    ]
    if vacancy.education in EDUCATION_LEVELS:
        results.append(_education(vacancy, lines))
        criteria.append(Criterion(results[-1].criterion, "must_have"))
    years, relevant, periods = experience(lines, relevance_terms(vacancy), today)
    must = [r for r in results if r.kind == "must_have"]
    nice = [
        (r, c.weight) for r, c in zip(results, criteria, strict=True) if r.kind == "nice_to_have"
    ]
    parts: list[tuple[float, float]] = []  # (share, value)
    if must:
        parts.append((0.5, sum(CREDIT[r.status] for r in must) / len(must)))
    if nice:
        weight = sum(w for _r, w in nice)
        parts.append((0.3, sum(CREDIT[r.status] * w for r, w in nice) / weight))
    if vacancy.min_years_experience > 0:
        parts.append((0.2, min(1.0, relevant / vacancy.min_years_experience)))
    total_share = sum(share for share, _v in parts) or 1.0
    value = sum(share * v for share, v in parts) / total_share
    return Result(round(value, 4), results, years, relevant, periods)


MAX_CRITERIA = 50


class VacancyError(ValueError):
    """A vacancy description (YAML file or stored criteria) that cannot be used."""


def vacancy_from_dict(data: object) -> Vacancy:
    """The vacancy file format (README): validate and build; raise VacancyError naming the key."""
    if not isinstance(data, dict) or not isinstance(data.get("title"), str):
        raise VacancyError("the vacancy file needs at least a 'title'")
    criteria: list[Criterion] = []
    for position, name in enumerate(data.get("must_have") or [], start=1):
        if not isinstance(name, str) or not name.strip():
            raise VacancyError(f"must_have: item {position} must be text")
        criteria.append(Criterion(name.strip(), "must_have"))
    for position, item in enumerate(data.get("nice_to_have") or [], start=1):
        if isinstance(item, str) and item.strip():
            criteria.append(Criterion(item.strip(), "nice_to_have", 1.0))
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            weight = item.get("weight", 1)
            if (
                isinstance(weight, bool)
                or not isinstance(weight, int | float)
                or not 0 < weight <= 10
            ):
                raise VacancyError(f"nice_to_have item {position}: weight must be 0-10")
            criteria.append(Criterion(item["name"].strip(), "nice_to_have", float(weight)))
        else:
            raise VacancyError(f"nice_to_have: item {position} is not a name or name and weight")
    if not criteria:
        raise VacancyError("the vacancy file has no must_have or nice_to_have criteria")
    if len(criteria) > MAX_CRITERIA:
        raise VacancyError(f"at most {MAX_CRITERIA} criteria")
    if any(len(c.name) > 200 for c in criteria):
        raise VacancyError("a criterion is longer than 200 characters")
    years = data.get("min_years_experience", 0) or 0
    if isinstance(years, bool) or not isinstance(years, int | float) or not 0 <= years <= 50:
        raise VacancyError("min_years_experience must be a number of years (0-50)")
    raw_languages = data.get("languages") or []
    if not isinstance(raw_languages, list):
        raise VacancyError("languages must be a list such as [nl, en]")
    languages: list[str] = []
    levels: dict[str, str] = {}
    for position, item in enumerate(raw_languages, start=1):
        if isinstance(item, dict) and isinstance(item.get("code"), str):
            code = item["code"].strip().lower()
            if item.get("level"):
                levels[code] = str(item["level"])[:10]
        elif isinstance(item, str) and item.strip():
            code = item.strip().lower()
        else:
            raise VacancyError(f"languages: item {position} is not a language code")
        languages.append(code)
    education = str(data.get("education") or "").strip().lower()
    if education and education not in EDUCATION_LEVELS:
        raise VacancyError("education must be one of mbo, hbo, wo")
    return Vacancy(
        data["title"].strip(),
        criteria,
        float(years),
        languages,
        str(data.get("language", "nl")),
        education,
        levels,
    )


def vacancy_to_dict(vacancy: Vacancy, description: str = "") -> dict[str, object]:
    """The inverse of ``vacancy_from_dict``: what the app writes as the vacancy file."""
    out: dict[str, object] = {"title": vacancy.title, "language": vacancy.language}
    if description:
        out["description"] = description
    out["must_have"] = [c.name for c in vacancy.criteria if c.kind == "must_have"]
    out["nice_to_have"] = [
        c.name if c.weight == 1 else {"name": c.name, "weight": c.weight}
        for c in vacancy.criteria
        if c.kind == "nice_to_have"
    ]
    if vacancy.min_years_experience:
        out["min_years_experience"] = vacancy.min_years_experience
    if vacancy.languages:
        out["languages"] = [
            {"code": code, "level": vacancy.language_levels[code]}
            if code in vacancy.language_levels
            else code
            for code in vacancy.languages
        ]
    if vacancy.education:
        out["education"] = vacancy.education
    return out
