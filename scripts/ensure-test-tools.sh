#!/usr/bin/env bash
# The tests drive a real browser, a real PostgreSQL and curl. Installs Debian's chromium,
# postgresql and curl when they are missing and we may (root with apt-get); otherwise says what to do.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v curl >/dev/null || missing+=(curl)
((${#missing[@]})) || exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-test-tools: installing ${missing[*]} (Debian packages)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "ensure-test-tools: the tests need ${missing[*]}: install them (e.g. sudo apt-get install ${missing[*]})." >&2
exit 1
