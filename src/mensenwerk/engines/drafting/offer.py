"""The offer letter (aanbiedingsbrief) to the person to be hired: the role, the start, the
contract, the hours and the pay, the conditions, and until when the offer stands."""

from __future__ import annotations

from mensenwerk.engines.drafting import Draft, Sentence
from mensenwerk.engines.drafting import facts as read
from mensenwerk.engines.drafting.common import SIGNATURE_KEYS, signature
from mensenwerk.engines.drafting.statement import CONTRACTS
from mensenwerk.engines.drafting.words import long_date, money, number

KNOWN = {
    "organisation", "name", "role", "department", "start_date", "contract", "end_date",
    "hours_per_week", "salary", "conditions", "reply_by", *SIGNATURE_KEYS,
}  # fmt: skip
TEXT = {
    "title": {"nl": "Aanbiedingsbrief", "en": "Offer of employment"},
    "dear": {"nl": "Beste {name},", "en": "Dear {name},"},
    "offer": {"nl": "Met plezier bieden wij je de functie van {role}{dept} aan bij {org}.",
              "en": "We are pleased to offer you the position of {role}{dept} at {org}."},
    "dept": {"nl": " op de afdeling {d}", "en": " in the {d} department"},
    "start": {"nl": "Je eerste werkdag is {day}.", "en": "Your first working day is {day}."},
    "permanent": {"nl": "Je krijgt een contract voor onbepaalde tijd.",
                  "en": "You get a permanent contract."},
    "temporary": {"nl": "Je krijgt een contract voor bepaalde tijd, tot en met {end}.",
                  "en": "You get a temporary contract, until {end}."},
    "hours": {"nl": "Je werkt {h} uur per week.", "en": "You work {h} hours a week."},
    "salary": {"nl": "Je salaris is {pay} bruto per maand.",
               "en": "Your salary is {pay} gross a month."},
    "conditions": {"nl": "Verder bieden wij:", "en": "We also offer:"},
    "reply": {"nl": "Laat je ons vóór {day} weten of je het aanbod aanneemt?",
              "en": "Please let us know before {day} whether you accept the offer."},
    "greeting": {"nl": "Met vriendelijke groet,", "en": "Kind regards,"},
}  # fmt: skip


def compose(raw: object, language: str) -> Draft:
    warnings = read.check_keys(raw, KNOWN)
    assert isinstance(raw, dict)
    t = {key: value[language] for key, value in TEXT.items()}
    org, name = read.text(raw, "organisation", True), read.text(raw, "name", True)
    role, start = read.text(raw, "role", True), read.day(raw, "start_date", True)
    salary = read.amount(raw, "salary", True)
    reply_by = read.day(raw, "reply_by", True)
    contract = read.choice(raw, "contract", CONTRACTS, "")
    if not contract:
        raise read.DraftError("missing_fact", fact="contract")
    assert org and name and role and start and salary is not None and reply_by
    department = read.text(raw, "department")
    dept = t["dept"].format(d=department) if department else ""
    out = [
        Sentence(t["dear"].format(name=name), ("name",)),
        Sentence(t["offer"].format(role=role, dept=dept, org=org),
                 ("role", "organisation") + (("department",) if department else ())),
        Sentence(t["start"].format(day=long_date(start, language)), ("start_date",)),
    ]  # fmt: skip
    if contract == "temporary":
        end = read.day(raw, "end_date", True)
        assert end
        if end < start:
            raise read.DraftError("bad_value", fact="end_date", reason="before start_date")
        out.append(Sentence(t["temporary"].format(end=long_date(end, language)),
                            ("contract", "end_date")))  # fmt: skip
    else:
        out.append(Sentence(t["permanent"], ("contract",)))
    hours = read.amount(raw, "hours_per_week")
    if hours is not None:
        out.append(Sentence(t["hours"].format(h=number(hours, language)), ("hours_per_week",)))
    out.append(Sentence(t["salary"].format(pay=money(salary, language)), ("salary",)))
    conditions = read.lines(raw, "conditions")
    if conditions:
        out.append(Sentence(t["conditions"], (), "heading"))
        out += [Sentence(f"- {c}", ("conditions",), "item") for c in conditions]
    out.append(Sentence(t["reply"].format(day=long_date(reply_by, language)), ("reply_by",)))
    out.append(Sentence(t["greeting"], ()))
    lines, more = signature(raw, language, org)
    return Draft("offer", language, t["title"], out + lines, warnings + more)
