#!/usr/bin/env bash
# `npm run bench`: makes PostgreSQL answer (as `npm test` does) and a Kafka broker run (its own, unless KAFKA_BROKERS
# names one), then runs the national-scale benchmark on them. Arguments go to the benchmark (--contracts=N
# --commitments=M, --quick). The last line printed is one JSON object.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ -d node_modules ] || { echo "node_modules is missing: run 'npm ci' first." >&2; exit 1; }
if ! DATABASE_URL="$(bash deploy/local/postgres.sh ensure)"; then
  echo "FAIL: PostgreSQL could not be reached or started; the benchmark needs it." >&2
  exit 1
fi
export DATABASE_URL

kafka_dir=""
cleanup() {
  if [ -n "$kafka_dir" ]; then
    KAFKA_PORT="$kafka_port" KAFKA_DATA_DIR="$kafka_dir" bash deploy/local/kafka.sh stop >/dev/null 2>&1 || true
    rm -rf "$kafka_dir"
  fi
}
trap cleanup EXIT
if [ -z "${KAFKA_BROKERS:-}" ]; then
  kafka_port="${CVL_BENCH_KAFKA_PORT:-19094}"
  kafka_dir="$(mktemp -d -t cvl-bench-kafka-XXXXXX)"
  if KAFKA_PORT="$kafka_port" KAFKA_DATA_DIR="$kafka_dir" bash deploy/local/kafka.sh start >&2; then
    export KAFKA_BROKERS="127.0.0.1:$kafka_port"
  else
    echo "Kafka could not be started: command → visible in reporting is left out of this run (it says so)." >&2
  fi
fi
node -r ./tools/register-ts.js test/benchmarks/national/national.bench.ts "$@"
