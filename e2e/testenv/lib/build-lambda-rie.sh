#!/usr/bin/env bash
# Builds the AWS Lambda Runtime Interface Emulator (cmd/aws-lambda-rie) from the Go module proxy into the tool
# cache, keyed by version; a cached build is never rebuilt. Tagged releases are not served by the proxy, so the
# version is a pseudo-version. Usage: build-lambda-rie.sh (prints the path of the aws-lambda-rie binary).
set -euo pipefail
RIE_MODULE=github.com/aws/aws-lambda-runtime-interface-emulator
RIE_VERSION="${FINPIPE_RIE_VERSION:-v0.0.0-20261030222936-bef5c4ba774d}"
cache="${FINPIPE_TOOLS_CACHE:-$HOME/.cache/finpipe-testenv}"
out="$cache/aws-lambda-rie-$RIE_VERSION"
if [[ -x "$out/aws-lambda-rie" ]]; then echo "$out/aws-lambda-rie"; exit 0; fi
# One build at a time: a concurrent caller waits, then finds the binary in the cache.
mkdir -p "$cache"
if command -v flock >/dev/null; then exec 9>"$cache/.build-rie.lock" && flock 9; fi
if [[ -x "$out/aws-lambda-rie" ]]; then echo "$out/aws-lambda-rie"; exit 0; fi
command -v go >/dev/null || export PATH="/usr/local/go/bin:$PATH"
command -v go >/dev/null || { echo "[build-lambda-rie] Go is needed (https://go.dev/dl)" >&2; exit 1; }
export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=mod
echo "[build-lambda-rie] building aws-lambda-rie $RIE_VERSION" >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'module finpipe.dev/riebuild\ngo 1.26\nrequire %s %s\n' "$RIE_MODULE" "$RIE_VERSION" > "$work/go.mod"
mkdir -p "$out.tmp"
(cd "$work" && go build -ldflags "-s -w" -o "$out.tmp/aws-lambda-rie" "$RIE_MODULE/cmd/aws-lambda-rie")
rm -rf "$out" && mv "$out.tmp" "$out"
echo "$out/aws-lambda-rie"
