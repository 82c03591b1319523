#!/usr/bin/env bash
# Installs and starts what the server and push tests need, on loopback only. Idempotent: what is
# installed is not reinstalled, a Virtuoso already answering is reused.
#
#   eval "$(bash .ci/services.sh)"
#
# Logs go to stderr; stdout carries only `export NAME=value` lines for the tests:
#   NEWSKG_TEST_PYTHON   a Python with SPARQLWrapper and rdflib (tests/py/); the same venv as
#                        .ci/install-test-deps.sh (pySHACL, jsonschema), so either order works
#   CHROMIUM             the chromium binary      CHROMEDRIVER   the chromedriver binary
#   VIRTUOSO_URL         http://127.0.0.1:PORT of a running OpenLink Virtuoso
#   VIRTUOSO_USER, VIRTUOSO_PASSWORD   its dba account (digest auth on /sparql-auth, /sparql-graph-crud-auth)
# Settings (env): NEWSKG_TEST_VENV (default /var/cache/newskg/venv-test), VIRTUOSO_DIR (default
# /tmp/newskg-virtuoso), VIRTUOSO_HTTP_PORT (28890), VIRTUOSO_SQL_PORT (21111).
set -uo pipefail

log() { echo "services: $*" >&2; }
fail=0

# --- Debian packages: chromium, chromium-driver, virtuoso-opensource -------------------------
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
if [ "${#need[@]}" -gt 0 ]; then
    log "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # The package would start its own instance through the init system: forbid it.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"; } >&2 \
        || { log "apt-get install failed"; fail=1; }
    rm -f /usr/sbin/policy-rc.d
fi

# --- Python venv with the standard SPARQL clients ---------------------------------------------
venv="${NEWSKG_TEST_VENV:-/var/cache/newskg/venv-test}"
if ! "$venv/bin/python" -c 'import SPARQLWrapper, rdflib' >/dev/null 2>&1; then
    log "installing SPARQLWrapper and rdflib into $venv"
    mkdir -p "$(dirname "$venv")"
    { [ -x "$venv/bin/python" ] || python3 -m venv "$venv"; } >&2 \
        && "$venv/bin/pip" install -q --disable-pip-version-check SPARQLWrapper rdflib >&2 \
        || { log "python venv failed"; fail=1; }
fi
echo "export NEWSKG_TEST_PYTHON=$venv/bin/python"
command -v chromium >/dev/null 2>&1 && echo "export CHROMIUM=$(command -v chromium)"
command -v chromedriver >/dev/null 2>&1 && echo "export CHROMEDRIVER=$(command -v chromedriver)"

# --- OpenLink Virtuoso on loopback, with its own small database ------------------------------
http_port="${VIRTUOSO_HTTP_PORT:-28890}"
sql_port="${VIRTUOSO_SQL_PORT:-21111}"
vdir="${VIRTUOSO_DIR:-/tmp/newskg-virtuoso}"
url="http://127.0.0.1:$http_port"
if curl -fsS -o /dev/null "$url/sparql?query=ASK%7B%7D" 2>/dev/null; then
    log "virtuoso already answers at $url"
elif command -v virtuoso-t >/dev/null 2>&1; then
    mkdir -p "$vdir"
    # A Virtuoso killed with its session leaves its lock file behind; none is running now.
    pgrep -x virtuoso-t >/dev/null 2>&1 || rm -f "$vdir/virtuoso.lck"
    vsp=$(ls -d /usr/share/virtuoso-opensource-7/vsp 2>/dev/null || echo "$vdir")
    plugins=$(ls -d /usr/lib/virtuoso-opensource-7/hosting 2>/dev/null || echo "$vdir")
    cat > "$vdir/virtuoso.ini" <<INI
[Database]
DatabaseFile = $vdir/virtuoso.db
ErrorLogFile = $vdir/virtuoso.log
LockFile = $vdir/virtuoso.lck
TransactionFile = $vdir/virtuoso.trx
xa_persistent_file = $vdir/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $vdir/virtuoso-temp.db
TransactionFile = $vdir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:$sql_port
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxQueryMem = 256M
DirsAllowed = ., $vdir, /usr/share/virtuoso-opensource-7/vad
DefaultIsolation = 2

[HTTPServer]
ServerPort = 127.0.0.1:$http_port
ServerRoot = $vsp
ServerThreads = 10
MaxClientConnections = 10
KeepAliveTimeout = 10
MaxKeepAlives = 10
EnabledDavVSP = 0
HTTPProxyEnabled = 0

[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
DefaultQuery = select distinct ?Concept where {[] a ?Concept} LIMIT 100
DeferInferenceRulesInit = 0
INI
    log "starting virtuoso in $vdir ($url, SQL port $sql_port)"
    (cd "$vdir" && virtuoso-t +configfile "$vdir/virtuoso.ini" +wait) >&2 || log "virtuoso-t exited with $?"
    for _ in $(seq 1 60); do
        curl -fsS -o /dev/null "$url/sparql?query=ASK%7B%7D" 2>/dev/null && break
        sleep 1
    done
    curl -fsS -o /dev/null "$url/sparql?query=ASK%7B%7D" 2>/dev/null \
        || { log "virtuoso did not come up; see $vdir/virtuoso.log"; fail=1; }
else
    fail=1
fi
if curl -fsS -o /dev/null "$url/sparql?query=ASK%7B%7D" 2>/dev/null; then
    echo "export VIRTUOSO_URL=$url"
    echo "export VIRTUOSO_USER=dba"
    echo "export VIRTUOSO_PASSWORD=dba"
fi
[ "$fail" = 0 ] || log "some services are missing (tests needing them fail when CI=true)"
exit "$fail"
