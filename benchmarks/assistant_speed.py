"""Issue targets for the HR assistant: p95 <= 50 ms per question on a 5,000-passage index by
words alone and <= 100 ms with the search by meaning (including embedding the question, issue
22); indexing 1,000 pages in <= 20 s; and what embedding the passages costs (time, memory).

The 5,000 passages are the real ones of the evaluation knowledge base (demo handbook, Dutch
employment laws, 18F handbook) with their vectors (cached by assistant_quality.py), topped up
with copies under other document names; the questions are the 85 of the evaluation set, each
asked three times, every question embedded afresh. The 1,000 pages are real
PDFs rendered with reportlab from the Dutch laws, read from disk by `index_folder` (text
extraction with the hidden-text checks, headings, passages, tokens, both bm25 indexes).

    .venv/bin/python benchmarks/assistant_speed.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from assistant_quality import QUESTIONS, ROOT, load_index

from mensenwerk.engines import documents, retrieval, text
from mensenwerk.engines.retrieval import dense


def query_speed(shared: Path) -> None:
    base = load_index(shared).index
    assert base.vectors is not None, "no vectors: run benchmarks/assistant_quality.py first"
    passages, body, heads = list(base.passages), list(base.body), list(base.heads)
    vectors = list(base.vectors)
    copy = 0
    while len(passages) < 5000:
        i = len(passages) % len(base.passages)
        p = base.passages[i]
        passages.append(replace(p, document=f"copy{copy}/{p.document}"))
        body.append(base.body[i])
        heads.append(base.heads[i])
        vectors.append(base.vectors[i])
        copy += i == len(base.passages) - 1
    passages, body, heads = passages[:5000], body[:5000], heads[:5000]
    start = time.perf_counter()
    lexical = retrieval.Index(passages, body, heads)
    build = time.perf_counter() - start
    hybrid = retrieval.Index(passages, body, heads, np.vstack(vectors[:5000]))
    print(f"index of {len(lexical)} passages built from stored tokens in {build:.2f} s")
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text().splitlines()]
    for name, index, target in (("words alone", lexical, 50), ("hybrid", hybrid, 100)):
        times = []
        for _round in range(3):
            for question in questions:
                dense._query.cache_clear()  # every question embedded, as a new one would be
                start = time.perf_counter()
                retrieval.answer(index, question)
                times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[int(0.95 * len(times)) - 1]
        print(
            f"{name}: {len(times)} questions: median {statistics.median(times):.1f} ms, "
            f"p95 {p95:.1f} ms, worst {times[-1]:.1f} ms (target p95 <= {target} ms)"
        )


def embedding_cost(shared: Path, n: int = 64) -> None:
    """Passages never embedded before (a prefix makes each text new), one thread."""
    base = load_index(shared, embed=False).index
    step = max(1, len(base.passages) // n)
    texts = [f"{time.time_ns()} " + dense.passage_text(p) for p in base.passages[::step][:n]]
    start = time.perf_counter()
    dense.embed_passages(texts)
    took = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"embedding: {n} passages in {took:.1f} s ({took / n:.2f} s per passage, one thread; "
        f"{len(base.passages)} passages would take {took / n * len(base.passages) / 60:.0f} "
        f"min); stored vector {2 * dense.DIM} bytes per passage; peak memory of this process "
        f"{rss:.0f} MB with the model loaded"
    )


def indexing_speed(shared: Path, pages: int) -> None:
    laws = sorted((shared / "data" / "handbooks" / "nl-arbeidswetten-2017").glob("*.md"))
    chunks = []
    for law in laws:
        body = law.read_text(encoding="utf-8").replace("<meta", "")
        chunks += [body[i : i + 150_000] for i in range(0, len(body), 150_000)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pdf"
        folder.mkdir()
        total, n = 0, 0
        while total < pages:
            data = documents.to_pdf(chunks[n % len(chunks)], f"Wet {n}")
            count = text.extract(data, "x.pdf", max_pages=10_000).pages
            (folder / f"wet-{n:03}.pdf").write_bytes(data)
            total += count
            n += 1
        start = time.perf_counter()
        # reading only: passage vectors are the background job's second step (embedding_cost)
        result = retrieval.index_folder(folder, cache=Path(tmp) / "cache.json", embed=False)
        took = time.perf_counter() - start
        print(
            f"indexed {total} PDF pages in {n} files ({len(result.index)} passages, "
            f"{len(result.errors)} errors) in {took:.1f} s (target 1,000 pages <= 20 s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    query_speed(args.shared)
    embedding_cost(args.shared)
    indexing_speed(args.shared, args.pages)


if __name__ == "__main__":
    main()
