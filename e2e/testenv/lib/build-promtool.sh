#!/usr/bin/env bash
# Builds the small checkers the chart and docs tests need, from the Go module proxy, into the tool cache:
#   promtool (Prometheus) - `promtool check rules` validates the chart's PrometheusRule;
#   glua (gopher-lua, the Lua interpreter Argo CD itself embeds) - runs docs/argocd-health.lua.
# A tool already in the cache is never rebuilt. Usage: build-promtool.sh [glua|promtool]... (default both;
# prints the bin directory). Each test asks only for the tool it runs, so the Lua test does not wait for promtool.
set -euo pipefail
PROMETHEUS_VERSION="${PROMETHEUS_VERSION:-v0.316.0}"   # the Go module version of Prometheus 3.x
GOPHER_LUA_VERSION="${GOPHER_LUA_VERSION:-v1.1.2}"
cache="${FINPIPE_TOOLS_CACHE:-$HOME/.cache/finpipe-testenv}"
mkdir -p "$cache"
command -v go >/dev/null || export PATH="/usr/local/go/bin:$PATH"
command -v go >/dev/null || { echo "[build-promtool] Go is needed (https://go.dev/dl)" >&2; exit 1; }
export CGO_ENABLED=0 GOTOOLCHAIN=local
log() { echo "[build-promtool] $*" >&2; }

install_tool() { # name module@version
  local out="$cache/$1-${2##*@}"
  if [[ -x "$out/$1" ]]; then echo "$out"; return; fi
  # One lock per tool (not the Kubernetes tools' one): a build of one does not hold up the other.
  if command -v flock >/dev/null; then exec 8>"$cache/.build-$1.lock" && flock 8; fi
  if [[ -x "$out/$1" ]]; then echo "$out"; return; fi
  log "building $1 from $2"
  rm -rf "$out.tmp" && mkdir -p "$out.tmp"
  GOFLAGS='' GOBIN="$out.tmp" go install -ldflags "-s -w" "$2" >&2
  rm -rf "$out" && mv "$out.tmp" "$out"
  echo "$out"
}

bin="$cache/checkers"
mkdir -p "$bin"
tools=("$@"); [[ ${#tools[@]} -gt 0 ]] || tools=(glua promtool)
for tool in "${tools[@]}"; do
  case "$tool" in
    glua) ln -sf "$(install_tool glua "github.com/yuin/gopher-lua/cmd/glua@$GOPHER_LUA_VERSION")/glua" "$bin/glua" ;;
    promtool) ln -sf "$(install_tool promtool \
        "github.com/prometheus/prometheus/cmd/promtool@$PROMETHEUS_VERSION")/promtool" "$bin/promtool" ;;
    *) log "unknown tool $tool (glua or promtool)"; exit 1 ;;
  esac
done
echo "$bin"
