#!/usr/bin/env bash
# Regenerates the protobuf code of every SDK from proto/prana with pinned generators:
#   sdk/go/gen/prana/v1       protoc-gen-go + protoc-gen-go-grpc (built from the Go module proxy)
#   sdk/python/src/prana/v1   grpcio-tools (from PyPI, in a cached virtual environment)
#   sdk/typescript/src/gen    ts-proto (the repository's own, pinned in package.json)
# The generated code is committed; CI runs this and fails when it differs from the commit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PROTOC_GEN_GO_VERSION=v1.36.12
PROTOC_GEN_GO_GRPC_VERSION=v1.5.1
GRPCIO_TOOLS_VERSION=1.85.1

gobin="$ROOT/.cache/gobin-sdk"
stamp="$gobin/versions"
want="$PROTOC_GEN_GO_VERSION $PROTOC_GEN_GO_GRPC_VERSION"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  mkdir -p "$gobin"
  GOBIN="$gobin" go install "google.golang.org/protobuf/cmd/protoc-gen-go@$PROTOC_GEN_GO_VERSION"
  GOBIN="$gobin" go install "google.golang.org/grpc/cmd/protoc-gen-go-grpc@$PROTOC_GEN_GO_GRPC_VERSION"
  echo "$want" >"$stamp"
fi
rm -rf sdk/go/gen
npx buf generate --template buf.gen.sdk.yaml --path proto/prana

rm -rf sdk/typescript/src/gen
npx buf generate --template buf.gen.sdk-ts.yaml --path proto/prana --path proto/google/rpc

venv="$ROOT/.cache/sdk-gen-venv"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import grpc_tools, importlib.metadata as m; assert m.version('grpcio-tools') == '$GRPCIO_TOOLS_VERSION'" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "grpcio-tools==$GRPCIO_TOOLS_VERSION"
fi
out="sdk/python/src"
rm -rf "$out/prana/v1"
mkdir -p "$out"
"$venv/bin/python" -m grpc_tools.protoc -Iproto --python_out="$out" --pyi_out="$out" --grpc_python_out="$out" proto/prana/v1/*.proto
touch "$out/prana/v1/__init__.py"
echo "gen-sdks: sdk/go/gen, $out/prana/v1 and sdk/typescript/src/gen regenerated"
