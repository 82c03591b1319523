#!/usr/bin/env bash
# Installs what newskg's tests need beyond cargo: raptor's `rapper` (independent RDF parser) and a
# Python venv with pySHACL and jsonschema. Idempotent: safe to run again.
# Prints the `export NEWSKG_TEST_PYTHON=...` line the tests read.
set -euo pipefail

VENV="${NEWSKG_TEST_VENV:-/var/cache/newskg/venv-test}"
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

if ! command -v rapper >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq raptor2-utils >/dev/null
fi

if ! "$VENV/bin/python" -c 'import pyshacl, jsonschema' >/dev/null 2>&1; then
    mkdir -p "$(dirname "$VENV")"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check pyshacl jsonschema
fi

echo "export NEWSKG_TEST_PYTHON=$VENV/bin/python"
