"""Open survey comments: masked before anyone reads them, grouped into themes in the
organisation's own words, with a sentiment per theme (issue 21, item 4).

Contract:
- ``mask(text, names=())`` replaces e-mail addresses, phone numbers, the names given (staff
  names the app knows) and capitalised words inside a sentence that look like a name ("Piet",
  "mevrouw De Vries") with [e-mail], [telefoon], [naam]; a run of capitalised words opening a
  sentence goes too ("Bel Piet" -> "[naam]"), but for a common first word ("De [naam]"). A
  single capitalised word opening a sentence stays: only the staff names catch a name there.
  It errs on the side of masking.
- ``themes(comments, min_group=10)`` -> ``list[Theme]``: the comments masked, then TF-IDF over
  their own words (Dutch and English stop words removed), factorised by NMF into 2-8 themes
  (about one per twenty comments), each named by its top terms; every comment belongs to its
  strongest theme. A theme's sentiment is the mean of its comments' lexicon scores (positive
  minus negative words, a negation right before a word turns it). Examples — at most three
  masked comments per theme — are given only when at least ``min_group`` comments were
  analysed, so a small group's words are never shown. Deterministic (fixed seed).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

from mensenwerk.engines.pseudonymise import EMAIL, PHONE
from mensenwerk.engines.skills import normalise

ENGINE = "survey-comments"
VERSION = "2"

MIN_COMMENTS = 10

# written for Mensenwerk (2026): the commonest Dutch and English function words
STOP = frozenset(
    """de het een en of van in op met voor te aan bij is zijn was waren wordt worden dat die dit
    deze er ook maar om als dan nog niet geen wel heel erg veel meer minder ik je jij we wij
    ze zij hij mijn ons onze hun hen me mij u jullie kan kunnen moet moeten wil willen zou
    zouden heb hebt heeft hebben had door naar over uit tot na zo nu al wat wie hoe waar
    waarom omdat want doen doet gaat gaan graag vaak soms altijd echt gewoon even beetje
    the a an and or of in on at to for with by is are was were be been being that this these
    those it its we our you your they their i me my he she his her not no very more less can
    could should would will do does did have has had so too just also but if than then there
    here about from into out up what which who how when why all some any much many really
    naam mail telefoon""".split()  # the masks' own words
)
POSITIVE = frozenset(
    """goed goede prima fijn fijne prettig prettige leuk leuke top tevreden blij trots
    waardering gewaardeerd steun steunt ondersteuning helpt helpen duidelijk duidelijke
    open eerlijk flexibel flexibele vrijheid collegiaal gezellig gezellige uitstekend
    good great nice fine pleasant happy proud support supportive helpful clear open fair
    flexible freedom friendly excellent appreciated appreciation enjoy enjoyable""".split()
)
NEGATIVE = frozenset(
    """slecht slechte krap krappe druk drukte werkdruk stress onduidelijk onduidelijke
    chaotisch chaos ontevreden boos moe teleurgesteld onveilig onvoldoende weinig gebrek
    tekort traag achterstand ruzie klachten klacht pesten oneerlijk overuren
    bad poor tight pressure stress stressful unclear chaotic unhappy angry tired disappointed
    unsafe insufficient lack shortage slow backlog conflict complaints bullying unfair
    overtime overworked""".split()
)
NEGATION = frozenset("niet geen nooit not no never hardly nauwelijks".split())
WORD = re.compile(r"[a-zà-ÿ]{3,}")
# a capitalised word after another word in the sentence: a name, a place or a brand; honorifics
# make the next word a name for certain
HONORIFIC = re.compile(
    r"\b(?:meneer|mevrouw|dhr|mevr|mr|mrs|ms|collega)\.?\s+"
    r"((?:(?:van|de|der|den|ter|ten|el)\s+)*\w[\w'-]*)",
    re.I,
)
CAPITALISED = re.compile(
    r"[A-ZÀ-Ý][a-zà-ÿ]+(?:['-][a-zà-ÿ]+)*"
    r"(?:\s+(?:(?:van|de|der|den|ter)\s+)*[A-ZÀ-Ý][a-zà-ÿ]+(?:['-][a-zà-ÿ]+)*)*"
)
OPENING = re.compile(r"(?:^|[.!?]|\n)[\s\"'(\[«“‘-]*$")
NOT_NAMES = frozenset(
    "HR IT ICT CAO OR MT Teams Excel Outlook Word Windows Google Microsoft Nederland Nederlands "
    "Engels English Dutch Maandag Dinsdag Woensdag Donderdag Vrijdag Zaterdag Zondag Kerst "
    "Pasen AI".split()
)


@dataclass
class Theme:
    terms: list[str]  # the words that name it, strongest first
    comments: int
    sentiment: float  # mean lexicon score per comment: > 0 positive
    examples: list[str] = field(default_factory=list)  # masked; empty for a small group


def mask(text: str, names: tuple[str, ...] = ()) -> str:
    out = EMAIL.sub("[e-mail]", text)
    out = PHONE.sub("[telefoon]", out)
    for name in sorted((n for n in names if len(n) > 1), key=len, reverse=True):
        out = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", "[naam]", out, flags=re.IGNORECASE)
    out = HONORIFIC.sub(lambda m: m.group(0).replace(m.group(1), "[naam]"), out)

    def name_or_word(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in NOT_NAMES:
            return word
        if OPENING.search(match.string[: match.start()]) is None:
            return "[naam]"
        first, _space, rest = word.partition(" ")
        if not rest:  # one capitalised word opening a sentence: an ordinary word
            return word
        # "Bel Piet", "De Vries zei": the opening word stays when it is a common word;
        # otherwise the whole run goes ("Jan Jansen" must not leave "Jan")
        return f"{first} [naam]" if first.lower() in STOP else "[naam]"

    return CAPITALISED.sub(name_or_word, out)


def sentiment(text: str) -> int:
    words = WORD.findall(normalise(text))
    score = 0
    for i, word in enumerate(words):
        value = (word in POSITIVE) - (word in NEGATIVE)
        if value and i and words[i - 1] in NEGATION:  # "niet goed", "not bad"
            value = -value
        score += value
    return score


def themes(
    comments: list[str], min_group: int = MIN_COMMENTS, seed: int = 0, names: tuple[str, ...] = ()
) -> list[Theme]:
    # masked first: a name or an address must not become a theme's word either
    texts = [mask(c.strip(), names) for c in comments if c and c.strip()]
    if len(texts) < 2:
        return []
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(
        tokenizer=lambda t: [w for w in WORD.findall(normalise(t)) if w not in STOP],
        token_pattern=None,
        lowercase=False,
        min_df=2 if len(texts) >= 20 else 1,
        max_features=5000,
        ngram_range=(1, 2),
    )
    try:
        matrix = vectoriser.fit_transform(texts)
    except ValueError:  # nothing but stop words
        return []
    k = max(2, min(8, round(len(texts) / 20), matrix.shape[1]))
    model = NMF(n_components=min(k, matrix.shape[1]), init="nndsvda", random_state=seed,
                max_iter=400)  # fmt: skip
    with warnings.catch_warnings():  # identical comments make a rank-deficient matrix
        warnings.simplefilter("ignore", RuntimeWarning)
        weights = model.fit_transform(matrix)
    vocabulary = vectoriser.get_feature_names_out()
    owner = weights.argmax(axis=1)
    out = []
    for j, component in enumerate(model.components_):
        members = [i for i in range(len(texts)) if owner[i] == j and weights[i, j] > 0]
        if not members:
            continue
        terms = [str(vocabulary[t]) for t in component.argsort()[::-1][:3]]
        scores = [sentiment(texts[i]) for i in members]
        strongest = sorted(members, key=lambda i: -weights[i, j])[:3]  # the clearest ones
        examples = (
            list(dict.fromkeys(texts[i] for i in strongest)) if len(texts) >= min_group else []
        )
        out.append(Theme(terms, len(members), round(sum(scores) / len(scores), 2), examples))
    return sorted(out, key=lambda t: -t.comments)
