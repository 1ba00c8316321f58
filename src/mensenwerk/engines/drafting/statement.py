"""The employer's statement (werkgeversverklaring) for a mortgage or a rental: the standard
fields, each from a fact. A missing field is asked for, never guessed: amounts that do not
apply are given as 0, the probation and the intention to continue as true or false."""

from __future__ import annotations

from mensenwerk.engines.drafting import Draft, Sentence
from mensenwerk.engines.drafting import facts as read
from mensenwerk.engines.drafting.common import SIGNATURE_KEYS, signature
from mensenwerk.engines.drafting.words import long_date, money

KNOWN = {
    "organisation", "organisation_address", "name", "birth_date", "start_date", "contract",
    "end_date", "salary", "holiday_pay", "end_of_year_payment", "irregular_allowance",
    "probation", "probation_end", "will_continue", *SIGNATURE_KEYS,
}  # fmt: skip
CONTRACTS = {"permanent": "permanent", "vast": "permanent", "onbepaalde tijd": "permanent",
             "temporary": "temporary", "tijdelijk": "temporary",
             "bepaalde tijd": "temporary"}  # fmt: skip
AMOUNTS = ("salary", "holiday_pay", "end_of_year_payment", "irregular_allowance")

LABEL = {
    "title": {"nl": "Werkgeversverklaring", "en": "Employer's statement"},
    "organisation": {"nl": "Werkgever", "en": "Employer"},
    "organisation_address": {"nl": "Adres werkgever", "en": "Employer's address"},
    "name": {"nl": "Werknemer", "en": "Employee"},
    "birth_date": {"nl": "Geboortedatum", "en": "Date of birth"},
    "start_date": {"nl": "In dienst sinds", "en": "Employed since"},
    "contract": {"nl": "Dienstverband", "en": "Employment"},
    "permanent": {"nl": "voor onbepaalde tijd", "en": "permanent"},
    "temporary": {"nl": "voor bepaalde tijd, tot en met {end}", "en": "temporary, until {end}"},
    "salary": {"nl": "Bruto jaarsalaris (zonder vakantiegeld)",
               "en": "Gross yearly salary (without holiday pay)"},
    "holiday_pay": {"nl": "Vakantiegeld per jaar", "en": "Holiday pay per year"},
    "end_of_year_payment": {"nl": "Eindejaarsuitkering of 13e maand per jaar",
                            "en": "End-of-year payment or 13th month per year"},
    "irregular_allowance": {"nl": "Vaste onregelmatigheidstoeslag per jaar",
                            "en": "Fixed irregular-hours allowance per year"},
    "probation": {"nl": "Proeftijd", "en": "Probation"},
    "in_probation": {"nl": "ja, tot en met {end}", "en": "yes, until {end}"},
    "in_probation_open": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "yes": {"nl": "ja", "en": "yes"},
    "will_continue": {"nl": "Voornemen het dienstverband voort te zetten",
                      "en": "Intention to continue the employment"},
    "declaration": {
        "nl": "De werkgever verklaart dat deze gegevens volledig en juist zijn.",
        "en": "The employer declares that these details are complete and correct.",
    },
}  # fmt: skip


def compose(raw: object, language: str) -> Draft:
    warnings = read.check_keys(raw, KNOWN)
    assert isinstance(raw, dict)
    w = {key: value[language] for key, value in LABEL.items()}
    org, name = read.text(raw, "organisation", True), read.text(raw, "name", True)
    start = read.day(raw, "start_date", True)
    contract = read.choice(raw, "contract", CONTRACTS, "")
    if not contract:
        raise read.DraftError("missing_fact", fact="contract")
    assert org and name and start
    rows: list[tuple[str, str, tuple[str, ...]]] = [(w["organisation"], org, ("organisation",))]
    address = read.text(raw, "organisation_address")
    if address:
        rows.append((w["organisation_address"], address, ("organisation_address",)))
    rows.append((w["name"], name, ("name",)))
    birth = read.day(raw, "birth_date")
    if birth:
        rows.append((w["birth_date"], long_date(birth, language), ("birth_date",)))
    rows.append((w["start_date"], long_date(start, language), ("start_date",)))
    if contract == "temporary":
        end = read.day(raw, "end_date", True)
        assert end
        if end < start:
            raise read.DraftError("bad_value", fact="end_date", reason="before start_date")
        kind = w["temporary"].format(end=long_date(end, language))
        rows.append((w["contract"], kind, ("contract", "end_date")))
    else:
        rows.append((w["contract"], w["permanent"], ("contract",)))
    for key in AMOUNTS:
        value = read.amount(raw, key, True)
        assert value is not None
        rows.append((w[key], money(value, language), (key,)))
    rows.append(_probation(raw, w, language))
    if contract == "temporary":
        going_on = read.flag(raw, "will_continue", True)
        rows.append((w["will_continue"], w["yes"] if going_on else w["no"], ("will_continue",)))
    out = [Sentence(f"{label}: {value}", keys, "field") for label, value, keys in rows]
    out.append(Sentence(w["declaration"], ()))
    lines, more = signature(raw, language, org)
    return Draft("statement", language, w["title"], out + lines, warnings + more)


def _probation(
    raw: dict[str, object], w: dict[str, str], language: str
) -> tuple[str, str, tuple[str, ...]]:
    if not read.flag(raw, "probation", True):
        return w["probation"], w["no"], ("probation",)
    end = read.day(raw, "probation_end")
    if end is None:
        return w["probation"], w["in_probation_open"], ("probation",)
    return (
        w["probation"],
        w["in_probation"].format(end=long_date(end, language)),
        ("probation", "probation_end"),
    )
