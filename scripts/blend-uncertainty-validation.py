#!/usr/bin/env python3
"""Validation of a blended model's uncertainty signals on the training side: which one ranks its errors.

  scripts/blend-uncertainty-validation.py MEMBERS.jsonl THRESHOLD

MEMBERS.jsonl is what `blend --members` writes: every held-out review of the calibration split (both halves: the one
that chose the blend weight and the one that calibrated it; never test data) with the network's and the ridge's score
and their uncalibrated blend. THRESHOLD is the decision threshold (the model's training rating mean, as `evaluate`
reports it). As scripts/uncertainty-validation.py does for the network's conformity examples, every learned piece is
cross-fitted: 5 folds by a hash of the review id, each fold's error scale (least squares of |y - score| on the
candidate's features, floored at a quarter of the median fitted value) and conformal factors (segment bands, novelty
fence 2) fitted on the other four. AUROCs are the mean over folds of the AUROC within a fold. Prints the AUROC of each
raw signal for the worst 20 % of errors and for the wrong pos/neg calls, then, per candidate error scale, the AUROC of
its routing signal (worst 20 %), of its wrong-side probability (wrong calls) and the 90 % coverage of its intervals,
with the per-fold routing AUROCs to show the spread.
"""
import hashlib, importlib.util, json, os, sys
import numpy as np

_spec = importlib.util.spec_from_file_location(
    "uv", os.path.join(os.path.dirname(os.path.abspath(__file__)), "uncertainty-validation.py"))
uv = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(uv)

FENCE = 2.0
CANDIDATES = [
    ["score", "aleatoric_std"],  # the ErrorScale before the error ridge
    ["score", "aleatoric_std", "word_error"],  # the ErrorScale with the error ridge
    ["word_error"],
    ["score", "word_error"],
    ["score", "aleatoric_std", "word_error", "disagreement"],
    ["score"],
    ["aleatoric_std"],
    ["score", "aleatoric_std", "disagreement"],
    ["score", "disagreement"],
    ["aleatoric_std", "disagreement"],
    ["score", "aleatoric_std", "epistemic_std"],
    ["score", "aleatoric_std", "segment_std"],
    ["score", "aleatoric_std", "inv_sqrt_segments"],
    ["score", "aleatoric_std", "disagreement", "segment_std", "epistemic_std", "inv_sqrt_segments"],
]


def main():
    rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
    threshold = float(sys.argv[2])
    g = lambda k, d=np.nan: np.array([r.get(k, d) for r in rows], float)
    y, m = g("rating"), g("score")
    e = np.abs(y - m)
    seg = g("segments").astype(int)
    nov = np.nan_to_num(g("novelty"))
    fold = np.array([int(hashlib.sha256(r["id"].encode()).hexdigest(), 16) % 5 for r in rows])
    aleatoric = g("aleatoric_std")
    feats = {
        "score": m,
        "aleatoric_std": np.nan_to_num(aleatoric) if np.isnan(aleatoric).any() else aleatoric,
        "epistemic_std": g("epistemic_std"),
        "segment_std": g("segment_std"),
        "inv_sqrt_segments": 1 / np.sqrt(seg),
        "disagreement": np.abs(g("ridge_score") - g("network_score")),
        "novelty": nov,
    }
    if all("word_error" in r for r in rows):
        feats["word_error"] = g("word_error")

    def crossfit(names):
        X = np.column_stack([np.ones(len(e))] + [feats[n] for n in names])
        out = np.zeros(len(e))
        for f in range(5):
            tr, te = fold != f, fold == f
            b, *_ = np.linalg.lstsq(X[tr], e[tr], rcond=None)
            out[te] = np.maximum(X[te] @ b, 0.25 * np.median(X[tr] @ b))
        return out

    def calibrated(base):
        sd, half, dsd = np.zeros(len(e)), np.zeros(len(e)), np.zeros(len(e))
        for f in range(5):
            tr, te = fold != f, fold == f
            s0 = np.median(base[tr])
            scale = np.sqrt(base ** 2 + (np.maximum(0, nov - FENCE) * s0) ** 2)
            conf = e / scale
            pooled = uv.conformal_q(conf[tr], uv.ONE_SD)
            starts = uv.band_starts(seg[tr])
            btr, bte = uv.band_of(seg[tr], starts), uv.band_of(seg[te], starts)
            for b in range(len(starts)):
                q1 = uv.conformal_q(conf[tr][btr == b], uv.ONE_SD)
                q9 = uv.conformal_q(conf[tr][btr == b], uv.LEVEL)
                idx = np.where(te)[0][bte == b]
                sd[idx], half[idx], dsd[idx] = pooled * scale[idx], q9 * scale[idx], q1 * base[idx]
        return sd, half, dsd

    per_fold = lambda signal, flag: [uv.auroc(signal[fold == f], flag[fold == f]) for f in range(5)]
    worst = uv.worst(e)
    wrong = (m > threshold) != (y > threshold)
    margin = np.abs(m - threshold)
    halves = {h: sum(r["half"] == h for r in rows) for h in ("selection", "calibration")}
    print(f"held-out reviews: n = {len(rows)} ({halves['selection']} selection half, {halves['calibration']}"
          f" calibration half); RMSE blend {np.sqrt(np.mean((y - m) ** 2)):.4f}, network"
          f" {np.sqrt(np.mean((y - g('network_score')) ** 2)):.4f}, ridge"
          f" {np.sqrt(np.mean((y - g('ridge_score')) ** 2)):.4f}; worst 20 %: {worst.sum()}, wrong calls:"
          f" {wrong.sum()}")
    print("AUROCs: mean over the 5 folds of the AUROC within each fold")
    for name, v in list(feats.items()) + [("-score (low predicted ratings)", -m)]:
        print(f"  raw {name:32s} worst 20 % {np.mean(per_fold(v, worst)):.3f}  wrong calls {np.mean(per_fold(v, wrong)):.3f}")
    print(f"  wrong calls, -margin alone {'':21s} {np.mean(per_fold(-margin, wrong)):.3f}")
    total = np.sqrt(feats["epistemic_std"] ** 2 + np.nan_to_num(aleatoric) ** 2)
    bases = [("total std (no error scale)", total)] + [("error scale(" + ", ".join(c) + ")", crossfit(c))
                                                       for c in CANDIDATES if all(f in feats for f in c)]
    print(f"  {'candidate':100s} routing  wrong-side  coverage 90 %  routing per fold")
    for name, base in bases:
        sd, half, dsd = calibrated(base)
        folds = per_fold(sd, worst)
        print(f"  {name:100s} {np.mean(folds):.3f}    {np.mean(per_fold(-margin / dsd, wrong)):.3f}      "
              f"{np.mean(e <= half):.3f}        " + " ".join(f"{a:.2f}" for a in folds))


if __name__ == "__main__":
    main()
