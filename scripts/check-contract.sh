#!/usr/bin/env bash
# Contract checks, run by CI and by `npm run check:contract`:
#   1. buf lint (STANDARD + COMMENTS, see buf.yaml);
#   2. drift: regenerate src/gen and proto/prana.binpb and fail if that changes any file, or if they then
#      differ from the commit (generated code is committed and never edited by hand);
#   3. buf breaking against the newest git tag named contract-v*, once such a tag exists
#      (until the first one, the contract may still change freely).
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

tag="$(git tag --list 'contract-v*' --sort=-v:refname | head -n 1)"
if [ -n "$tag" ]; then
  echo "check-contract: buf breaking against $tag"
  "$buf" breaking --against ".git#tag=$tag"
else
  echo "check-contract: no contract-v* tag yet, breaking-change check skipped"
fi

echo "check-contract: OK"
