#!/usr/bin/env bash
# Contract checks, run by CI and by `npm run check:contract`:
#   1. buf lint (STANDARD + COMMENTS, see buf.yaml);
#   2. drift: regenerate src/gen and proto/prana.binpb and fail if that changes any file, or if they then
#      differ from the commit (generated code is committed and never edited by hand);
#   3. buf breaking against the released contract: the buf image committed as
#      proto/baseline/contract.binpb (`npm run contract:release` replaces it when a new contract is
#      released), so no git tag or history is needed.
# Run it on a clean tree: uncommitted changes under src/gen or proto count as drift.
set -euo pipefail
cd "$(dirname "$0")/.."

buf=./node_modules/.bin/buf

echo "check-contract: buf lint"
"$buf" lint

echo "check-contract: regenerate and look for drift"
# Drift is either: regeneration changes the working tree (a hand edit, or a .proto edited without
# regenerating), or the regenerated output differs from what is committed.
before="$(mktemp -d)"
trap 'rm -rf "$before"' EXIT
cp -R src/gen "$before/gen"
cp proto/prana.binpb "$before/prana.binpb" 2>/dev/null || true
npm run --silent gen
changed="$(diff -rq "$before/gen" src/gen || true)"
if ! cmp -s "$before/prana.binpb" proto/prana.binpb; then
  changed="${changed}${changed:+$'\n'}proto/prana.binpb differs after regeneration"
fi
committed="$(git status --porcelain -- src/gen proto)"
if [ -n "$changed" ] || [ -n "$committed" ]; then
  echo "check-contract: FAILED: generated code is out of date or was edited by hand." >&2
  [ -n "$changed" ] && echo "Changed by regeneration:"$'\n'"$changed" >&2
  [ -n "$committed" ] && echo "Differs from the commit (git status):"$'\n'"$committed" >&2
  echo "src/gen is never edited by hand: run 'npm run gen' and commit src/gen, proto/prana.binpb and the .proto files." >&2
  exit 1
fi

baseline=proto/baseline/contract.binpb
echo "check-contract: buf breaking against $baseline"
"$buf" breaking --against "$baseline"

echo "check-contract: OK"
