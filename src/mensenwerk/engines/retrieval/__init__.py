"""Handbook passages, BM25 retrieval for Dutch and English, and extractive answers with citations.

Documents are split along their headings into passages that keep their heading path
("Verlof > Vakantiedagen"). Words are normalised and stemmed the same way in every language
(``skills.stem``: the shorter Snowball stem), Dutch compounds also count as their parts
(vakantiedagen -> vakantie + dagen) and a question is expanded with the HR lexicon in both
languages (loonstrook <-> salarisstrook <-> payslip). Two bm25s indexes score a passage: its
whole text, and its title and headings (extra weight). Each content word of the question counts
once, by its best-matching alternative, so a word with many synonyms does not outweigh the rest.

The best passages by BM25 are re-ranked by how much of the question they cover (the share of
its weight, IDF, found in the passage). The confidence of an answer is a calibrated chance that
the first three passages hold the answer (see CALIBRATION): a question about something the
documents never mention covers little and is declined, however well its common words match.
Plain Python and numpy; no model, nothing downloaded.

    index = Index(split_passages(text, document="handbook.md"))  # or index_folder(path)
    reply = answer(index, "Hoeveel vakantiedagen heb ik?")      # Answer(kind, text, citations)

Modules: ``passages`` (documents -> passages), ``words`` (tokens, compounds, lexicon,
concepts), ``index`` (bm25s, coverage re-ranking), ``confidence`` (calibration), ``answers``
(quotes, citations, the personal-question rule), ``folder`` (a cached folder index). This
package re-exports what the app, the CLI and the benchmarks use.
"""

from mensenwerk.engines.retrieval import dense
from mensenwerk.engines.retrieval.answers import (
    MAX_QUESTION,
    PERSONAL,
    RERANK_TOP,
    Answer,
    Reranker,
    answer,
    is_personal,
    quote,
    topic,
)
from mensenwerk.engines.retrieval.confidence import (
    CALIBRATION,
    CONFIDENCE_THRESHOLD,
    SIMILARITY_THRESHOLD,
    calibrated,
    features,
)
from mensenwerk.engines.retrieval.folder import CACHE_NAME, FolderIndex, index_folder
from mensenwerk.engines.retrieval.index import CITATIONS, Hit, Index
from mensenwerk.engines.retrieval.passages import (
    MAX_PAGES,
    SUPPORTED,
    Passage,
    front_matter,
    passage_from_dict,
    pdf_structure,
    read_document,
    read_file,
    split_passages,
)
from mensenwerk.engines.retrieval.words import (
    ENGINE,
    VERSION,
    Concept,
    body_tokens,
    concepts,
    heading_tokens,
    index_version,
    lexicon,
    question_language,
    split_compound,
    stem,
    stopwords,
    tokens,
    words,
)

__all__ = [
    "CACHE_NAME",
    "CALIBRATION",
    "CITATIONS",
    "CONFIDENCE_THRESHOLD",
    "ENGINE",
    "MAX_PAGES",
    "MAX_QUESTION",
    "PERSONAL",
    "RERANK_TOP",
    "SIMILARITY_THRESHOLD",
    "SUPPORTED",
    "VERSION",
    "Answer",
    "Concept",
    "FolderIndex",
    "Hit",
    "Index",
    "Passage",
    "Reranker",
    "answer",
    "body_tokens",
    "calibrated",
    "concepts",
    "dense",
    "features",
    "front_matter",
    "heading_tokens",
    "index_folder",
    "index_version",
    "is_personal",
    "lexicon",
    "passage_from_dict",
    "pdf_structure",
    "question_language",
    "quote",
    "read_document",
    "read_file",
    "split_compound",
    "split_passages",
    "stem",
    "stopwords",
    "tokens",
    "topic",
    "words",
]
