#!/usr/bin/env bash
# The main job on the bundled examples: text articles → facts → the on-disk store → Turtle, and
# answers to the example questions. Run from anywhere: `bash examples/demo.sh`.
#   STORE  where the store goes        (default: ./newskg-store)
#   OUT    where the Turtle file goes  (default: ./kg.ttl)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
STORE="${STORE:-newskg-store}"
OUT="${OUT:-kg.ttl}"

# The debug profile: the same build the tests use, so the two README commands compile only once.
cargo build --quiet --manifest-path "$root/Cargo.toml"
target="$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
newskg="$target/debug/newskg"

echo "== extract + build: $here/articles → $STORE"
"$newskg" build --store "$STORE" --quiet "$here/articles"

echo
echo "== export: $OUT"
"$newskg" export --store "$STORE" --format turtle -o "$OUT"
echo "wrote $(wc -l < "$OUT") lines of Turtle"

for q in "$here"/queries/*.rq; do
  echo
  echo "== $(basename "$q" .rq)"
  sed -n 's/^# \{0,1\}//p' "$q" | head -n 2
  "$newskg" query --store "$STORE" "@$q"
done
