"""A job-ad draft from a vacancy's criteria and the organisation's conditions, in short
sentences and neutral words, with the sections the job-ad check looks for (tasks,
requirements, salary, how to apply) and (m/v/x) in the title. The criteria are HR's own words:
a coded word among them is not rewritten here, the check names it with an alternative."""

from __future__ import annotations

from typing import Any

from mensenwerk.engines.drafting import NO_SALARY, Draft, Sentence
from mensenwerk.engines.drafting import facts as read
from mensenwerk.engines.drafting.words import money
from mensenwerk.engines.jobad import NEUTRAL_MARKER

KNOWN = {
    "organisation", "profile", "title", "location", "hours", "salary_min", "salary_max",
    "conditions", "tasks", "must_have", "nice_to_have", "languages", "education", "min_years",
    "apply",
}  # fmt: skip
LANGUAGE_NAMES = {
    "nl": {"nl": "Nederlands", "en": "Engels", "de": "Duits", "fr": "Frans"},
    "en": {"nl": "Dutch", "en": "English", "de": "German", "fr": "French"},
}
EDUCATION = {
    "nl": {"mbo": "een mbo-diploma", "hbo": "een hbo-diploma", "wo": "een universitair diploma"},
    "en": {"mbo": "a vocational (MBO) diploma", "hbo": "a bachelor's degree",
           "wo": "a master's degree"},
}  # fmt: skip
TEXT = {
    "intro": {"nl": "{org} zoekt een {title}.", "en": "{org} is looking for a {title}."},
    "where": {"nl": "Je werkt in {place}.", "en": "You work in {place}."},
    "tasks": {"nl": "Wat ga je doen?", "en": "What you will do"},
    "asks": {"nl": "Wat vragen wij?", "en": "What we ask"},
    "years": {"nl": "Je hebt minstens {n} jaar ervaring in dit werk.",
              "en": "You have at least {n} years of experience in this work."},
    "education": {"nl": "Je hebt {d} of dezelfde kennis op een andere manier opgedaan.",
                  "en": "You have {d} or gained the same knowledge in another way."},
    "language": {"nl": "Je spreekt {lang}{level}.", "en": "You speak {lang}{level}."},
    "level": {"nl": " op niveau {lv}", "en": " at level {lv}"},
    "nice": {"nl": "Mooi meegenomen", "en": "Nice to have"},
    "offer": {"nl": "Wat bieden wij?", "en": "What we offer"},
    "salary": {"nl": "Een salaris van {low} tot {high} bruto per maand.",
               "en": "A salary of {low} to {high} gross a month."},
    "salary_from": {"nl": "Een salaris vanaf {low} bruto per maand.",
                    "en": "A salary from {low} gross a month."},
    "hours": {"nl": "Werktijd: {h} uur per week.", "en": "Working hours: {h} hours a week."},
    "apply": {"nl": "Solliciteren", "en": "How to apply"},
    "apply_how": {"nl": "Solliciteer via {how}. Wij lezen elke sollicitatie.",
                  "en": "Apply via {how}. We read every application."},
    "fair": {"nl": "Wij kijken naar wat je kunt, niet naar wie je bent.",
             "en": "We look at what you can do, not at who you are."},
}  # fmt: skip


def compose(raw: object, language: str) -> Draft:
    warnings = read.check_keys(raw, KNOWN)
    assert isinstance(raw, dict)
    t = {key: value[language] for key, value in TEXT.items()}
    org, title = read.text(raw, "organisation", True), read.text(raw, "title", True)
    assert org and title
    shown = title if NEUTRAL_MARKER.search(title) else f"{title} (m/v/x)"
    out = [Sentence(t["intro"].format(org=org, title=NEUTRAL_MARKER.sub("", title).strip()),
                    ("organisation", "title"))]  # fmt: skip
    profile = read.text(raw, "profile")
    if profile:
        out.append(Sentence(profile, ("profile",)))
    place = read.text(raw, "location")
    if place:
        out.append(Sentence(t["where"].format(place=place), ("location",)))
    tasks = read.lines(raw, "tasks")
    if not tasks:
        raise read.DraftError("missing_fact", fact="tasks")
    out += _section(t["tasks"], tasks, "tasks")
    out += _asks(raw, t, language)
    nice = read.lines(raw, "nice_to_have")
    if nice:
        out += _section(t["nice"], nice, "nice_to_have")
    out += _offer(raw, t, language, warnings)
    how = read.text(raw, "apply")
    if not how:
        raise read.DraftError("missing_fact", fact="apply")
    out += [
        Sentence(t["apply"], (), "heading"),
        Sentence(t["apply_how"].format(how=how), ("apply",)),
        Sentence(t["fair"], ()),
    ]
    return Draft("jobad", language, shown, out, warnings)


def _section(heading: str, items: list[str], key: str) -> list[Sentence]:
    return [Sentence(heading, (), "heading"), *(Sentence(f"- {i}", (key,), "item") for i in items)]


def _asks(raw: dict[str, Any], t: dict[str, str], language: str) -> list[Sentence]:
    items = [Sentence(f"- {m}", ("must_have",), "item") for m in read.lines(raw, "must_have")]
    years = read.amount(raw, "min_years")
    if years:
        items.append(Sentence(f"- {t['years'].format(n=int(years))}", ("min_years",), "item"))
    education = read.choice(raw, "education", {k: k for k in ("mbo", "hbo", "wo")}, "")
    if education:
        degree = EDUCATION[language][education]
        items.append(Sentence(f"- {t['education'].format(d=degree)}", ("education",), "item"))
    for entry in _languages(raw):
        code, level = entry
        name = LANGUAGE_NAMES[language].get(code, code)
        level_text = t["level"].format(lv=level) if level else ""
        line = t["language"].format(lang=name, level=level_text)
        items.append(Sentence(f"- {line}", ("languages",), "item"))
    if not items:
        raise read.DraftError("missing_fact", fact="must_have")
    return [Sentence(t["asks"], (), "heading"), *items]


def _languages(raw: dict[str, Any]) -> list[tuple[str, str]]:
    value = raw.get("languages") or []
    if not isinstance(value, list):
        raise read.DraftError("bad_value", fact="languages", reason="expected a list")
    out = []
    for entry in value[:10]:
        if isinstance(entry, dict):
            code, level = str(entry.get("code", "")), str(entry.get("level", "") or "")
        else:
            code, _sep, level = str(entry).strip().partition(" ")
        code = code.strip().lower()
        if code not in LANGUAGE_NAMES["nl"]:
            raise read.DraftError("bad_value", fact="languages", reason=f"unknown language {code}")
        level = level.strip().upper()
        out.append((code, "" if level in ("", "NATIVE") else level))
    return out


def _offer(
    raw: dict[str, Any], t: dict[str, str], language: str, warnings: list[str]
) -> list[Sentence]:
    items = []
    low, high = read.amount(raw, "salary_min"), read.amount(raw, "salary_max")
    if low is not None and high is not None:
        if high < low:
            raise read.DraftError("bad_value", fact="salary_max", reason="below salary_min")
        text = t["salary"].format(low=money(low, language), high=money(high, language))
        items.append(Sentence(f"- {text}", ("salary_min", "salary_max"), "item"))
    elif low is not None:
        text = t["salary_from"].format(low=money(low, language))
        items.append(Sentence(f"- {text}", ("salary_min",), "item"))
    else:
        warnings.append(NO_SALARY)
    hours = read.text(raw, "hours")
    if hours:
        items.append(Sentence(f"- {t['hours'].format(h=hours)}", ("hours",), "item"))
    items += [Sentence(f"- {c}", ("conditions",), "item") for c in read.lines(raw, "conditions")]
    return [Sentence(t["offer"], (), "heading"), *items] if items else []
