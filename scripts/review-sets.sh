#!/usr/bin/env bash
# Writes every out-of-domain labelled review set this project evaluates on as evaluate's JSON lines
# ({"id","text","label":"pos"|"neg"}), one folder per set, and prints each file's count and SHA-256:
#   <OUT>/sentiment-fixtures/{imdb,amazon,yelp}.jsonl  npm sentiment@5.0.2's test sentences (scripts/sentiment-fixtures.sh)
#   <OUT>/pang-lee-polarity/reviews.jsonl              Pang & Lee's polarity data set v2.0, full-length film reviews
#   <OUT>/rt-snippets/snippets.jsonl                   Pang & Lee's sentence polarity data set v1.0 (Rotten Tomatoes)
# The last two come from Debian's python3-pattern, whose test corpora hold samples of both. Reviews that share text
# with the scale data (the same four critics also wrote some polarity reviews) are dropped, so nothing here was
# seen in training. Sources, licences and label rules: docs/results/out-of-domain.md. Needs npm, apt-get, python3.
#   scripts/review-sets.sh [OUT_DIR] [SCALE_DATA_DIR]   (defaults ../varsent-data and ../shared/data/scaledata)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-../varsent-data}
scale=${2:-../shared/data/scaledata}
pattern_version=2.6+git20180818-4
[[ -d "$scale" ]] || { echo "scale data not found at $scale (give it as the second argument)" >&2; exit 2; }
mkdir -p "$out/pang-lee-polarity" "$out/rt-snippets"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$here/sentiment-fixtures.sh" "$out/sentiment-fixtures" > /dev/null

# apt-get download writes into the working directory; _apt cannot write to a private mktemp dir, so fetch as root.
download() { (cd "$tmp" && apt-get download -q -o APT::Sandbox::User=root "$1" > /dev/null 2>&1); }
if ! download "python3-pattern=$pattern_version"; then
  download python3-pattern || { echo "cannot download python3-pattern (run apt-get update first)" >&2; exit 1; }
  echo "warning: python3-pattern $pattern_version is gone, used $(ls "$tmp"); compare the SHA-256s below" \
    "with docs/results/out-of-domain.md" >&2
fi
deb=$(ls "$tmp"/python3-pattern_*.deb)
echo "source $(basename "$deb") sha256 $(sha256sum "$deb" | cut -d' ' -f1)"
dpkg-deb -x "$deb" "$tmp/x"
corpora="$tmp/x/usr/share/doc/python3-pattern/test/corpora"

python3 - "$scale" "$corpora" "$out" <<'PY'
import csv, glob, json, os, sys
scale, corpora, out = sys.argv[1:4]
N = 8          # shingle length in tokens
MAX_SHARED = 0.02  # a text sharing more than 2 % of its 8-token shingles with the scale data is dropped

seen = set()
for f in glob.glob(os.path.join(scale, "*", "subj.*")):
    with open(f, encoding="latin-1") as fh:
        for line in fh:
            w = line.split()
            seen.update(" ".join(w[i:i + N]) for i in range(len(w) - N + 1))

def shared(words):
    grams = [" ".join(words[i:i + N]) for i in range(len(words) - N + 1)]
    return sum(g in seen for g in grams) / len(grams) if grams else 0.0

# The package's README swaps the two descriptions: "pang&lee1" holds the 1,500 full-length reviews of the
# polarity data set v2.0, "pang&lee2" the 4,000 sentences of the sentence polarity data set v1.0.
for source, name, prefix in [("polarity-en-pang&lee1.csv", "pang-lee-polarity/reviews.jsonl", "pl"),
                             ("polarity-en-pang&lee2.csv", "rt-snippets/snippets.jsonl", "rt")]:
    with open(os.path.join(corpora, source), encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    kept, dropped = [], 0
    for i, row in enumerate(rows):
        if len(row) != 2 or row[0] not in ("1", "-1"):
            raise SystemExit(f"{source} row {i + 1}: expected a 1/-1 label and a text, got {row[:1]}")
        words = row[1].split()
        if not words:
            continue
        if shared(words) > MAX_SHARED:
            dropped += 1
            continue
        kept.append({"id": f"{prefix}-{i}", "text": " ".join(words), "label": "pos" if row[0] == "1" else "neg"})
    with open(os.path.join(out, name), "w", encoding="utf-8") as fh:
        for r in kept:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    pos = sum(r["label"] == "pos" for r in kept)
    print(f"{name}: kept {len(kept)} ({pos} pos, {len(kept) - pos} neg), dropped {dropped} that share text with the scale data")
PY

for f in "$out"/sentiment-fixtures/*.jsonl "$out"/pang-lee-polarity/reviews.jsonl "$out"/rt-snippets/snippets.jsonl; do
  echo "$f $(wc -l < "$f") lines sha256 $(sha256sum "$f" | cut -d' ' -f1)"
done
