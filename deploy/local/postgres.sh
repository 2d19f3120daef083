#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1 for the integration tiers.
#   deploy/local/postgres.sh ensure   # DATABASE_URL if set; else the local server, started or installed if need be
# Prints the DATABASE_URL to use on its last line.
set -euo pipefail

say() { printf '[postgres] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

default_url="postgres://postgres@127.0.0.1:5432/test"

answers() {
  node -e "
    const { Client } = require('pg');
    const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.query('select 1')).then(() => c.end()).then(() => process.exit(0), () => process.exit(1));
  " "$1" 2>/dev/null
}

port_open() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }

start_local() {
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ] && [ -n "$(ls /etc/postgresql 2>/dev/null)" ]; then
    local version; version="$(ls /etc/postgresql | sort -V | tail -n 1)"
    say "starting the local cluster $version/main"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  else
    command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is not available: set DATABASE_URL."
    say "installing PostgreSQL from Debian's packages"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || die "apt-get could not install postgresql"
    local version; version="$(ls /etc/postgresql | sort -V | tail -n 1)"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
  for _ in $(seq 1 30); do port_open && return 0; sleep 1; done
  die "PostgreSQL did not open 127.0.0.1:5432"
}

ensure_test_database() {
  # Local server as installed by Debian: trust on 127.0.0.1 for the CI machines; create `test` if missing.
  if ! answers "$default_url"; then
    if command -v runuser >/dev/null 2>&1 && id postgres >/dev/null 2>&1; then
      runuser -u postgres -- psql -q -c "CREATE DATABASE test" >/dev/null 2>&1 || true
    fi
  fi
  answers "$default_url" || die "cannot connect to $default_url (check pg_hba.conf: trust or a password for user postgres on 127.0.0.1), or set DATABASE_URL"
}

case "${1:-ensure}" in
  ensure)
    if [ -n "${DATABASE_URL:-}" ]; then
      answers "$DATABASE_URL" || die "DATABASE_URL is set but does not answer"
      say "using DATABASE_URL"
      echo "$DATABASE_URL"
      exit 0
    fi
    port_open || start_local
    ensure_test_database
    say "ready on 127.0.0.1:5432"
    echo "$default_url"
    ;;
  *) echo "usage: $0 ensure" >&2; exit 2 ;;
esac
