#!/bin/sh
# serve against the real Placement 8.0.0 (the oracle), over HTTP, on the same 1,000-compute NUMA model:
# GET /allocation_candidates latency, claim throughput from 8 clients, and (ours) a 60 s mixed load run
# from 32 clients. Usage: src/jmh/serve-vs-oracle.sh [OUTDIR]   (needs target/placement-studio.jar and
# mvn -Pbench test-compile; the oracle from ../shared/placement-oracle)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$ROOT/target/perf}
ORACLE=${ORACLE_DIR:-$ROOT/../shared/placement-oracle}
PY=/usr/bin/python3
export ORACLE_PORT=${ORACLE_PORT:-8792} ORACLE_STATE=${ORACLE_STATE:-/tmp/oracle-serve-bench}
ORACLE_URL=http://127.0.0.1:$ORACLE_PORT
OURS_PORT=${OURS_PORT:-8793}
OURS_URL=http://127.0.0.1:$OURS_PORT
JAR=$ROOT/target/placement-studio.jar
BENCH="java -cp $ROOT/target/test-classes:$JAR dev.placementstudio.bench.ServeBench"
SIMPLE='resources=VCPU:1,MEMORY_MB:256,DISK_GB:10'
mkdir -p "$OUT"
java -cp "$ROOT/target/test-classes:$JAR" dev.placementstudio.bench.PerfModels "$OUT" >/dev/null
MODEL=$OUT/numa-1000.json

ours() { # start a fresh serve of the model
  java -jar "$JAR" serve "$MODEL" --port "$OURS_PORT" >/dev/null 2>&1 &
  OURS_PID=$!
  for i in $(seq 1 100); do curl -s -o /dev/null "$OURS_URL/" && return 0; sleep 0.2; done
  echo "serve did not start" >&2; exit 1
}
stop_ours() { kill "$OURS_PID" 2>/dev/null || true; wait "$OURS_PID" 2>/dev/null || true; }
oracle_fresh() { $PY "$ORACLE/placement_oracle.py" load "$MODEL" --url "$ORACLE_URL" --fresh >/dev/null; }

"$ORACLE/start_oracle.sh" >/dev/null
: > "$OUT/serve-vs-oracle.txt"
say() { echo "$*" | tee -a "$OUT/serve-vs-oracle.txt"; }

oracle_fresh
ours
for q in "$SIMPLE&limit=1000" "$SIMPLE"; do
  say "candidates [$q] oracle: $($BENCH candidates "$ORACLE_URL" "$q" 5 1)"
  say "candidates [$q] ours:   $($BENCH candidates "$OURS_URL" "$q" 50 30)"
done
say "claims oracle (8 clients, 10 s): $($BENCH claims "$ORACLE_URL" 10 8 nocheck)"
say "claims ours   (8 clients, 10 s): $($BENCH claims "$OURS_URL" 10 8)"
stop_ours
ours
say "load ours (32 clients, 60 s): $($BENCH load "$OURS_URL" 60 32)"
stop_ours
"$ORACLE/start_oracle.sh" --stop >/dev/null 2>&1 || true
