#!/usr/bin/env bash
# Create the anchor virtualenv (.venv-bench): nomenklatura + followthemoney need PyICU, built from source.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if ! pkg-config --exists icu-uc 2>/dev/null; then
  apt-get update && apt-get install -y libicu-dev pkg-config
fi
python3 -m venv "$ROOT/.venv-bench"
"$ROOT/.venv-bench/bin/pip" install -q nomenklatura followthemoney
