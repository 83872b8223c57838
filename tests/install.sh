#!/usr/bin/env bash
# Everything the tests need, on a fresh machine: Debian's chromium + chromedriver (browser tests), antiword
# (Word 97 attachments),
# a small CJK font (legible screenshots), PostgreSQL on 127.0.0.1 (the store's PostgreSQL tests),
# and a virtual environment with policywatch[test]. Without root, the system parts are skipped and
# so are the tests that need them.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  wanted=()
  command -v chromium >/dev/null 2>&1 || wanted+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || wanted+=(chromium-driver)
  fc-list 2>/dev/null | grep -i wqy >/dev/null || wanted+=(fonts-wqy-zenhei)
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || wanted+=(postgresql)
  command -v antiword >/dev/null 2>&1 || wanted+=(antiword)
  if [ ${#wanted[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}" >/dev/null
  fi
  # PostgreSQL: user and database "pw", password "pw".
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_ctlcluster "$version" main start 2>/dev/null || true
  for _ in $(seq 20); do su postgres -c "pg_isready -q" && break; sleep 0.5; done
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'pw'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"CREATE USER pw WITH PASSWORD 'pw'\" -c 'CREATE DATABASE pw OWNER pw'" ||
    echo "install.sh: PostgreSQL not set up: its tests will be skipped" >&2
else
  echo "install.sh: not root: browser and PostgreSQL tests may be skipped" >&2
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
# The package's bytecode, once: an editable install compiles nothing, and where PYTHONDONTWRITEBYTECODE is
# set (as on our shared machines) every command then compiled its modules anew (0.1-0.2 s of CPU a compare).
.venv/bin/python -m compileall -q *.py text snapshots diffing monitor > /dev/null
