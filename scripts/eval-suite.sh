#!/usr/bin/env bash
# The evaluation suite of a model bundle, beside the bag-of-words ridge baseline:
#   scripts/eval-suite.sh BUNDLE [OUT_DIR]
# runs `evaluate --json` on the scale data's test split and on every out-of-domain pos/neg set present under
# $VARSENT_DATA (default ../varsent-data, written by scripts/review-sets.sh), runs `bench baseline --json` on
# the same sets, keeps every JSON line in OUT_DIR (default a new temporary directory) and prints one table:
# AUROC of the score per set (model vs ridge), accuracy, every uncertainty AUROC evaluate reports, the mean
# uncertainty per set and its ratio to the in-domain test split. Fields evaluate does not report show as "-";
# where it reports no mean_uncertainty, the mean of the predictions' total_std (else std) stands in, marked *.
# Environment: VARSENT (the command that runs varsent.jar; default java -jar flink-jobs/target/varsent.jar),
# K (MC samples, default 10), SCALE_DATA (default: evaluate's own default), VARSENT_DATA.
set -euo pipefail
[[ $# -ge 1 && $# -le 2 ]] || { echo "usage: scripts/eval-suite.sh BUNDLE [OUT_DIR]" >&2; exit 2; }
bundle=$1
out=${2:-$(mktemp -d -t varsent-eval-XXXXXX)}
[[ -f "$bundle" ]] || { echo "no model bundle at $bundle" >&2; exit 2; }
data=${VARSENT_DATA:-../varsent-data}
k=${K:-10}
read -r -a varsent <<< "${VARSENT:-java --add-modules jdk.incubator.vector -jar flink-jobs/target/varsent.jar}"
scale_args=()
[[ -n "${SCALE_DATA:-}" ]] && scale_args=(--scale-data "$SCALE_DATA")
mkdir -p "$out"
if compgen -G "$out/*.json" > /dev/null; then
  echo "$out already holds a run's JSON files; give a new or empty OUT_DIR" >&2; exit 2
fi

sets=()
if [[ -d "$data" ]]; then
  while IFS= read -r f; do sets+=("$f"); done < <(find "$data" -name '*.jsonl' -type f | sort)
fi
[[ ${#sets[@]} -gt 0 ]] || echo "no out-of-domain sets under $data (run scripts/review-sets.sh); in-domain only" >&2

run() { # run NAME ARGS...: one JSON line to $out/NAME.json, stderr to $out/NAME.log
  local name=$1; shift
  echo "$name ..." >&2
  "${varsent[@]}" "$@" 2> "$out/$name.log" | grep '^{' > "$out/$name.json" || {
    echo "$name failed, see $out/$name.log" >&2; return 1; }
}

run scale-test evaluate --model "$bundle" --k "$k" --json --predictions "$out/scale-test.predictions.jsonl" \
  "${scale_args[@]}"
for f in "${sets[@]}"; do
  name="$(basename "$(dirname "$f")")-$(basename "$f" .jsonl)"
  run "$name" evaluate --model "$bundle" --data "$f" --k "$k" --json --predictions "$out/$name.predictions.jsonl"
done
data_list=$(IFS=,; echo "${sets[*]:-}")
run ridge bench baseline --json "${scale_args[@]}" ${data_list:+--data "$data_list"}

python3 - "$out" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
def load(name):
    with open(os.path.join(out, name + ".json")) as fh:
        return [json.loads(l) for l in fh if l.strip()]
ridge = load("ridge")
ridge_split = {r["split"]: r for r in ridge if "split" in r}
ridge_set = {os.path.normpath(r["data"]): r for r in ridge if "data" in r}
rows = []
for path in sorted(glob.glob(os.path.join(out, "*.json"))):
    name = os.path.basename(path)[:-5]
    if name == "ridge":
        continue
    for m in load(name):
        rows.append((name, m))
rows.sort(key=lambda r: (r[0] != "scale-test", r[0]))

def predictions_mean(name):
    path = os.path.join(out, name + ".predictions.jsonl")
    if not os.path.exists(path):
        return None
    values = []
    with open(path) as fh:
        for line in fh:
            p = json.loads(line)
            v = p.get("total_std", p.get("std"))
            if isinstance(v, (int, float)):
                values.append(v)
    return sum(values) / len(values) if values else None
mean_unc = {}
for n, m in rows:
    if isinstance(m.get("mean_uncertainty"), (int, float)):
        mean_unc[n] = (m["mean_uncertainty"], "")
    elif predictions_mean(n) is not None:
        mean_unc[n] = (predictions_mean(n), "*")
in_domain = mean_unc.get("scale-test", (None, ""))[0]
unc_keys = sorted({k for _, m in rows for k in m
                   if k.startswith("auroc_") and not k.startswith("auroc_score")})
def f(v, d=3):
    return "-" if v is None else (f"{v:.{d}f}" if isinstance(v, (int, float)) else str(v))

print(f"model {rows[0][1].get('model_version', '?')}; JSON lines in {out}\n")
print("In-domain (scale data, test split of the paper's protocol):")
for n, m in rows:
    if n == "scale-test":
        seg = ridge_split.get("paper_segments", {})
        paper_rev = ridge_split.get("paper_reviews", {})
        rev = ridge_split.get("reviews", {})
        for key, value in m.items():
            if key not in ("metric", "model_version", "data"):
                print(f"  {key:38s} {f(value, 4)}")
        value, mark = mean_unc.get(n, (None, ""))
        if "mean_uncertainty" not in m:
            print(f"  {'mean uncertainty' + mark:38s} {f(value, 4)}")
        print(f"  {'ridge segment test RMSE':38s} {f(seg.get('test_rmse'), 4)} (lambda {f(seg.get('lambda'), 1)})")
        print(f"  {'ridge review RMSE, same test reviews':38s} {f(paper_rev.get('test_rmse'), 4)} "
              f"(lambda {f(paper_rev.get('lambda'), 1)})")
        print(f"  {'ridge review RMSE, 80/20 by review':38s} {f(rev.get('test_rmse'), 4)} (lambda {f(rev.get('lambda'), 1)})")
print()
header = ["set", "n", "AUROC model", "AUROC ridge", "acc model", "acc ridge", "ridge margin"] + \
         [k.replace("auroc_", "") for k in unc_keys] + ["mean unc", "/ in-domain"]
print("| " + " | ".join(header) + " |")
print("|" + "---|" * len(header))
for n, m in rows:
    r = ridge_set.get(os.path.normpath(m.get("data", ""))) if n != "scale-test" else None
    unc, mark = mean_unc.get(n, (None, ""))
    ratio = unc / in_domain if unc is not None and in_domain else None
    cells = [n, f(m.get("examples"), 0), f(m.get("auroc_score_mc")), f(r and r.get("auroc_score")),
             f(m.get("accuracy_mc")), f(r and r.get("accuracy")), f(r and r.get("auroc_margin_flags_errors"))] + \
            [f(m.get(k)) for k in unc_keys] + [f(unc, 4) + mark, f(ratio, 2)]
    print("| " + " | ".join(cells) + " |")
if any(mark for _, mark in mean_unc.values()):
    print("\n* evaluate reported no mean_uncertainty: mean of the predictions' total_std (or std) instead")
PY
