#!/usr/bin/env bash
# newskg pipeline benchmark: every stage of newskg, side by side with the Python baselines and
# Oxigraph's own loader and dump, on the same generated corpus. See BENCHMARKS.md.
#
#   benches/pipeline.sh --smoke --debug          N=50, one run, debug build: the CI smoke test
#   benches/pipeline.sh --sizes "1000 10000" --runs 3 --baseline-runs 1
#   benches/pipeline.sh --sizes 100000 --runs 1 --baselines none
#
# Options:
#   --sizes "N..."    corpus sizes (articles); default "1000 10000"
#   --runs R          timed runs per size (medians are reported); default 3
#   --baseline-runs K time the Python baselines in the first K runs only (they take minutes);
#                     default: every run
#   --baselines SET   all (default), fast (the pyoxigraph bulk_extend script only, no Morph-KGC)
#                     or none (no Python at all; Oxigraph's own loader and dump still run)
#   --morph-max N     largest size for Morph-KGC (it holds every table in memory); default 10000
#   --python-max N    largest size for the Python baselines (a) and (b); default 10000
#   --dev PATH        also time extraction on real texts (JSON Lines with "id" and "text", e.g.
#                     ../shared/corpus/dev/news-fair-dev.jsonl); read at run time, never copied
#   --work DIR        scratch folder (corpora, stores); default $CARGO_TARGET_DIR/bench-work
#   --out FILE        where the markdown table goes; default DIR/table.md
#   --no-build        use the binaries already built
#   --skip "STAGE..." stages not to run (e.g. "map_load ox_dump_nquads" at large sizes). Stages:
#                     extract_1t extract_2t map map_load build compact export_turtle export_nquads
#                     ox_dump_trig ox_dump_nquads queries ox_bulk_load (and the Python baselines)
#   --keep            keep the stores and dumps of each size (default: deleted, only the corpus stays)
#   --extract-bin BIN newskg binary used for `extract` (default: the one built here)
#   --debug           debug binaries (only to test this script: the figures mean nothing)
#
# Environment: CARGO_TARGET_DIR (default ./target); BENCH_VENVS, the folder of the Python venvs
# (default /var/cache/newskg/bench-venvs), created from benches/baselines/requirements-*.txt.
# Needs: python3 (with venv), /usr/bin/time (Debian package `time`), cargo.
set -euo pipefail

ARGS="$*"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/benches
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
VENVS=${BENCH_VENVS:-/var/cache/newskg/bench-venvs}
SIZES="1000 10000"
RUNS=3
MORPH_MAX=10000
PYTHON_MAX=10000
DEV=""
WORK=""
OUT=""
BUILD=1
SMOKE=0
BASELINE_RUNS=""
BASELINES=all
KEEP=0
SKIP=""
PROFILE=release
EXTRACT_BIN=""

while [ $# -gt 0 ]; do
  case $1 in
    --smoke) SMOKE=1; SIZES=50; RUNS=1; BASELINES=fast; shift ;;
    --baseline-runs) BASELINE_RUNS=$2; shift 2 ;;
    --baselines) BASELINES=$2; shift 2 ;;
    --sizes) SIZES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --morph-max) MORPH_MAX=$2; shift 2 ;;
    --python-max) PYTHON_MAX=$2; shift 2 ;;
    --dev) DEV=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --keep) KEEP=1; shift ;;
    --skip) SKIP=" $2 "; shift 2 ;;
    --debug) PROFILE=debug; shift ;;
    --extract-bin) EXTRACT_BIN=$2; shift 2 ;;
    -h|--help) sed -n '2,32p' "$0"; exit 0 ;;
    *) echo "pipeline.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
case $BASELINES in all|fast|none) ;; *) echo "pipeline.sh: --baselines all|fast|none" >&2; exit 2 ;; esac
BASELINE_RUNS=${BASELINE_RUNS:-$RUNS}
WORK=${WORK:-$TARGET/bench-work}
OUT=${OUT:-$WORK/table.md}
mkdir -p "$WORK"
RESULTS=$WORK/results.jsonl
: > "$RESULTS"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian package 'time')"
command -v python3 > /dev/null || die "python3 is missing"

# --- Binaries -------------------------------------------------------------------------------------
if [ $BUILD = 1 ]; then
  log "building newskg ($PROFILE) and the bench tool"
  if [ $PROFILE = release ]; then
    (cd "$ROOT" && cargo build --release --quiet --bin newskg)
    build_tool=(cargo bench --quiet --bench tool --no-run --message-format=json)
  else
    (cd "$ROOT" && cargo build --quiet --bin newskg)
    build_tool=(cargo test --quiet --bench tool --no-run --message-format=json)
  fi
  TOOL=$(cd "$ROOT" && "${build_tool[@]}" 2> /dev/null \
    | python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "tool" and m.get("executable"):
        print(m["executable"])')
  echo "$TOOL" > "$WORK/tool-path"
else
  TOOL=$(cat "$WORK/tool-path")
fi
NEWSKG=$TARGET/$PROFILE/newskg
[ -x "$NEWSKG" ] || die "no $NEWSKG"
[ -x "$TOOL" ] || die "no bench tool ($TOOL)"

# --- Python venvs (one per baseline: Morph-KGC pins an old pyoxigraph) -----------------------------
venv() { # name requirements-file
  local dir=$VENVS/$1
  if ! cmp -s "$2" "$dir/requirements.txt" 2> /dev/null; then
    log "creating venv $dir"
    rm -rf "$dir"
    python3 -m venv "$dir"
    "$dir/bin/pip" install --quiet --disable-pip-version-check -r "$2"
    cp "$2" "$dir/requirements.txt"
  fi
}
mkdir -p "$VENVS"
if [ $BASELINES = all ]; then venv morphkgc "$BENCH/baselines/requirements-morphkgc.txt"; fi
if [ $BASELINES != none ]; then venv pyoxigraph "$BENCH/baselines/requirements-pyoxigraph.txt"; fi
PY_MORPH=$VENVS/morphkgc/bin/python
PY_OX=$VENVS/pyoxigraph/bin/python

# --- Measuring ------------------------------------------------------------------------------------
# measure SIZE RUN STAGE [--stdin FILE] -- CMD...: runs CMD under /usr/bin/time, appends one JSON
# line to results.jsonl with the wall time, the peak RSS and the command's last stdout line when it
# is a JSON object.
measure() {
  local size=$1 run=$2 stage=$3; shift 3
  case $SKIP in *" $stage "*) return 0 ;; esac
  local stdin=/dev/null
  if [ "$1" = --stdin ]; then stdin=$2; shift 2; fi
  [ "$1" = -- ] && shift
  local t0 t1 rss last
  t0=$(date +%s.%N)
  if ! /usr/bin/time -f '%M %U %S' -o "$WORK/rss" "$@" < "$stdin" > "$WORK/stdout" 2> "$WORK/stderr"; then
    log "FAILED: $stage ($*)"; tail -5 "$WORK/stderr" >&2
    printf '{"size":%s,"run":%s,"stage":"%s","failed":true}\n' "$size" "$run" "$stage" >> "$RESULTS"
    return 0
  fi
  t1=$(date +%s.%N)
  read -r rss user sys < <(tail -1 "$WORK/rss")
  last=$(tail -1 "$WORK/stdout" 2> /dev/null || true)
  case $last in "{"*"}") ;; *) last=null ;; esac
  printf '{"size":%s,"run":%s,"stage":"%s","wall_s":%s,"cpu_s":%s,"rss_kb":%s,"load1":%s,"out":%s}\n' \
    "$size" "$run" "$stage" "$(awk "BEGIN { printf \"%.4f\", $t1 - $t0 }")" \
    "$(awk "BEGIN { printf \"%.2f\", $user + $sys }")" "$rss" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$last" >> "$RESULTS"
}
note() { # size key json-value
  printf '{"size":%s,"note":"%s","value":%s}\n' "$1" "$2" "$3" >> "$RESULTS"
}

# Sorted N-Quads of a dump, without the ontology graph (the baselines do not load the ontology) and
# the summary graph (counts that newskg's store derives from the articles; no mapping writes them).
canonical() {
  grep -v -e '<https://w3id.org/newskg/ontology> \.$' -e '<https://w3id.org/newskg/id/graph/summary> \.$' "$1" \
    | LC_ALL=C sort -u
}

# `newskg extract -` (JSON Lines on stdin) is the extractor's streaming mode; skipped when absent.
EXTRACT_BIN=${EXTRACT_BIN:-$NEWSKG}
HAS_EXTRACT=0
if echo '{"id":"probe","text":"Officials met in Vestby on Monday."}' | "$EXTRACT_BIN" extract - > /dev/null 2>&1; then
  HAS_EXTRACT=1
else
  log "newskg extract - is not available: extraction is not measured"
fi

tokens() { # articles.jsonl -> number of word and punctuation tokens of the texts
  python3 -c 'import json,re,sys
tok = re.compile(r"\w+|[^\w\s]")
print(sum(len(tok.findall(json.loads(l)["text"])) for l in open(sys.argv[1], encoding="utf-8") if l.strip()))' "$1"
}

# --- Extraction on real texts (optional) -----------------------------------------------------------
if [ -n "$DEV" ] && [ $HAS_EXTRACT = 1 ]; then
  log "extraction on $DEV (repeated 20 times)"
  python3 -c 'import json,sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for k in range(20):
        for d in docs:
            out.write(json.dumps({"id": f"{d[\"id\"]}-{k}", "text": d["text"], "date": "2026-01-01"}) + "\n")' "$DEV" "$WORK/dev.jsonl"
  note 0 dev_tokens "$(tokens "$WORK/dev.jsonl")"
  for run in $(seq "$RUNS"); do
    measure 0 "$run" extract_dev_1t --stdin "$WORK/dev.jsonl" -- taskset -c 0 "$EXTRACT_BIN" extract -
    measure 0 "$run" extract_dev_2t --stdin "$WORK/dev.jsonl" -- "$EXTRACT_BIN" extract -
  done
fi

# --- Per size ------------------------------------------------------------------------------------
for N in $SIZES; do
  D=$WORK/n$N
  mkdir -p "$D"
  if [ ! -s "$D/facts.jsonl" ]; then
    log "N=$N: generating the corpus"
    python3 "$BENCH/gen/generate.py" "$N" "$D"
  fi
  [ -s "$D/tokens" ] || tokens "$D/articles.jsonl" > "$D/tokens"
  note "$N" tokens "$(cat "$D/tokens")"
  note "$N" facts_bytes "$(stat -c %s "$D/facts.jsonl")"
  # Reference queries for this corpus.
  mkdir -p "$D/queries"
  for q in "$BENCH"/queries/*.rq; do
    python3 -c 'import datetime,json,sys
p = json.load(open(sys.argv[1]))
y, w, _ = datetime.date.fromisoformat(p["week_start"]).isocalendar()
p.setdefault("week", f"{y:04d}-W{w:02d}")
s = open(sys.argv[2]).read()
for k, v in p.items():
    s = s.replace("@" + k.upper() + "@", v)
open(sys.argv[3], "w").write(s)' "$D/params.json" "$q" "$D/queries/$(basename "$q")"
  done
  PY=0; MORPH=0
  [ $BASELINES != none ] && [ "$N" -le "$PYTHON_MAX" ] && PY=1
  [ $PY = 1 ] && [ $BASELINES = all ] && [ "$N" -le "$MORPH_MAX" ] && MORPH=1
  if [ $PY = 1 ]; then
    log "N=$N: baseline preprocessing (flatten.py)"
    measure "$N" 1 baseline_flatten -- python3 "$BENCH/baselines/flatten.py" "$D/facts.jsonl" "$D/tables"
  fi
  cat > "$D/morph.ini" << EOF
[CONFIGURATION]
output_file=$D/morph.nq
output_format=N-QUADS
number_of_processes=2
logging_level=WARNING
[DataSource1]
mappings=$BENCH/baselines/mapping.rml.ttl
EOF

  for run in $(seq "$RUNS"); do
    log "N=$N run $run/$RUNS"
    S=$D/store-newskg
    # newskg: extraction, pinned to one core (taskset), then free on both
    if [ $HAS_EXTRACT = 1 ]; then
      measure "$N" "$run" extract_1t --stdin "$D/articles.jsonl" -- taskset -c 0 "$EXTRACT_BIN" extract -
      measure "$N" "$run" extract_2t --stdin "$D/articles.jsonl" -- "$EXTRACT_BIN" extract -
    fi
    # newskg: map only, then map + load with the load timed apart (library code, bench tool)
    measure "$N" "$run" map -- "$TOOL" map "$D/facts.jsonl"
    rm -rf "$D/store-tool"
    measure "$N" "$run" map_load -- "$TOOL" load "$D/facts.jsonl" "$D/store-tool"
    rm -rf "$D/store-tool"
    # newskg: facts -> on-disk store, end to end (the command a user runs)
    rm -rf "$S"
    # (--no-default-kb: the baselines link nothing, so newskg does not either: same quads)
    measure "$N" "$run" build -- "$NEWSKG" build --quiet --no-default-kb --store "$S" "$D/facts.jsonl"
    note "$N" store_bytes "$(du -sb "$S" | cut -f1)"
    # The first process that opens a freshly bulk-loaded store runs RocksDB's pending compactions
    # (seconds of CPU). Timed on its own row, so that the exports below compare like with like.
    measure "$N" "$run" compact -- "$TOOL" optimize "$S"
    note "$N" store_bytes_compacted "$(du -sb "$S" | cut -f1)"
    # newskg: exports and Oxigraph's own dumps of the same store
    # (Outputs are deleted as soon as they are written: only newskg.nq is read again. Disk!)
    measure "$N" "$run" export_turtle -- "$NEWSKG" export --store "$S" --format turtle -o "$D/newskg.ttl"
    note "$N" turtle_bytes "$(stat -c %s "$D/newskg.ttl" 2> /dev/null || echo null)"
    rm -f "$D/newskg.ttl"
    measure "$N" "$run" export_nquads -- "$NEWSKG" export --store "$S" --format nquads -o "$D/newskg.nq"
    measure "$N" "$run" ox_dump_trig -- "$TOOL" ox-dump "$S" "$D/ox.trig" trig
    rm -f "$D/ox.trig"
    measure "$N" "$run" ox_dump_nquads -- "$TOOL" ox-dump "$S" "$D/ox.nq" nquads
    rm -f "$D/ox.nq"
    if [ -s "$D/newskg.nq" ]; then
      note "$N" quads "$(wc -l < "$D/newskg.nq")"
    else # --skip export_nquads (large sizes: hours of export, gigabytes of disk): count the store
      note "$N" quads "$("$TOOL" count "$S" | python3 -c 'import json,sys; print(json.load(sys.stdin)["quads"])')"
    fi
    # newskg: reference queries
    measure "$N" "$run" queries -- "$TOOL" queries "$S" "$D"/queries/*.rq
    # Ceiling: Oxigraph's bulk loader on newskg's own quads (Rust, same Oxigraph; and pyoxigraph)
    rm -rf "$D/store-ox"
    measure "$N" "$run" ox_bulk_load -- "$TOOL" ox-load "$D/newskg.nq" "$D/store-ox"
    [ -d "$D/store-ox" ] && note "$N" ox_store_bytes "$(du -sb "$D/store-ox" | cut -f1)"
    rm -rf "$D/store-ox"
    # The Python baselines run in the first BASELINE_RUNS runs only.
    PYRUN=0
    if [ $PY = 1 ] && [ "$run" -le "$BASELINE_RUNS" ]; then PYRUN=1; fi
    if [ $PYRUN = 1 ]; then
      rm -rf "$D/store-pyox"
      measure "$N" "$run" pyox_bulk_load -- "$PY_OX" "$BENCH/baselines/pyoxigraph_tool.py" load "$D/newskg.nq" "$D/store-pyox"
      rm -rf "$D/store-pyox"
      # Baseline (b): hand-written Python + pyoxigraph bulk_extend
      rm -rf "$D/store-extend"
      measure "$N" "$run" py_bulk_extend -- "$PY_OX" "$BENCH/baselines/pyoxigraph_bulk_extend.py" "$D/tables" "$D/store-extend"
    fi
    # Baseline (a): Morph-KGC (RML) -> N-Quads -> pyoxigraph bulk_load
    if [ $MORPH = 1 ] && [ $PYRUN = 1 ]; then
      rm -f "$D/morph.nq"; rm -rf "$D/store-morph"
      (cd "$D/tables" && measure "$N" "$run" morph_kgc -- "$PY_MORPH" -m morph_kgc "$D/morph.ini")
      measure "$N" "$run" morph_load -- "$PY_MORPH" "$BENCH/baselines/pyoxigraph_tool.py" load "$D/morph.nq" "$D/store-morph"
    fi

    if [ "$run" = 1 ] && [ $PYRUN = 1 ]; then
      # Same triple set on every side: counts and a sorted N-Quads diff (ontology graph aside).
      log "N=$N: checking that every side holds the same quads"
      canonical "$D/newskg.nq" > "$D/check-newskg.nq"
      "$PY_OX" "$BENCH/baselines/pyoxigraph_tool.py" dump "$D/store-extend" "$D/extend.nq" nquads > /dev/null
      canonical "$D/extend.nq" > "$D/check-extend.nq"
      sides="extend"
      if [ $MORPH = 1 ]; then
        "$PY_MORPH" "$BENCH/baselines/pyoxigraph_tool.py" dump "$D/store-morph" "$D/morphdump.nq" nquads > /dev/null
        canonical "$D/morphdump.nq" > "$D/check-morph.nq"
        sides="extend morph"
      fi
      for side in $sides; do
        if diff "$D/check-newskg.nq" "$D/check-$side.nq" > "$D/diff-$side.txt"; then
          note "$N" "same_$side" true
        else
          note "$N" "same_$side" false
          log "N=$N: newskg and $side differ ($(grep -c '^<' "$D/diff-$side.txt") only in newskg, $(grep -c '^>' "$D/diff-$side.txt") only in $side); see $D/diff-$side.txt"
        fi
      done
      note "$N" check_quads "$(wc -l < "$D/check-newskg.nq")"
    fi
  done
  # Stores and dumps take gigabytes at large sizes: only the corpus stays.
  [ $KEEP = 1 ] || rm -rf "$D"/store-* "$D"/*.nq "$D/tables"
done

MACHINE="$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ {print $2}') GB RAM"
python3 "$BENCH/report.py" "$RESULTS" --machine "$MACHINE" --command "benches/pipeline.sh $ARGS" > "$OUT"
cat "$OUT"
log "table written to $OUT"
if [ $SMOKE = 1 ]; then
  # The smoke test fails when a side does not produce the same quads or a stage failed.
  ! grep -q '"failed":true' "$RESULTS" || die "a stage failed"
  ! grep -q '"same_[a-z]*","value":false' "$RESULTS" || die "the baselines do not produce newskg's quads"
fi
