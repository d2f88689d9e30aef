#!/usr/bin/env bash
# Fetches the labelled review sentences that npm's sentiment@5.0.2 ships (1000 each from IMDB, Amazon and
# Yelp; MIT licence; the few empty ones dropped) and writes them as evaluate's JSON lines ({"id","text","label":"pos"|"neg"}).
#   scripts/sentiment-fixtures.sh [OUT_DIR]     (default ../varsent-data/sentiment-fixtures)
set -euo pipefail
out=${1:-../varsent-data/sentiment-fixtures}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack sentiment@5.0.2 --silent > /dev/null && tar xzf sentiment-5.0.2.tgz)
for set in imdb amazon yelp; do
  node -e '
    const rows = require(process.argv[1]);
    const lines = rows.map((r, i) => ({id: process.argv[2] + "-" + i, text: r.text.trim(), label: r.class === 1 ? "pos" : "neg"}))
      .filter(r => r.text.length > 0).map(r => JSON.stringify(r));
    require("fs").writeFileSync(process.argv[3], lines.join("\n") + "\n");
  ' "$tmp/package/test/fixtures/$set.json" "$set" "$out/$set.jsonl"
  echo "$out/$set.jsonl: $(wc -l < "$out/$set.jsonl") sentences"
done
