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
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
