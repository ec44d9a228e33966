"""Fit the ranking weights in ``bot/analysis/rank.py`` by logistic regression on AAEC *train* only.

Run ``python -m benchmarks.fit`` and paste the printed dictionaries (rounded on purpose: a readable
model, not a tuned one). Never run on dev: dev is for checking.

Features in ``HAND_SET`` keep the weights written in ``rank.py`` (they are rare in student essays or
fitted to an artefact of the metric) and enter the fit as a fixed offset. ``--cv K`` estimates how well
the fitted weights generalise: K folds of train, weights fitted on K-1 and the whole pipeline scored
(MC@1, MC@3, P@5, R@5) on the held-out fold; ``--l2`` values can be compared that way. It also prints how
often a 36-essay sample of those held-out results reaches each of the issue's aims.
"""

from __future__ import annotations

import argparse
import math
import random

from benchmarks.common import covers, load_aaec, shared_root
from bot.analysis import rank
from bot.analysis.features import extract
from bot.analysis.rank import FEATURES, vector
from bot.analysis.segment import segment

HAND_SET = frozenset({"quoted", "reported", "numeric", "others_view", "long", "unmarked_lone"})


def _rows(essays: list[dict]) -> tuple[list[list[float]], list[int], list[int]]:
    xs, claim, thesis = [], [], []
    for essay in essays:
        doc = segment(essay["text"])
        for seg, f in zip(doc.segments, extract(doc), strict=True):
            if not f.eligible:
                continue
            sentence = doc.span(seg)
            xs.append(vector(f))
            thesis.append(int(any(covers(sentence, c) for c in essay["major_claims"])))
            claim.append(int(thesis[-1] or any(covers(sentence, c) for c in essay["claims"])))
    return xs, claim, thesis


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the system is small and positive definite)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            factor = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= factor * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def fit(
    xs: list[list[float]], ys: list[int], l2: float = 1.0, iterations: int = 12, offsets: list[float] | None = None
) -> list[float]:
    """L2-regularised logistic regression by Newton's method (bias not penalised); pure Python so the
    benchmark needs nothing beyond the project's own dependencies. ``offsets`` add a fixed term to each
    row's logit (the hand-set features)."""
    k = len(xs[0])
    w = [0.0] * k
    offsets = offsets or [0.0] * len(xs)
    for _ in range(iterations):
        grad = [l2 * w[j] if j else 0.0 for j in range(k)]
        hess = [[(l2 if i == j and i else 0.0) for j in range(k)] for i in range(k)]
        for x, y, off in zip(xs, ys, offsets, strict=True):
            z = off + sum(a * b for a, b in zip(w, x, strict=True))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g, h = p - y, p * (1 - p)
            nz = [(j, v) for j, v in enumerate(x) if v]
            for i, vi in nz:
                grad[i] += g * vi
                row = hess[i]
                for j, vj in nz:
                    row[j] += h * vi * vj
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
    return w


def fit_weights(essays: list[dict], l2: float = 1.0) -> tuple[dict[str, float], dict[str, float]]:
    """Claim and thesis weights fitted on ``essays``, hand-set features kept, rounded to one decimal."""
    xs, claim, thesis = _rows(essays)
    free = [j for j, name in enumerate(FEATURES) if name not in HAND_SET]
    out = []
    for ys, fixed in ((claim, rank.CLAIM_WEIGHTS), (thesis, rank.THESIS_WEIGHTS)):
        offsets = [sum(fixed[FEATURES[j]] * x[j] for j in range(len(x)) if FEATURES[j] in HAND_SET) for x in xs]
        w = fit([[x[j] for j in free] for x in xs], ys, l2=l2, offsets=offsets)
        weights = {name: fixed[name] for name in FEATURES if name in HAND_SET}
        weights.update({FEATURES[j]: round(v, 1) for j, v in zip(free, w, strict=True)})
        out.append({name: weights[name] for name in FEATURES})
    return out[0], out[1]


def cross_validate(essays: list[dict], k: int, l2: float) -> list[dict[str, float]]:
    """Held-out metrics of each essay over ``k`` folds (essay i goes to fold i mod k)."""
    from benchmarks.aaec import score, system

    saved = dict(rank.CLAIM_WEIGHTS), dict(rank.THESIS_WEIGHTS)
    per_essay: list[dict[str, float]] = []
    try:
        for fold in range(k):
            train = [e for i, e in enumerate(essays) if i % k != fold]
            held = [e for i, e in enumerate(essays) if i % k == fold]
            claim, thesis = fit_weights(train, l2)
            rank.CLAIM_WEIGHTS.update(claim)
            rank.THESIS_WEIGHTS.update(thesis)
            per_essay.extend(score(system, [essay]) for essay in held)
    finally:
        rank.CLAIM_WEIGHTS.update(saved[0])
        rank.THESIS_WEIGHTS.update(saved[1])
    return per_essay


# The issue's aims on the 36 dev essays, and how often a sample that small reaches them.
AIMS = {"MC@1": 0.85, "MC@3": 0.95, "P@5": 0.80, "R@5": 0.75}
DEV_SIZE = 36


def chance_of_aims(per_essay: list[dict[str, float]], draws: int = 5000) -> dict[str, float]:
    """For each aim, the share of random 36-essay samples (with replacement) of the held-out results that
    reach it: how far a dev figure below an aim can be bad luck rather than a weaker ranker."""
    rng = random.Random(0)
    return {
        name: sum(sum(rng.choice(per_essay)[name] for _ in range(DEV_SIZE)) / DEV_SIZE >= aim for _ in range(draws))
        / draws
        for name, aim in AIMS.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--cv", type=int, default=0, help="k-fold cross-validation on train instead of fitting")
    args = parser.parse_args()
    essays = load_aaec(shared_root(args.shared), "train")
    if args.cv:
        per_essay = cross_validate(essays, args.cv, args.l2)
        means = {name: sum(e[name] for e in per_essay) / len(per_essay) for name in AIMS}
        print(f"{args.cv}-fold CV on train (l2={args.l2}): " + " ".join(f"{k} {v:.3f}" for k, v in means.items()))
        chances = chance_of_aims(per_essay)
        print(
            f"chance a {DEV_SIZE}-essay sample reaches the aim: "
            + " ".join(f"{k}>={AIMS[k]} {v:.2f}" for k, v in chances.items())
        )
        return
    claim, thesis = fit_weights(essays, args.l2)
    for name, weights in (("CLAIM_WEIGHTS", claim), ("THESIS_WEIGHTS", thesis)):
        print(f"{name}: dict[str, float] = {{")
        for feature, value in weights.items():
            print(f'    "{feature}": {value},')
        print("}")


if __name__ == "__main__":
    main()
