"""Score the ranked arguments against the AAEC human annotations (Stab & Gurevych 2017).

    python -m benchmarks.aaec [--split dev|train] [--shared PATH]

The ranked list is ``[thesis, *arguments]``: the thesis is rank 1 (``analyse`` never repeats it in
``arguments``). Metrics, per essay then averaged:

* MC@1 — the top passage covers a major claim; MC@3 — one of the top three does;
* P@5 — share of the top five (or of the whole list if shorter) covering a major claim or claim;
* R@5 — share of the annotated major claims and claims covered by one of the top five.

"Covers": the passage contains at least half of the component's words, words being lowercase runs of
ASCII letters and digits (``benchmarks.common.words``). Baselines on the same segmentation: the lead
sentences (first k sentences after the title) and LexRank (TF-IDF cosine graph, threshold 0.1,
PageRank power iteration, damping 0.85). Tune on train only; dev is for checking.
"""

from __future__ import annotations

import argparse
import math
import re
import time
from collections import Counter
from collections.abc import Callable

from benchmarks.common import covers, load_aaec, shared_root
from bot.analysis import analyse
from bot.analysis.segment import segment
from bot.ingest.model import Reading

Ranker = Callable[[str], list[str]]


def system(text: str) -> list[str]:
    analysis = analyse(Reading(text))
    head = [analysis.thesis.text] if analysis.thesis else []
    return head + [a.text for a in analysis.arguments]


def _sentences(text: str) -> list[str]:
    doc = segment(text)
    return [doc.span(s) for s in doc.segments if s.role != "heading"]


def lead(text: str) -> list[str]:
    return _sentences(text)


def lexrank(text: str, threshold: float = 0.1, damping: float = 0.85, iterations: int = 50) -> list[str]:
    sentences = _sentences(text)
    bags = [Counter(re.findall(r"[a-z0-9]+", s.lower())) for s in sentences]
    df = Counter(w for bag in bags for w in bag)
    n = len(sentences)
    idf = {w: math.log(n / c) + 1.0 for w, c in df.items()}
    vecs = [{w: c * idf[w] for w, c in bag.items()} for bag in bags]
    norms = [math.sqrt(sum(v * v for v in vec.values())) or 1.0 for vec in vecs]
    links: list[list[int]] = [[] for _ in range(n)]
    for i in range(n):
        for j in range(n):
            dot = sum(v * vecs[j].get(w, 0.0) for w, v in vecs[i].items())
            if i == j or dot / (norms[i] * norms[j]) >= threshold:  # a sentence without words links to itself
                links[i].append(j)
    rank = [1.0 / n] * n
    for _ in range(iterations):
        new = [(1 - damping) / n] * n
        for i in range(n):
            share = damping * rank[i] / len(links[i])
            for j in links[i]:
                new[j] += share
        rank = new
    order = sorted(range(n), key=lambda i: (-rank[i], i))
    return [sentences[i] for i in order]


def score(ranker: Ranker, essays: list[dict]) -> dict[str, float]:
    totals = Counter()
    for essay in essays:
        ranked = ranker(essay["text"])
        majors, claims = essay["major_claims"], essay["claims"]
        components = majors + claims

        def is_major(passage: str, majors: list[str] = majors) -> bool:
            return any(covers(passage, m) for m in majors)

        top5 = ranked[:5]
        totals["MC@1"] += bool(ranked) and is_major(ranked[0])
        totals["MC@3"] += any(is_major(p) for p in ranked[:3])
        totals["P@5"] += sum(any(covers(p, c) for c in components) for p in top5) / max(1, len(top5))
        totals["R@5"] += sum(any(covers(p, c) for p in top5) for c in components) / max(1, len(components))
    return {k: totals[k] / len(essays) for k in ("MC@1", "MC@3", "P@5", "R@5")}


def main() -> None:
    parser = argparse.ArgumentParser(description="Score ranked arguments against AAEC annotations.")
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--shared", help="the shared data folder (default: ../shared or $READING_CIRCLE_SHARED)")
    args = parser.parse_args()
    essays = load_aaec(shared_root(args.shared), args.split)
    print(f"AAEC {args.split}: {len(essays)} essays")
    print(f"{'ranker':<12} {'MC@1':>6} {'MC@3':>6} {'P@5':>6} {'R@5':>6} {'secs':>6}")
    for name, ranker in (("system", system), ("lead", lead), ("lexrank", lexrank)):
        t0 = time.perf_counter()
        result = score(ranker, essays)
        secs = time.perf_counter() - t0
        print(
            f"{name:<12} " + " ".join(f"{result[k]:>6.3f}" for k in ("MC@1", "MC@3", "P@5", "R@5")) + f" {secs:>6.1f}"
        )


if __name__ == "__main__":
    main()
