#!/usr/bin/env python3
"""Validation of uncertainty signals on the training side: which one ranks the errors, and do the intervals hold.

  scripts/uncertainty-validation.py CONFORMITY.jsonl THRESHOLD

CONFORMITY.jsonl is what `calibrate --conformity` writes: the calibration split of a model scored as served (whole
reviews and their segments alone, with their ratings; never test data). THRESHOLD is the decision threshold (the
model's training rating mean, as `evaluate` reports it). Every learned candidate (error scale, novelty std, conformal
quantiles) is cross-fitted: 5 folds by a hash of the review id, so a review's whole-review and segment examples are
on the same side; each fold's figures come from a fit on the other four. Prints, for whole reviews and for segments
alone: the AUROC of each raw signal and of each candidate routing signal for the worst 20 % of errors, the AUROC of
each candidate's wrong-side probability for the wrong pos/neg calls, and the 90 % coverage of its intervals.
"""
import hashlib, json, math, sys
import numpy as np

ONE_SD, LEVEL, MIN_BAND = 0.6827, 0.9, 100


def auroc(score, flag):
    score, flag = np.asarray(score, float), np.asarray(flag, bool)
    order = np.argsort(score, kind="mergesort")
    ranks = np.empty(len(score))
    s = score[order]
    i = 0
    while i < len(s):  # average ranks over ties
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j + 2) / 2
        i = j + 1
    n1 = flag.sum()
    n0 = len(flag) - n1
    return (ranks[flag].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)


def worst(e, frac=0.2):  # as RegressionMetrics.worstErrors: the top ceil(frac * n) absolute errors (ties in)
    k = int(math.ceil(frac * len(e)))
    return e >= np.sort(e)[::-1][k - 1]


def conformal_q(scores, level):
    s = np.sort(scores)
    rank = math.ceil((len(s) + 1) * level - 1e-9)
    return math.inf if rank > len(s) else s[max(1, rank) - 1]


def band_starts(segments):  # as ConformalCalibration.bands
    starts, in_band = [1], 0
    for s in sorted(set(segments)):
        if in_band >= MIN_BAND:
            starts.append(s)
            in_band = 0
        in_band += int((segments == s).sum())
    if len(starts) > 1 and in_band < MIN_BAND:
        starts.pop()
    return starts


def band_of(segments, starts):
    return np.searchsorted(np.array(starts), segments, side="right") - 1


def main():
    rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
    threshold = float(sys.argv[2])
    g = lambda k, d=0.0: np.array([r.get(k, d) for r in rows], float)
    y, m = g("rating"), g("score")
    e = np.abs(y - m)
    whole = np.array([r["whole_review"] for r in rows])
    seg = g("segments").astype(int)
    nov = np.nan_to_num(g("novelty", np.nan))
    fold = np.array([int(hashlib.sha256(r["id"].encode()).hexdigest(), 16) % 5 for r in rows])
    feats = {"epistemic_std": g("epistemic_std"), "aleatoric_std": g("aleatoric_std"), "segment_std": g("segment_std"),
             "inv_sqrt_segments": 1 / np.sqrt(seg), "score": m, "novelty": nov}

    def crossfit(names):
        X = np.column_stack([np.ones(len(e))] + [feats[n] for n in names])
        out = np.zeros(len(e))
        for f in range(5):
            tr, te = fold != f, fold == f
            b, *_ = np.linalg.lstsq(X[tr], e[tr], rcond=None)
            fitted = X[tr] @ b
            out[te] = np.maximum(X[te] @ b, 0.25 * np.median(fitted))
        return out

    def calibrated(base, banded, fence):
        """Cross-fitted routing signal (one-sd factor of all bands times the scale), 90 % half-width (the band's
        quantile) and decision sd (the band's one-sd factor times the base scale) of each example."""
        sd, half, dsd = np.zeros(len(e)), np.zeros(len(e)), np.zeros(len(e))
        for f in range(5):
            tr, te = fold != f, fold == f
            s0 = np.median(base[tr])
            scale = np.sqrt(base ** 2 + (np.maximum(0, nov - fence) * s0) ** 2)
            conf = e / scale
            pooled = conformal_q(conf[tr], ONE_SD)
            starts = band_starts(seg[tr]) if banded else [1]
            btr, bte = band_of(seg[tr], starts), band_of(seg[te], starts)
            for b in range(len(starts)):
                q1 = conformal_q(conf[tr][btr == b], ONE_SD)
                q9 = conformal_q(conf[tr][btr == b], LEVEL)
                idx = np.where(te)[0][bte == b]
                sd[idx], half[idx], dsd[idx] = pooled * scale[idx], q9 * scale[idx], q1 * base[idx]
        return sd, half, dsd

    def fold_auroc(signal, flag, mask):
        """The mean over folds of the AUROC within each fold (each fold's signal comes from one fit)."""
        return np.mean([auroc(signal[mask & (fold == f)], flag[fold[mask] == f]) for f in range(5)])

    total = np.sqrt(feats["epistemic_std"] ** 2 + feats["aleatoric_std"] ** 2)
    candidates = {
        "before: total std, one table, novelty from 0": calibrated(total, False, 0),
        "total std, bands, novelty from 0": calibrated(total, True, 0),
        "error scale(score, aleatoric), bands, novelty from 0": calibrated(crossfit(["score", "aleatoric_std"]), True, 0),
        "chosen: error scale(score, aleatoric), bands, fence 2": calibrated(crossfit(["score", "aleatoric_std"]), True, 2),
        "error scale(all six signals), bands, fence 2": calibrated(crossfit(list(feats)), True, 2),
    }
    wrong = (m > threshold) != (y > threshold)
    margin = np.abs(m - threshold)
    print("AUROCs: mean over the 5 folds of the AUROC within each fold; coverage: all folds together")
    for label, mask in [("whole reviews", whole), ("segments alone", ~whole)]:
        w = np.zeros(len(e), bool)
        w[mask] = worst(e[mask])
        print(f"{label}: n = {mask.sum()}, share of wrong calls {wrong[mask].mean():.3f}")
        for name, v in list(feats.items()) + [("-score (low predicted ratings)", -m)]:
            print(f"  AUROC worst 20 %, raw {name:52s} {fold_auroc(v, w[mask], mask):.3f}")
        for name, (sd, half, _) in candidates.items():
            print(f"  routing signal, {name:52s} AUROC worst 20 % {fold_auroc(sd, w[mask], mask):.3f}"
                  f"  coverage 90 % {np.mean(e[mask] <= half[mask]):.3f}")
        print(f"  wrong calls, -margin alone {'':41s} {fold_auroc(-margin, wrong[mask], mask):.3f}")
        for name, (_, _, dsd) in candidates.items():
            # Phi(-margin / sd) ranks as -margin / sd
            print(f"  wrong calls, wrong-side probability, {name:52s} {fold_auroc(-margin / dsd, wrong[mask], mask):.3f}")


if __name__ == "__main__":
    main()
