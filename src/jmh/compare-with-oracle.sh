#!/bin/sh
# Times GET /allocation_candidates on the same models and queries in real Placement 8.0.0 (the oracle,
# ../shared/placement-oracle) and in our engine (candidates --repeat), side by side on this machine.
# Usage: src/jmh/compare-with-oracle.sh [OUTDIR]   (needs target/placement-studio.jar and mvn -Pbench test-compile)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$ROOT/target/perf}
ORACLE=${ORACLE_DIR:-$ROOT/../shared/placement-oracle}
PY=/usr/bin/python3
export ORACLE_PORT=${ORACLE_PORT:-8791} ORACLE_STATE=${ORACLE_STATE:-/tmp/oracle-compare}
URL=http://127.0.0.1:$ORACLE_PORT
JAR=$ROOT/target/placement-studio.jar
mkdir -p "$OUT"
java -cp "$ROOT/target/test-classes:$JAR" dev.placementstudio.bench.PerfModels "$OUT"
"$ORACLE/start_oracle.sh" >/dev/null
SIMPLE='resources=VCPU:1,MEMORY_MB:256,DISK_GB:10'
GRANULAR='resources=DISK_GB:10&resources1=VCPU:1,MEMORY_MB:256&required1=HW_NUMA_ROOT'
NESTED='resources=DISK_GB:10&required=COMPUTE_VOLUME_MULTI_ATTACH&resources_COMPUTE=VCPU:1,MEMORY_MB:256&required_COMPUTE=CUSTOM_FOO&resources_FPGA=FPGA:1&group_policy=none&same_subtree=_COMPUTE,_FPGA'
row() { # model query label
  o=$($PY "$ORACLE/placement_oracle.py" time --url "$URL" -n 5 --json "$2" | $PY -c 'import json,sys; d=json.load(sys.stdin)[0]; print(d["median_ms"], d["min_ms"], d["count"])')
  u=$(java -jar "$JAR" candidates --dump "$OUT/$1.json" --repeat 50 "$2" | tail -1 | $PY -c 'import json,sys; d=json.load(sys.stdin); print(d["median_ms"], d["min_ms"], d["count"])')
  echo "$1 $3 oracle: $o ours: $u" | tee -a "$OUT/compare.txt"
}
: > "$OUT/compare.txt"
$PY "$ORACLE/placement_oracle.py" load "$OUT/numa-1000.json" --url "$URL" --fresh >/dev/null
row numa-1000 "$SIMPLE" simple
row numa-1000 "$SIMPLE&limit=1000" simple-limit1000
row numa-1000 "$GRANULAR" granular_numa
$PY "$ORACLE/placement_oracle.py" load "$OUT/nested-perfload-1000.json" --url "$URL" --fresh >/dev/null
row nested-perfload-1000 "$NESTED" nested_perfload
u=$(java -Xmx1g -jar "$JAR" candidates --dump "$OUT/flat-100000.json" --repeat 50 "$SIMPLE&limit=10" | tail -1)
echo "flat-100000 limit10 ours (-Xmx1g): $u" | tee -a "$OUT/compare.txt"
