"""Fit the ranking weights in ``bot/analysis/rank.py`` by logistic regression on AAEC *train* and on the
labelled *train* editorials; never on AAEC dev nor the editorial check set.

Run ``python -m benchmarks.fit`` and paste the printed dictionaries (rounded on purpose: a readable
model, not a tuned one). Never run on dev: dev is for checking.

Features in ``HAND_SET`` keep the weights written in ``rank.py`` (they are rare in student essays or
fitted to an artefact of the metric) and enter the fit as a fixed offset. ``--cv K`` estimates how well
the fitted weights generalise: K folds of train, weights fitted on K-1 and the whole pipeline scored
(MC@1, MC@3, P@5, R@5) on the held-out fold; ``--l2`` values can be compared that way. It also prints how
often a 36-essay sample of those held-out results reaches each of the issue's aims.

The thesis weights: ``--editorials train`` fits them on the train editorials' segments (1 where a segment
covers the labelled thesis or a restatement, ``benchmarks.editorials``) joined with the essays' major-claim
rows, editorial rows counted ``--weight`` times (``--no-aaec``: editorials alone; ``--choice``: one choice
per text, a conditional logit, instead of a yes/no per segment). With ``--cv K`` it scores T@1 and T@3 of
the whole pipeline on each held-out fold of editorials instead, and ``--grid`` tries every setting in
``GRID``; ``--editorials tune`` or ``train+tune`` do the same on those labels (choose on train, confirm
on tune: the check set is never read here).
"""

from __future__ import annotations

import argparse
import math
import random
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import covers, load_aaec, shared_root
from bot.analysis import rank
from bot.analysis.features import extract
from bot.analysis.rank import FEATURES, vector
from bot.analysis.segment import segment

HAND_SET = frozenset({"quoted", "reported", "numeric", "others_view", "long", "unmarked_lone"})


def _essay_rows(essay: dict) -> tuple[list[list[float]], list[int], list[int]]:
    xs, claim, thesis = [], [], []
    doc = segment(essay["text"])
    for seg, f in zip(doc.segments, extract(doc), strict=True):
        if not f.eligible:
            continue
        sentence = doc.span(seg)
        xs.append(vector(f))
        thesis.append(int(any(covers(sentence, c) for c in essay["major_claims"])))
        claim.append(int(thesis[-1] or any(covers(sentence, c) for c in essay["claims"])))
    return xs, claim, thesis


def _rows(essays: list[dict]) -> tuple[list[list[float]], list[int], list[int]]:
    xs, claim, thesis = [], [], []
    for essay in essays:
        x, c, t = _essay_rows(essay)
        xs += x
        claim += c
        thesis += t
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
    xs: list[list[float]],
    ys: list[int],
    l2: float = 1.0,
    iterations: int = 12,
    offsets: list[float] | None = None,
    row_weights: list[float] | None = None,
    prior: list[float] | None = None,
) -> list[float]:
    """L2-regularised logistic regression by Newton's method (bias not penalised); pure Python so the
    benchmark needs nothing beyond the project's own dependencies. ``offsets`` add a fixed term to each
    row's logit (the hand-set features); ``row_weights`` count a row that many times (editorial rows
    weighted up against the many more essay rows); ``prior`` is what the penalty pulls towards (zero
    unless given: given the weights of ``rank.py``, a small sample moves them only as far as it must)."""
    k = len(xs[0])
    prior = prior or [0.0] * k
    w = list(prior)
    offsets = offsets or [0.0] * len(xs)
    row_weights = row_weights or [1.0] * len(xs)
    for _ in range(iterations):
        grad = [l2 * (w[j] - prior[j]) if j else 0.0 for j in range(k)]
        hess = [[(l2 if i == j and i else 0.0) for j in range(k)] for i in range(k)]
        for x, y, off, rw in zip(xs, ys, offsets, row_weights, strict=True):
            z = off + sum(a * b for a, b in zip(w, x, strict=True))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g, h = rw * (p - y), rw * p * (1 - p)
            nz = [(j, v) for j, v in enumerate(x) if v]
            for i, vi in nz:
                grad[i] += g * vi
                row = hess[i]
                for j, vj in nz:
                    row[j] += h * vi * vj
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
    return w


def fit_choice(
    groups: list[tuple[list[list[float]], list[int], list[float]]],
    group_weights: list[float],
    prior: list[float],
    l2: float = 1.0,
    iterations: int = 15,
) -> list[float]:
    """Conditional logistic regression: per text (rows, labels, offsets), the log-probability that a softmax
    over its segments picks a labelled one — the thesis is one choice per text, not a yes/no per sentence.
    The penalty pulls towards ``prior``; the bias is the same for every segment of a text, so it keeps the
    prior's value. Newton steps with the softmax covariance as the curvature (an upper bound when a text has
    several labelled segments, so the steps are safe)."""
    k = len(prior)
    w = list(prior)
    for _ in range(iterations):
        grad = [l2 * (w[j] - prior[j]) for j in range(k)]
        hess = [[(l2 if i == j else 0.0) for j in range(k)] for i in range(k)]
        for (xs, ys, offsets), gw in zip(groups, group_weights, strict=True):
            if not any(ys) or all(ys):
                continue
            zs = [off + sum(a * b for a, b in zip(w, x, strict=True)) for x, off in zip(xs, offsets, strict=True)]
            top = max(zs)
            es = [math.exp(z - top) for z in zs]
            total, chosen = sum(es), sum(e for e, y in zip(es, ys, strict=True) if y)
            mean, mean_chosen = [0.0] * k, [0.0] * k
            for x, e, y in zip(xs, es, ys, strict=True):
                p, q = e / total, (e / chosen if y else 0.0)
                nz = [(j, v) for j, v in enumerate(x) if v]
                for i, vi in nz:
                    mean[i] += p * vi
                    mean_chosen[i] += q * vi
                    row = hess[i]
                    for j, vj in nz:
                        row[j] += gw * p * vi * vj
            for i in range(k):
                grad[i] += gw * (mean[i] - mean_chosen[i])
                if mean[i]:
                    row = hess[i]
                    for j in range(k):
                        row[j] -= gw * mean[i] * mean[j]
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
    return w


def _fit_free(
    xs: list[list[float]],
    ys: list[int],
    fixed: dict[str, float],
    l2: float,
    row_weights: list[float] | None = None,
    from_fixed: bool = False,
) -> dict[str, float]:
    """Weights fitted on the rows, hand-set features kept from ``fixed``, rounded to one decimal;
    ``from_fixed``: the penalty pulls towards ``fixed`` rather than zero."""
    free = [j for j, name in enumerate(FEATURES) if name not in HAND_SET]
    prior = [fixed[FEATURES[j]] for j in free] if from_fixed else None
    w = fit(
        [[x[j] for j in free] for x in xs], ys, l2, offsets=_offsets(xs, fixed), row_weights=row_weights, prior=prior
    )
    return _with_hand_set(free, w, fixed)


def _offsets(xs: list[list[float]], fixed: dict[str, float]) -> list[float]:
    return [sum(fixed[FEATURES[j]] * x[j] for j in range(len(x)) if FEATURES[j] in HAND_SET) for x in xs]


def _with_hand_set(free: list[int], w: list[float], fixed: dict[str, float]) -> dict[str, float]:
    weights = {name: fixed[name] for name in FEATURES if name in HAND_SET}
    weights.update({FEATURES[j]: round(v, 1) + 0.0 for j, v in zip(free, w, strict=True)})  # no "-0.0"
    return {name: weights[name] for name in FEATURES}


def fit_weights(essays: list[dict], l2: float = 1.0) -> tuple[dict[str, float], dict[str, float]]:
    """Claim and thesis weights fitted on ``essays``, hand-set features kept, rounded to one decimal."""
    xs, claim, thesis = _rows(essays)
    return _fit_free(xs, claim, rank.CLAIM_WEIGHTS, l2), _fit_free(xs, thesis, rank.THESIS_WEIGHTS, l2)


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


Rows = tuple[list[list[float]], list[int]]


def editorial_rows(root: Path, labels: list[dict]) -> list[Rows]:
    """Per labelled editorial, a row per eligible segment of the text as ``analyse`` segments it: 1 where
    the segment covers the labelled thesis or a restatement of it."""
    from benchmarks.corpus import load
    from benchmarks.editorials import targets

    out = []
    for label in labels:
        reading = load(root / label["file"])
        doc = segment(reading.text)
        xs, ys = [], []
        for seg, f in zip(doc.segments, extract(doc, reading.title), strict=True):
            if f.eligible:
                xs.append(vector(f))
                ys.append(int(any(covers(doc.span(seg), t) for t in targets(label))))
        out.append((xs, ys))
    return out


@dataclass(frozen=True)
class Setting:
    """How the thesis weights are fitted: on which texts, with what objective and penalty."""

    essays: bool  # join the AAEC train essays (each counted once)
    weight: float  # each editorial counts this many times (0: the essays alone)
    l2: float
    choice: bool = False  # conditional logit (one thesis per text) instead of a yes/no per segment
    from_rank: bool = False  # the penalty pulls towards the weights in rank.py instead of zero

    def __str__(self) -> str:
        texts = "essays only" if not self.weight else f"{'essays + ' if self.essays else ''}editorials x{self.weight:g}"
        how = ("choice" if self.choice else "rows") + (", from rank.py" if self.from_rank else "")
        return f"{texts}, {how}, l2 {self.l2:g}"


def fit_thesis(
    editorials: list[Rows], essays: list[Rows], setting: Setting, fixed: dict[str, float]
) -> dict[str, float]:
    """Thesis weights fitted on the editorials' rows, joined with the essays' major-claim rows when the
    setting says so; hand-set features and, with ``from_rank``, the prior come from ``fixed`` (and the bias
    of a choice fit, which cannot tell it: it only sets the level that select's thresholds compare)."""
    groups = [(rows, setting.weight) for rows in editorials] if setting.weight else []
    groups += [(rows, 1.0) for rows in essays] if setting.essays else []
    if not setting.choice:
        xs = [x for (rows, _), _ in groups for x in rows]
        ys = [y for (_, labels), _ in groups for y in labels]
        row_weights = [w for (rows, _), w in groups for _ in rows]
        return _fit_free(xs, ys, fixed, setting.l2, row_weights, setting.from_rank)
    free = [j for j, name in enumerate(FEATURES) if name not in HAND_SET]
    prior = [fixed[FEATURES[j]] if setting.from_rank or not j else 0.0 for j in free]
    w = fit_choice(
        [([[x[j] for j in free] for x in xs], ys, _offsets(xs, fixed)) for (xs, ys), _ in groups],
        [w for _, w in groups],
        prior,
        setting.l2,
    )
    return _with_hand_set(free, w, fixed)


def cross_validate_editorials(
    root: Path, labels: list[dict], rows: list[Rows], essays: list[Rows], k: int, setting: Setting
) -> list[tuple[bool, bool]]:
    """Held-out (T@1, T@3) of each editorial over ``k`` folds (editorial i goes to fold i mod k), scored with
    the whole pipeline under thesis weights fitted on the other folds."""
    from benchmarks.editorials import thesis_hits

    saved = dict(rank.THESIS_WEIGHTS)
    hits: dict[int, tuple[bool, bool]] = {}
    try:
        for fold in range(k):
            train = [r for i, r in enumerate(rows) if i % k != fold]
            rank.THESIS_WEIGHTS.update(fit_thesis(train, essays, setting, saved))
            held = range(fold, len(labels), k)
            hits.update(zip(held, thesis_hits(root, [labels[i] for i in held]), strict=True))
    finally:
        rank.THESIS_WEIGHTS.update(saved)
    return [hits[i] for i in range(len(labels))]


# Tried by --grid: the essays alone; the editorials alone; both, the editorial rows counted 1–100 times (an
# editorial has ~40 segments and one to three labelled, an essay ~17 and one or two); each as a yes/no per
# segment and as one choice per text. (--from-rank, the penalty pulling towards the weights in rank.py, is
# left out: rank.py now holds a fit on the train editorials, so held-out folds would leak into the prior.)
GRID: tuple[Setting, ...] = (
    Setting(True, 0.0, 1.0),
    *(Setting(False, 1.0, l2) for l2 in (1.0, 10.0)),
    *(Setting(True, w, l2) for w in (1.0, 3.0, 10.0, 30.0, 100.0) for l2 in (1.0, 3.0, 10.0, 30.0)),
    *(Setting(False, 1.0, l2, choice=True) for l2 in (1.0, 10.0)),
    *(Setting(True, w, l2, choice=True) for w in (1.0, 3.0, 10.0) for l2 in (1.0, 10.0)),
)


def _editorial_main(args: argparse.Namespace) -> None:
    from benchmarks.editorials import TRAIN_LABELS, TUNE_LABELS, load_labels, thesis_hits

    sets = {"train": TRAIN_LABELS, "tune": TUNE_LABELS}
    shared = shared_root(args.shared)
    root = shared / "datasets" / "editorials"
    labels = [label for name in args.editorials.split("+") for label in load_labels(sets[name])]
    rows = editorial_rows(root, labels)
    essays = [(xs, thesis) for xs, _, thesis in map(_essay_rows, load_aaec(shared, "train"))]
    chosen = Setting(not args.no_aaec, args.weight, args.l2, args.choice, args.from_rank)
    if not args.cv:
        weights = fit_thesis(rows, essays, chosen, dict(rank.THESIS_WEIGHTS))
        print(f"# {chosen}, on {len(labels)} {args.editorials} editorials")
        print("THESIS_WEIGHTS: dict[str, float] = {")
        for feature, value in weights.items():
            print(f'    "{feature}": {value},')
        print("}")
        return
    print(f"{args.cv}-fold CV over {len(labels)} {args.editorials} editorials, whole pipeline, held-out T@1 T@3")
    base = thesis_hits(root, labels)
    print(f"{'rank.py as it is (no fit)':<48} {_mean(base, 0):.3f} {_mean(base, 1):.3f}")
    for setting in GRID if args.grid else (chosen,):
        hits = cross_validate_editorials(root, labels, rows, essays, args.cv, setting)
        print(f"{setting!s:<48} {_mean(hits, 0):.3f} {_mean(hits, 1):.3f}", flush=True)


def _mean(hits: list[tuple[bool, bool]], at: int) -> float:
    return sum(h[at] for h in hits) / len(hits)


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
    parser.add_argument(
        "--editorials",
        choices=("train", "tune", "train+tune"),
        help="fit the thesis weights on these labelled editorials (never the check set)",
    )
    parser.add_argument("--weight", type=float, default=1.0, help="each editorial row counts this many times")
    parser.add_argument("--no-aaec", action="store_true", help="the editorials alone, without the essays")
    parser.add_argument("--choice", action="store_true", help="one choice per text (conditional logit)")
    parser.add_argument("--from-rank", action="store_true", help="pull the weights towards rank.py, not zero")
    parser.add_argument("--grid", action="store_true", help="with --editorials --cv: try every setting in GRID")
    args = parser.parse_args()
    if args.editorials:
        _editorial_main(args)
        return
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
