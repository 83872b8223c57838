#!/usr/bin/env bash
# Lint and types, as CI runs them: ruff over the tree, mypy (strict) over the package as it installs
# (policywatch.*). The repository is the package, so mypy reads it through a link named policywatch,
# whatever the checkout's folder is called.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/.venv/bin/ruff" check "$root"
view="$(mktemp -d)"
trap 'rm -rf "$view"' EXIT
ln -s "$root" "$view/policywatch"
cd "$view"
"$root/.venv/bin/mypy" --config-file "$root/pyproject.toml" --cache-dir "$root/.mypy_cache" policywatch
