#!/usr/bin/env bash
# Main job: load the sanctions lists and screen a sample of names and a customer file.
# Uses the local mirror ../shared/lists when it exists (offline machines), else the official URLs.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
export RAQIB_HOME=${RAQIB_HOME:-$PWD/.raqib}
SHARED=${RAQIB_SHARED:-../shared}

if [ -d "$SHARED/lists" ]; then
  echo "== lists: local mirror $SHARED/lists (every version, so history and deltas exist)"
  "$BIN/raqib" update --mirror "$SHARED/lists" --all-versions || echo "(some publications failed to load; see above)"
else
  echo "== lists: official publisher URLs"
  "$BIN/raqib" update
fi
"$BIN/raqib" status
echo "== what changed in the OFAC SDN list when Russia was sanctioned in Feb 2022"
"$BIN/raqib" diff ofac_sdn --from 2022-02-24 --to 2022-02-28 --show 8 || true
echo "== screening names from the 2017 report, in the scripts they arrive in"
for name in "سيرغي لافروف" "Sergei Lavrov" "Лавров Сергей Викторович" "فلاديمير بوتين" "تيلرسون" "Kim Jong Un" "VTB Bank PJSC"; do
  "$BIN/raqib" screen "$name" --limit 3
done
echo "== screening a customer file"
"$BIN/raqib" screen-file examples/customers.csv --out "$RAQIB_HOME/customers.hits.jsonl"
echo "results: $RAQIB_HOME/customers.hits.jsonl"
