#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the store tests and prints `export DATABASE_URL=…` (source it: eval "$(bash scripts/ci-postgres.sh)").
set -euo pipefail

log() { echo "ci-postgres: $*" >&2; }

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

if ! BIN="$(find_bin)"; then
  if [ "$(id -u)" -ne 0 ]; then log "PostgreSQL is not installed and this is not root; install the postgresql package"; exit 1; fi
  log "installing postgresql with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 || {
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
  }
  BIN="$(find_bin)"
fi

# A free local port: the first one from 54329 up that nothing listens on.
PORT=54329
while (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done

ROOT="$(mktemp -d /tmp/safepassage-pg.XXXXXX)"
# initdb and postgres refuse to run as root: the cluster belongs to the postgres user when we are root.
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$ROOT"
  RUN_AS=(runuser -u postgres --)
fi

PASSWORD="sp-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
"${RUN_AS[@]}" "$BIN/initdb" -D "$ROOT/data" -U postgres -A trust --no-sync >&2
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$ROOT/data" -l "$ROOT/server.log" -w \
  -o "-p $PORT -k $ROOT -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >&2

psql_admin() { "${RUN_AS[@]}" "$BIN/psql" -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres "$@" >&2; }
psql_admin -c "CREATE USER safepassage CREATEDB PASSWORD '$PASSWORD'"
psql_admin -c "CREATE DATABASE safepassage_test OWNER safepassage"

log "cluster in $ROOT on port $PORT (stop: ${RUN_AS[*]} $BIN/pg_ctl -D $ROOT/data stop)"
echo "export DATABASE_URL='postgres://safepassage:$PASSWORD@127.0.0.1:$PORT/safepassage_test'"
echo "export SAFEPASSAGE_PG_DATA='$ROOT/data'"
