#!/usr/bin/env bash
# `npm run bench`: makes PostgreSQL answer (as `npm test` does), then runs the national-scale benchmark on it.
# Arguments go to the benchmark (--contracts=N --commitments=M, --quick). The last line printed is one JSON object.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ -d node_modules ] || { echo "node_modules is missing: run 'npm ci' first." >&2; exit 1; }
if ! DATABASE_URL="$(bash deploy/local/postgres.sh ensure)"; then
  echo "FAIL: PostgreSQL could not be reached or started; the benchmark needs it." >&2
  exit 1
fi
export DATABASE_URL
exec node -r ./tools/register-ts.js test/benchmarks/national/national.bench.ts "$@"
