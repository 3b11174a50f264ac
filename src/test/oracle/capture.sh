#!/bin/sh
# Re-captures the golden answers in src/test/resources/placement-golden from the real Placement 8.0.0
# (../shared/placement-oracle). Each model's dump.json is loaded into a fresh oracle, its queries.json
# is run, and the normalized answers are written to expected/.
# Usage: src/test/oracle/capture.sh [MODEL ...]   (default: every model directory)
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
ORACLE=${ORACLE_DIR:-$ROOT/../shared/placement-oracle}
export ORACLE_PORT=${ORACLE_PORT:-8792} ORACLE_STATE=${ORACLE_STATE:-/tmp/oracle-golden}
URL=http://127.0.0.1:$ORACLE_PORT
GOLDEN=$ROOT/src/test/resources/placement-golden
"$ORACLE/start_oracle.sh" >/dev/null
if [ $# -eq 0 ]; then set -- $(ls "$GOLDEN"); fi
for m in "$@"; do
  d=$GOLDEN/$m
  [ -f "$d/queries.json" ] || continue
  /usr/bin/python3 "$ORACLE/placement_oracle.py" load "$d/dump.json" --url "$URL" --fresh >/dev/null
  rm -rf "$d/expected"
  /usr/bin/python3 "$ORACLE/placement_oracle.py" run-queries "$d/queries.json" --out "$d/expected" --url "$URL" >/dev/null
  echo "$m: $(ls "$d/expected" | wc -l) files"
done
