#!/usr/bin/env bash
# `npm test`: every tier, on real servers. PostgreSQL is made to answer (deploy/local/postgres.sh) and a Kafka
# broker of the run's own is started (deploy/local/kafka.sh) unless KAFKA_BROKERS names one. If either cannot be
# had, the run fails here, loudly: the PostgreSQL and Kafka tiers never pass by being skipped.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

[ -d node_modules ] || { echo "node_modules is missing: run 'npm ci' first." >&2; exit 1; }

# Formatting (Prettier), the lint rules and module boundaries (ESLint), the types: first, a few seconds each, on the
# whole run only (a run narrowed to some tests is someone at work on them).
if [ "$#" -eq 0 ]; then
  echo "== Lint and types"
  npm run --silent lint || { echo "FAIL: npm run lint (npm run format rewrites what Prettier finds)." >&2; exit 1; }
  npm run --silent typecheck || { echo "FAIL: npm run typecheck." >&2; exit 1; }
fi

# Where the servers come from: local processes (the default, and the only way on these machines, which have no
# Docker engine), or containers through testcontainers (CVL_TEST_SERVERS=containers, where a Docker engine is
# reachable): PostgreSQL, Kafka and KurrentDB — whose contract suite then joins the run.
servers_pid=""
servers_env=""
case "${CVL_TEST_SERVERS:-local}" in
  local) ;;
  containers)
    echo "== Containers (testcontainers): PostgreSQL, Kafka, KurrentDB"
    servers_env="$(mktemp -t cvl-servers-XXXXXX)"
    rm -f "$servers_env"
    node -r ./tools/register-ts.js tools/test-servers/containers.ts "$servers_env" &
    servers_pid=$!
    for _ in $(seq 1 600); do
      [ -s "$servers_env" ] && break
      kill -0 "$servers_pid" 2>/dev/null || { echo "FAIL: the containers could not be started (is a Docker engine reachable?)." >&2; exit 1; }
      sleep 1
    done
    [ -s "$servers_env" ] || { echo "FAIL: the containers were not ready after 10 minutes." >&2; kill "$servers_pid"; exit 1; }
    set -a
    # shellcheck disable=SC1090
    . "$servers_env"
    set +a
    ;;
  *)
    echo "FAIL: CVL_TEST_SERVERS must be « local » or « containers », not « $CVL_TEST_SERVERS »." >&2
    exit 1
    ;;
esac

echo "== PostgreSQL"
if ! DATABASE_URL="$(bash deploy/local/postgres.sh ensure)"; then
  echo "FAIL: PostgreSQL could not be reached or started; the integration tier cannot run." >&2
  exit 1
fi
export DATABASE_URL

started_kafka=""
kafka_dir=""
cleanup() {
  if [ -n "$servers_pid" ]; then kill "$servers_pid" 2>/dev/null || true; wait "$servers_pid" 2>/dev/null || true; fi
  if [ -n "$servers_env" ]; then rm -f "$servers_env"; fi
  if [ -n "$started_kafka" ]; then KAFKA_PORT="$kafka_port" KAFKA_DATA_DIR="$kafka_dir" bash deploy/local/kafka.sh stop || true; fi
  if [ -n "$kafka_dir" ]; then rm -rf "$kafka_dir"; fi
}
trap cleanup EXIT

echo "== Kafka"
if [ -n "${KAFKA_BROKERS:-}" ]; then
  echo "using KAFKA_BROKERS=$KAFKA_BROKERS"
else
  kafka_port="${CVL_TEST_KAFKA_PORT:-19092}"
  kafka_dir="$(mktemp -d -t cvl-kafka-XXXXXX)"
  if ! KAFKA_PORT="$kafka_port" KAFKA_DATA_DIR="$kafka_dir" bash deploy/local/kafka.sh start; then
    echo "FAIL: the Kafka broker could not be started; the integration tier cannot run (Java 17 and Maven are needed)." >&2
    exit 1
  fi
  started_kafka=1
  export KAFKA_BROKERS="127.0.0.1:$kafka_port"
fi

# The web application's tier drives Debian's Chromium (no browser download is possible here): installed once from
# Debian's packages when missing, and the run fails loudly if it cannot be had.
echo "== Chromium"
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  echo "Chromium is missing: apt-get install -y chromium chromium-l10n"
  if ! { (apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1; }) && [ -x "$chromium_path" ]; }; then
    echo "FAIL: Chromium could not be installed (apt-get install -y chromium, as root); the browser tier cannot run." >&2
    exit 1
  fi
fi
# Its French interface (the file picker's button…): the browser's own words in the screenshots; cosmetic, so a failure
# to install it is only said.
if [ ! -e /usr/lib/chromium/locales/fr.pak ] && [ "$chromium_path" = /usr/bin/chromium ]; then
  apt-get install -y chromium-l10n >/dev/null 2>&1 || echo "chromium-l10n could not be installed: Chromium's own words stay in English."
fi
"$chromium_path" --version 2>/dev/null | head -1 || true

# The documents' tests look at the PDFs as a printer would: fonts embedded (pdffonts), every word inside the page
# (pdftotext -bbox), the first page rendered (pdftoppm). Debian's poppler-utils, installed once when missing.
echo "== poppler-utils"
if ! command -v pdffonts >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  echo "poppler-utils is missing: apt-get install -y poppler-utils"
  if ! { (apt-get install -y poppler-utils >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y poppler-utils >/dev/null 2>&1; }) && command -v pdffonts >/dev/null 2>&1; }; then
    echo "FAIL: poppler-utils could not be installed (apt-get install -y poppler-utils, as root); the documents cannot be checked." >&2
    exit 1
  fi
fi
pdffonts -v 2>&1 | head -1 || true

# The deployment's tier checks compose with docker-compose, the Kubernetes overlays with kubectl's kustomize, and the
# metrics and alert rules with promtool (no Docker engine or cluster runs here: they validate, they do not start).
# docker-compose, promtool (Debian's prometheus package) and nginx are installed once when missing; kubectl comes
# with these machines, and the run fails loudly without it.
echo "== Deployment tools"
ensure_package() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "$1 is missing: apt-get install -y --no-install-recommends $2"
  # RUNLEVEL=1: a package that ships a service (nginx) is installed without being started.
  { RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$2" >/dev/null 2>&1 ||
    { apt-get update >/dev/null 2>&1 && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$2" >/dev/null 2>&1; }; } &&
    command -v "$1" >/dev/null 2>&1
}
ensure_package docker-compose docker-compose || { echo "FAIL: docker-compose could not be installed; the deployment tier cannot run." >&2; exit 1; }
ensure_package promtool prometheus || { echo "FAIL: promtool (package prometheus) could not be installed; the metrics cannot be checked." >&2; exit 1; }
# The web application's image is served in the e2e tier by Debian's nginx, with the image's own configuration.
ensure_package nginx nginx-light || { echo "FAIL: nginx (package nginx-light) could not be installed; the web image cannot be tested." >&2; exit 1; }
command -v kubectl >/dev/null 2>&1 || { echo "FAIL: kubectl is missing (kubectl kustomize renders deploy/k8s); install a kubectl ≥ 1.27." >&2; exit 1; }
echo "$(docker-compose version --short 2>/dev/null) / $(promtool --version 2>&1 | head -1) / kubectl $(kubectl version --client 2>/dev/null | head -1)"

# The demo realm is tested in a real Keycloak (e2e): its distribution from Maven Central, run on a Java 21+.
echo "== Keycloak"
bash deploy/local/keycloak.sh fetch || { echo "FAIL: Keycloak could not be had (Maven Central, a Java 21+); the realm's test cannot run." >&2; exit 1; }

if [ -z "${KURRENTDB_CONNECTION_STRING:-}" ]; then
  echo "== KurrentDB: not configured (KURRENTDB_CONNECTION_STRING unset); its contract suite is left out of this run."
fi

echo "== Tests"
summary="$(mktemp -t cvl-tests-XXXXXX)"
export TIER_SUMMARY_FILE="$summary"
export REQUIRE_TIERS="unit,contract,integration,e2e,fault,fuzz,browser,deploy"
status=0
NODE_OPTIONS="--experimental-vm-modules --no-warnings ${NODE_OPTIONS:-}" npx jest --ci --maxWorkers=2 "$@" || status=$?

# The benchmark at its smallest size, so that it keeps running (figures only; it asserts nothing). Left out when
# the run is narrowed to some tests (arguments given) or CVL_BENCH=0.
if [ "$#" -eq 0 ] && [ "${CVL_BENCH:-1}" != "0" ]; then
  echo "== Benchmark (npm run bench -- --quick)"
  bash tools/bench.sh --quick || { echo "FAIL: the benchmark did not run to its end." >&2; status=1; }
fi
if [ -s "$summary" ]; then cat "$summary"; fi
rm -f "$summary"
exit "$status"
