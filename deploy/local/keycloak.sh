#!/usr/bin/env bash
# Keycloak for the tests of the demo realm (deploy/k8s/overlays/local/keycloak/cvl-realm.json): the server
# distribution from Maven Central (unpacked once, then cached), in development mode on 127.0.0.1, the realm imported.
#
#   deploy/local/keycloak.sh start   # fetch if needed, start, wait until the realm answers
#   deploy/local/keycloak.sh stop    # stop the server started from the same data folder
#   deploy/local/keycloak.sh fetch   # only fetch the distribution, and check that a Java 21+ is there
#
# Environment (all optional):
#   KEYCLOAK_PORT          HTTP port (default 18080)
#   KEYCLOAK_DATA_DIR      its data, pid and log (default <repo>/.data/keycloak)
#   KEYCLOAK_CACHE_DIR     where the distribution is cached (default ~/.cache/cvl-keycloak)
#   KEYCLOAK_JAVA_HOME     a Java 21 or newer (default: the newest under /usr/lib/jvm)
#   KEYCLOAK_START_TIMEOUT seconds to wait (default 240: the first start builds the server)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
port="${KEYCLOAK_PORT:-18080}"
data_dir="${KEYCLOAK_DATA_DIR:-$repo/.data/keycloak}"
cache_dir="${KEYCLOAK_CACHE_DIR:-$HOME/.cache/cvl-keycloak}"
version="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$here/keycloak/pom.xml")"
home="$cache_dir/keycloak-$version"
timeout_s="${KEYCLOAK_START_TIMEOUT:-240}"
pid_file="$data_dir/keycloak.pid"
log_file="$data_dir/keycloak.out"
realm="$repo/deploy/k8s/overlays/local/keycloak/cvl-realm.json"

say() { printf '[keycloak] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

java_home() {
  if [ -n "${KEYCLOAK_JAVA_HOME:-}" ]; then echo "$KEYCLOAK_JAVA_HOME"; return; fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/*/; do
    [ -x "$candidate/bin/java" ] || continue
    major="$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
    if [ -n "$major" ] && [ "$major" -gt "$best_major" ]; then best="${candidate%/}"; best_major="$major"; fi
  done
  [ "$best_major" -ge 21 ] || die "Keycloak $version needs Java 21 or newer (none under /usr/lib/jvm; set KEYCLOAK_JAVA_HOME)."
  echo "$best"
}

fetch() {
  if [ -f "$home/.complete" ]; then return; fi
  command -v mvn >/dev/null || die "Maven is required to fetch Keycloak from Maven Central (apt-get install maven)."
  say "fetching Keycloak $version from Maven Central into $cache_dir"
  mkdir -p "$cache_dir"
  mvn -q -B -f "$here/keycloak/pom.xml" dependency:unpack-dependencies -DoutputDirectory="$cache_dir" \
    -DincludeArtifactIds=keycloak-quarkus-dist || die "Maven could not fetch the Keycloak distribution."
  [ -x "$home/bin/kc.sh" ] || die "the distribution has no bin/kc.sh under $home"
  touch "$home/.complete"
}

is_running() { [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

start() {
  if is_running; then say "already running (pid $(cat "$pid_file"))"; return; fi
  fetch
  local jh
  jh="$(java_home)"
  mkdir -p "$data_dir"
  # A fresh start each time: the development database and the realm to import live under the distribution's data
  # folder, emptied here, so that the realm is always the repository's and no run sees another's accounts.
  rm -rf "$home/data"
  mkdir -p "$home/data/import"
  cp "$realm" "$home/data/import/cvl-realm.json"
  say "starting Keycloak $version on 127.0.0.1:$port (Java: $jh; log: $log_file)"
  JAVA_HOME="$jh" JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:-} -Dnet.bytebuddy.experimental=true" KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="${KEYCLOAK_ADMIN_PASSWORD:-cvl-demo}" \
    nohup "$home/bin/kc.sh" start-dev --import-realm \
    --http-host=127.0.0.1 --http-port="$port" --hostname="http://127.0.0.1:$port" \
    --http-management-port=$((port + 1)) \
    >"$log_file" 2>&1 &
  echo $! >"$pid_file"
  local url="http://127.0.0.1:$port/realms/cvl/.well-known/openid-configuration"
  for _ in $(seq 1 "$timeout_s"); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then say "ready on 127.0.0.1:$port"; return; fi
    is_running || { tail -40 "$log_file" >&2; die "Keycloak stopped while starting."; }
    sleep 1
  done
  tail -40 "$log_file" >&2
  die "Keycloak did not answer within ${timeout_s}s."
}

stop() {
  if ! is_running; then say "stopped"; rm -f "$pid_file"; return; fi
  local pid
  pid="$(cat "$pid_file")"
  pkill -TERM -P "$pid" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do is_running || break; sleep 1; done
  if is_running; then pkill -KILL -P "$pid" 2>/dev/null || true; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$pid_file"
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  fetch) fetch && say "Keycloak $version ready in $home (Java: $(java_home))" ;;
  *) echo "usage: $0 start|stop|fetch" >&2; exit 2 ;;
esac
