#!/usr/bin/env bash
# Everything the tests need, on a fresh machine: Debian's chromium + chromedriver for the browser
# tests (when we may install system packages), and a virtual environment with policywatch[test].
set -euo pipefail
cd "$(dirname "$0")/.."
# fonts-wqy-zenhei: a small CJK font, so screenshots of Chinese pages are legible.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -i wqy >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-zenhei >/dev/null
  else
    echo "install.sh: chromium/chromedriver missing and not root: the browser tests will be skipped" >&2
  fi
fi
# PostgreSQL on 127.0.0.1 for the store's PostgreSQL tests (user and database "pw", password "pw").
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_ctlcluster "$version" main start 2>/dev/null || true
  for _ in $(seq 20); do su postgres -c "pg_isready -q" && break; sleep 0.5; done
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'pw'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"CREATE USER pw WITH PASSWORD 'pw'\" -c 'CREATE DATABASE pw OWNER pw'" ||
    echo "install.sh: PostgreSQL not set up: its tests will be skipped" >&2
fi
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
