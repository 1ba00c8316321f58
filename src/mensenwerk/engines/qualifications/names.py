"""The names of the qualifications and the patterns that find them (Dutch, Flemish and
English): what ``engines.qualifications`` reads a criterion and a CV line with."""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- what each kind is called, and how long it stays valid -----------------------------------


@dataclass(frozen=True)
class Kind:
    id: str
    nl: str
    en: str
    pattern: re.Pattern[str]  # on normalised text (lower case, no accents, "-" -> " ")
    validity_years: int = 0  # from the year obtained, when the CV gives no date; 0 = no rule
    # a bare mention in a criterion names this qualification ("VCA"); otherwise the criterion
    # must also say diploma/certificaat ("heftruckcertificaat"), else it asks for a skill
    inherent: bool = True


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


KINDS: tuple[Kind, ...] = (
    Kind("code95", "Code 95", "Driver CPC (code 95)",
         _p(r"\bcode ?95\b|vakbekwaamheid|bestuurderskwalificatiekaart|\bdriver ?cpc\b|"
            r"certificate of professional competence"), 5),
    Kind("adr", "ADR", "ADR", _p(r"\badr\b"), 5),
    Kind("vca", "VCA", "VCA (SCC)",
         _p(r"\bvca\b|\bb ?vca\b|\bscc\b|veiligheids? ?checklist aannemers"), 10),
    Kind("bhv", "BHV", "Company emergency response (BHV)",
         _p(r"\bbhv|bedrijfshulpverlen|emergency response officer"), 1),
    Kind("ehbo", "EHBO", "First aid", _p(r"\behbo\b|eerste hulp bij ongelukken|\bfirst aid\b"), 2),
    Kind("big", "BIG-registratie", "BIG registration",
         _p(r"\bbig ?(?:registratie|geregistreerd|register|nummer|registration|registered)")),
    Kind("nen3140", "NEN 3140", "NEN 3140", _p(r"\bnen ?3140\b")),
    Kind("fgas", "F-gassencertificaat", "F-gas certificate",
         _p(r"\bf ?gass?en|\bf ?gas\b|\bstek\b")),
    Kind("seh", "SEH-diploma", "Emergency care (SEH) diploma",
         _p(r"\bseh\b|spoedeisende hulp"), 0, False),
    Kind("vsr", "VSR-diploma", "VSR cleaning diploma", _p(r"\bvsr\b")),
    Kind("ipaf", "Hoogwerkercertificaat", "Aerial work platform (IPAF) certificate",
         _p(r"hoogwerker|\bipaf\b|\bmewp\b|aerial (?:work )?platform"), 0, False),
    Kind("forklift", "Heftruckcertificaat", "Forklift certificate",
         _p(r"heftruck|vorkheftruck|\bforklift"), 0, False),
    Kind("reachtruck", "Reachtruckcertificaat", "Reach truck certificate",
         _p(r"reach ?truck"), 0, False),
    Kind("nurse", "Diploma verpleegkundige", "Nursing diploma",
         _p(r"verpleegkundige\b|\bmbo ?v\b|\bhbo ?v\b|registered nurse|\bnursing diploma"),
         0, False),
    Kind("vig", "Diploma Verzorgende IG", "Verzorgende IG diploma (certified carer)",
         _p(r"verzorgende ?ig\b|\bvig\b|\bvig ?'? ?er|verzorgende individuele gezondheidszorg")),
    Kind("cook", "Koksdiploma", "Cook's diploma",
         _p(r"\bkoks ?diploma|\bdiploma kok\b|(?:zelfstandig werkend |gespecialiseerd )?kok\b|"
            r"hotelschool|\bcookery\b|\bcook\b|meesterkok"), 0, False),
)  # fmt: skip
KIND = {k.id: k for k in KINDS}
CERTIFICATE_WORD = re.compile(
    r"certifica|diploma|\battest|\blicen[cs]e|\bbewijs|rijbewijs|gecertificeerd|\bcertified|"
    r"getuigschrift|registratie|\bpas\b|\bkaart\b"
)

# --- categories and levels -------------------------------------------------------------------

LICENCE_INCLUDES: dict[str, frozenset[str]] = {
    "CE": frozenset({"C", "C1E", "C1", "BE", "B", "AM"}),
    "C": frozenset({"C1", "B", "AM"}),
    "C1E": frozenset({"C1", "BE", "B", "AM"}),
    "C1": frozenset({"B", "AM"}),
    "DE": frozenset({"D", "D1E", "D1", "BE", "B", "AM"}),
    "D": frozenset({"D1", "B", "AM"}),
    "D1E": frozenset({"D1", "BE", "B", "AM"}),
    "D1": frozenset({"B", "AM"}),
    "BE": frozenset({"B", "AM"}),
    "B": frozenset({"AM"}),
    "A": frozenset({"A2", "A1", "AM"}),
    "A2": frozenset({"A1", "AM"}),
    "A1": frozenset({"AM"}),
    "AM": frozenset(),
}
LICENCE_WORD = re.compile(
    r"\b(?:rijbewijs|rijbewijzen|driving licen[cs]es?|licen[cs]e categor\w*|categorie\w*|"
    r"permis|fuhrerschein|hgv licen[cs]e)\b",
    re.IGNORECASE,
)
CATEGORY = re.compile(r"(?<![A-Za-z0-9])(AM|A1|A2|A|BE|B|C1E|C1|CE|C|D1E|D1|DE|D)(?![A-Za-z0-9'])")
CATEGORY_ONLY = re.compile(
    r"^(?:(?:AM|A1|A2|A|BE|B|C1E|C1|CE|C|D1E|D1|DE|D)[\s,;/+&]*(?:en\s+)?)+$"
)
JOINED = re.compile(r"\b(C1|C|D1|D|B)\s*[+/&-]\s*E\b")
E_WITH = re.compile(r"\bE\s+(?:bij|achter|met|op)\s+(C1|C|D1|D|B)\b")
DRIVER_TITLE = re.compile(r"\b(?i:chauffeur|driver)\s+(C1E|CE|C1|C|D1E|DE|D1|D)\b")
LOWER_CATEGORY = re.compile(r"\s*:?\s*([a-d][1e]?e?)(?![a-z0-9'])")
# English puts the category first: "my CE licence", "C+E driving licence"
LICENCE_AFTER = re.compile(
    r"(?<![A-Za-z0-9])(AM|A1|A2|A|BE|B|C1E|C1|CE|C|D1E|D1|DE|D)\s+(?:driving\s+)?licen[cs]e"
)
GROOT = re.compile(r"groot rijbewijs(?:\s+(?:met|\+)\s+aanhanger)?", re.IGNORECASE)
UK_CLASS = re.compile(r"\bclass\s*(1|2)\b", re.IGNORECASE)

VCA_LEVEL = (
    ("vil", re.compile(r"\bvil\b|intercedent")),
    ("vol", re.compile(r"\bvol\b|operationeel leidinggevend|supervisor")),
)
VCA_RANK = {"basis": 1, "vol": 2}
# NEN 3140 designation: voldoend onderricht < vakbekwaam < installatieverantwoordelijke
NEN_RANK = (
    (3, re.compile(r"installatieverantwoordelijke|\biv\b")),
    (2, re.compile(r"vakbekwaam|\bvp\b|qualified person")),
    (1, re.compile(r"voldoend onderricht|\bvop\b|instructed person")),
)
COOK_RANK = (
    (4, re.compile(r"gespecialiseerd kok|meesterkok")),
    (3, re.compile(r"zelfstandig werkend kok|hotelschool")),
    (2, re.compile(r"kok|cook")),
)
NURSE_RANK = ((5, re.compile(r"\bhbo|bachelor")), (4, re.compile(r".")))

# education: ranks 1-4 MBO levels, 5 HBO and the like, 6 WO; 0 = MBO of an unstated level
EDU_LEVELS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (6, re.compile(r"\b(?:wo|master|msc|m sc|ma|mba|llm|phd|universiteit|university|"
                   r"academische master)\b")),
    (5, re.compile(r"\b(?:hbo|bachelor|bsc|b sc|ba|hogeschool|applied sciences|associate degree|"
                   r"graduaat|professionele bachelor|academische bachelor|hogent)\b")),
    (4, re.compile(r"\b(?:tso|aso)\b")),
    (3, re.compile(r"\b(?:bso|secundair onderwijs|secundair)\b")),
)  # fmt: skip
MBO = re.compile(r"\bmbo\b(?:\s*(?:level|niveau)?\s*([1-4])\b)?|\bmbo ?([1-4])\b")
LEVEL_ONLY = re.compile(r"\b(?:niveau|level)\s*([1-4])\b")
EDU_FILLER = re.compile(
    r"\b(?:diploma|opleiding|afgeronde|afgerond|minimaal|min|richting|niveau|level|of|or|"
    r"hoger|higher|een|a|in|op|degree|graad)\b"
)
EDU_RANK_NAME = {1: "MBO 1", 2: "MBO 2", 3: "MBO 3", 4: "MBO 4", 5: "HBO", 6: "WO", 0: "MBO"}

# --- statements --------------------------------------------------------------------------------

WANTED = re.compile(
    r"\bwil\b.*\b(?:halen|behalen|doen|volgen|graag)\b|\bin opleiding\b|\bvolg\w*\b.*\bopleiding|"
    r"\bleerling\b|\bverwacht\b|\bbezig met\b|\baan het halen\b|\bniet afgerond\b|\bgestopt\b|"
    r"\bwant to (?:obtain|get|take)|\bworking towards\b|\bcurrently (?:studying|training)|"
    r"\bin training\b|\bplan(?:s|ning)? to\b|\bnot completed\b|\bexpected\b|\bhope to\b"
)
HELD = re.compile(
    r"certifica|diploma|\battest|rijbewijs|licen[cs]e|getuigschrift|behaald|gehaald|in bezit|"
    r"\bgeldig|\bvalid|obtained|\bcertified|gecertificeerd|registratie|geregistreerd|registered|"
    r"\bpas\b|\bkaart\b"
)
YEAR = re.compile(r"(?<!\d)((?:19[6-9]|20[0-4])\d)(?!\d)")
PERIOD_LIKE = re.compile(
    r"(?:19|20)\d\d\s*(?:-|–|—|tot|to|t/m)\s*(?:(?:19|20)\d\d|heden|nu|present)"
)
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "mrt": 3, "maa": 3, "apr": 4, "may": 5, "mei": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
DATE = (
    r"(?:(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d\d)"  # 31-12-2027
    r"|(\d{1,2})[-/.]((?:19|20)\d\d)"  # 05-2027
    r"|([a-z]{3})[a-z]*\.?\s+((?:19|20)\d\d)"  # mei 2027
    r"|((?:19|20)\d\d))"
)
VALID_UNTIL = re.compile(
    r"(?:geldig|valid|verloopt|verlopen op|vervalt|expires?|expiry(?: date)?)\s*(?:tot en met|"
    r"tot|t/m|tm|until|till|to|through|thru|op|on|per)?\s*:?\s*" + DATE
)
EXPIRED_WORD = re.compile(r"\bverlopen\b|\bexpired\b|\bniet meer geldig\b|\bno longer valid\b")


PREFILTER = re.compile(
    "|".join(
        [k.pattern.pattern for k in KINDS]
        + [r"rijbewijs|licen[cs]e|categor|permis|\bclass\b|chauffeur|driver|\bmbo\b|\bhbo\b|"
           r"\bwo\b|master|bachelor|msc|bsc|\bba\b|\bma\b|mba|llm|phd|universit|hogeschool|"
           r"graduaat|secundair|\btso\b|\baso\b|\bbso\b|associate"]
    )
)  # fmt: skip


# a quick look before the patterns: most CV lines (tasks, employers) name no qualification, and
# the re-rank engine reads millions of lines. Every pattern above needs one of these.
HINTS = (
    "rijbewij", "licen", "categor", "permis", "hrerschein", "chauffeur", "driver", "vakbekwaam",
    "bestuurderskwal", "certifica", "diploma", "attest", "heftruck", "forklift", "reach",
    "hoogwerker", "aerial", "verpleeg", "nurs", "verzorgend", "kok", "cook", "hotelschool",
    "bedrijfshulp", "emergency", "eerste hulp", "first aid", "spoedeisend", "gassen", "f-gas",
    "3140", "registrat", "registered", "universit", "hogeschool", "graduaat", "secundair",
    "associate", "applied", "checklist",
)  # fmt: skip
HINT_WORDS = frozenset(
    "code 95 adr vca scc bhv ehbo big nen nen3140 stek seh vsr ipaf mewp vig mbo hbo wo master "
    "bachelor msc bsc sc ba ma mba llm phd tso aso bso cpc class hgv hogent vil vol "
    "am a1 a2 b be c c1 c1e ce d d1 d1e de".split()
)
WORDS = re.compile(r"[a-z0-9]+")
