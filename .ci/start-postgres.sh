#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for tests: trust auth, 127.0.0.1 only, private port and data dir.
# stdout carries only shell to eval:
#   eval "$(bash .ci/start-postgres.sh)"; trap 'bash .ci/stop-postgres.sh' EXIT
# which sets TEST_DATABASE_URL and OTP_AUTH_PG_DIR (read by stop-postgres.sh). Logs go to stderr.
set -euo pipefail

log() { echo "start-postgres: $*" >&2; }

find_bin() {
  local dir
  if [[ -n "${PG_BIN:-}" && -x "$PG_BIN/initdb" ]]; then echo "$PG_BIN"; return; fi
  # Newest installed major version wins (Debian layout: /usr/lib/postgresql/<major>/bin).
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4n | tail -n1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return; fi
  if command -v pg_config >/dev/null && [[ -x "$(pg_config --bindir)/initdb" ]]; then
    pg_config --bindir; return
  fi
}

BIN=$(find_bin)
if [[ -z "$BIN" && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  # A fresh machine may lack the server; Debian's package is reachable here.
  log "no PostgreSQL found; installing Debian's postgresql"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
  BIN=$(find_bin)
fi
[[ -n "$BIN" ]] || { log "no PostgreSQL binaries (looked in /usr/lib/postgresql/*/bin)"; exit 1; }

# The server refuses to run as root: run its tools as the postgres user when we are root.
if [[ $(id -u) -eq 0 ]]; then AS=(runuser -u postgres --); OWNER=postgres; else AS=(); OWNER=$(id -un); fi

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# A random start keeps parallel runs on one machine from racing for the same port.
PORT=${PGPORT_TEST:-$((54329 + RANDOM % 2000))}
while port_taken "$PORT"; do PORT=$((PORT + 1)); done

DIR=$(mktemp -d "${TMPDIR:-/tmp}/otp-auth-pg.XXXXXX")
chown "$OWNER" "$DIR"
chmod 700 "$DIR"

"${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 1; }

# Durability is pointless for a test server; turning it off makes DDL-heavy tests much faster.
"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 start -o \
  "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2 \
  || { cat "$DIR/server.log" >&2; exit 1; }

log "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT, data in $DIR"
echo "export OTP_AUTH_PG_DIR=$DIR"
echo "export OTP_AUTH_PG_BIN=$BIN"
echo "export TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:$PORT/postgres"
