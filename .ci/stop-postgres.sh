#!/usr/bin/env bash
# Stops the server started by start-postgres.sh and deletes its data dir.
# Usage: bash .ci/stop-postgres.sh [DIR]   (DIR defaults to $OTP_AUTH_PG_DIR)
set -euo pipefail
DIR=${1:-${OTP_AUTH_PG_DIR:-}}
[[ -n "$DIR" && -d "$DIR/data" ]] || exit 0
BIN=${OTP_AUTH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -t/ -k4,4n | tail -n1)}
if [[ $(id -u) -eq 0 ]]; then AS=(runuser -u postgres --); else AS=(); fi
"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
rm -rf "$DIR"
