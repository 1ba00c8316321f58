"""The reference letter (getuigschrift): what the law requires, and on request the rest.

BW art. 7:656: the nature of the work and the start and end of the employment always; the
manner of performance and the reason for leaving only when the employee asks
(``include_performance``, ``include_reason``, both off by default)."""

from __future__ import annotations

from typing import Any

from mensenwerk.engines.drafting import PERFORMANCE_OFF, REASON_OFF, Draft, Sentence
from mensenwerk.engines.drafting import facts as read
from mensenwerk.engines.drafting.common import SIGNATURE_KEYS, signature
from mensenwerk.engines.drafting.words import PRONOUNS, capital, listing, long_date, number

KNOWN = {
    "organisation", "name", "pronoun", "role", "department", "start_date", "end_date",
    "hours_per_week", "tasks", "achievements", "include_performance", "performance",
    "include_reason", "reason_for_leaving", *SIGNATURE_KEYS,
}  # fmt: skip
PRONOUN_CHOICES = {"zij": "zij", "she": "zij", "hij": "hij", "he": "hij", "hen": "hen",
                   "they": "hen", "name": "name", "naam": "name"}  # fmt: skip
LEVELS = {"excellent": "excellent", "uitstekend": "excellent", "good": "good", "goed": "good",
          "satisfactory": "satisfactory", "voldoende": "satisfactory"}  # fmt: skip

TEXT = {
    "title": {"nl": "Getuigschrift", "en": "Reference"},
    "employed": {
        "nl": "{org} verklaart dat {name} van {start} tot en met {end} bij ons in dienst was "
        "als {role}{dept}.",
        "en": "{org} confirms that {name} was employed by us as {role}{dept} from {start} "
        "to {end}.",
    },
    "dept": {"nl": " op de afdeling {d}", "en": " in the {d} department"},
    "hours": {"nl": "{subj} werkte {h} uur per week.", "en": "{subj} worked {h} hours a week."},
    "tasks": {"nl": "Tot {poss} behoorden: {items}.", "en": "{poss} included: {items}."},
    "achievements": {
        "nl": "In het bijzonder noemen wij: {items}.",
        "en": "We would particularly mention: {items}.",
    },
    # honest per level: each says what it means, none is a coded stock phrase
    "excellent": {
        "nl": "{subj} heeft {work} uitstekend gedaan; wij waarderen {effort} zeer.",
        "en": "{subj} did {work} excellently; we greatly value {effort}.",
    },
    "good": {"nl": "{subj} heeft {work} goed gedaan.", "en": "{subj} did {work} well."},
    "satisfactory": {
        "nl": "{subj} heeft {work} naar behoren gedaan.",
        "en": "{subj} did {work} adequately.",
    },
    "own_request": {
        "nl": "Het dienstverband is beëindigd op verzoek van {name}.",
        "en": "The employment ended at the request of {name}.",
    },
    "contract_end": {
        "nl": "Het dienstverband eindigde doordat de overeenkomst afliep.",
        "en": "The employment ended when the contract expired.",
    },
    "other_reason": {"nl": "Reden van vertrek: {r}.", "en": "Reason for leaving: {r}."},
    "closing": {
        "nl": "Wij wensen {name} veel succes voor de toekomst.",
        "en": "We wish {name} every success in the future.",
    },
}
# an achievement that starts with one of these is a deed: it gets the person as its subject
DEEDS = {
    "nl": {"heeft", "is", "was", "werd"},
    "en": {"has", "had", "was", "led", "introduced", "reduced", "trained", "set", "built"},
}
REASONS = {"eigen verzoek": "own_request", "own request": "own_request",
           "op eigen verzoek": "own_request", "einde contract": "contract_end",
           "end of contract": "contract_end", "contract expired": "contract_end"}  # fmt: skip


class _Person:
    """How the letter refers to the employee: the name, or the pronoun they chose."""

    def __init__(self, name: str, pronoun: str, language: str) -> None:
        self.name, self.language = name, language
        self.words = None if pronoun == "name" else PRONOUNS[language][pronoun]

    @property
    def subject(self) -> str:
        return capital(self.words[0]) if self.words else self.name

    def their(self, noun: str, article: str = "de") -> str:
        """'haar taken' / 'de taken van Fatima El Amrani'; 'her tasks' / "Fatima's tasks"."""
        if self.words:
            return f"{self.words[1]} {noun}"
        if self.language == "nl":
            return f"{article} {noun} van {self.name}"
        return f"{self.name}'s {noun}"


def compose(raw: object, language: str) -> Draft:
    warnings = read.check_keys(raw, KNOWN)
    assert isinstance(raw, dict)
    org, name = read.text(raw, "organisation", True), read.text(raw, "name", True)
    role = read.text(raw, "role", True)
    start, end = read.day(raw, "start_date", True), read.day(raw, "end_date", True)
    assert org and name and role and start and end
    if end < start:
        raise read.DraftError("bad_value", fact="end_date", reason="before start_date")
    person = _Person(name, read.choice(raw, "pronoun", PRONOUN_CHOICES, "name"), language)
    t = {key: value[language] for key, value in TEXT.items()}
    department = read.text(raw, "department")
    dept = t["dept"].format(d=department) if department else ""
    keys = ("organisation", "name", "start_date", "end_date", "role")
    out = [
        Sentence(
            t["employed"].format(
                org=org,
                name=name,
                start=long_date(start, language),
                end=long_date(end, language),
                role=role,
                dept=dept,
            ),
            (*keys, "department") if department else keys,
        )
    ]
    hours = read.amount(raw, "hours_per_week")
    if hours is not None:
        if not 0 < hours <= 80:
            raise read.DraftError("bad_value", fact="hours_per_week", reason="expected 1 to 80")
        out.append(Sentence(t["hours"].format(subj=person.subject, h=number(hours, language)),
                            ("hours_per_week",) + (() if person.words else ("name",))))  # fmt: skip
    out += _work(raw, t, person, language)
    out += _on_request(raw, t, person, warnings)
    out.append(Sentence(t["closing"].format(name=name), ("name",)))
    lines, more = signature(raw, language, org)
    return Draft("reference", language, t["title"], out + lines, warnings + more)


def _work(raw: dict[str, Any], t: dict[str, str], person: _Person, language: str) -> list[Sentence]:
    out = []
    tasks = read.lines(raw, "tasks")
    if tasks:
        noun = "taken" if language == "nl" else "tasks"
        poss = capital(person.their(noun)) if language == "en" else person.their(noun)
        out.append(Sentence(t["tasks"].format(poss=poss, items=listing(tasks, language)),
                            ("tasks",)))  # fmt: skip
    achievements = read.lines(raw, "achievements")
    told = [a for a in achievements if a.split(" ", 1)[0].lower() in DEEDS[language]]
    if told:  # "Heeft de omsteltijd … verkort": said of the person
        subject = person.subject
        for deed in told:
            text = f"{subject} {deed[:1].lower()}{deed[1:]}."
            out.append(Sentence(text, ("achievements",) + (() if person.words else ("name",))))
    rest = [a for a in achievements if a not in told]
    if rest:
        items = "; ".join(rest)
        out.append(Sentence(t["achievements"].format(items=items), ("achievements",)))
    return out


def _on_request(
    raw: dict[str, Any], t: dict[str, str], person: _Person, warnings: list[str]
) -> list[Sentence]:
    """Performance and reason for leaving: only when the employee asked for them."""
    out = []
    level = read.choice(raw, "performance", LEVELS, "")
    if read.flag(raw, "include_performance"):
        if not level:
            raise read.DraftError("missing_fact", fact="performance")
        nl = person.language == "nl"
        work = person.their("werk", "het") if nl else person.their("work")
        effort = (
            person.their("inzet en resultaten") if nl else person.their("commitment and results")
        )
        text = t[level].format(subj=person.subject, work=work, effort=effort)
        out.append(Sentence(text, ("performance", "include_performance")))
    elif level:
        warnings.append(PERFORMANCE_OFF)
    reason = read.text(raw, "reason_for_leaving")
    if read.flag(raw, "include_reason"):
        if not reason:
            raise read.DraftError("missing_fact", fact="reason_for_leaving")
        known = REASONS.get(reason.lower())
        text = t[known].format(name=person.name) if known else t["other_reason"].format(r=reason)
        out.append(Sentence(text, ("reason_for_leaving", "include_reason")))
    elif reason:
        warnings.append(REASON_OFF)
    return out
