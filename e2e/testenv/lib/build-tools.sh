#!/usr/bin/env bash
# Builds kube-apiserver, kubectl, etcd and helm from the Go module proxy into a cache keyed by version.
# A tool already in the cache is never rebuilt. Usage: build-tools.sh (prints the bin directory).
#   build-tools.sh --node   also kubelet, kube-controller-manager, kube-scheduler and crictl (a real node)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=/dev/null
source "$here/versions.env"

cache="${FINPIPE_TOOLS_CACHE:-$HOME/.cache/finpipe-testenv}"
bin="$cache/bin"
mkdir -p "$bin"
# One build at a time: a second test ground started meanwhile waits, then finds the tools in the cache.
if command -v flock >/dev/null; then exec 9>"$cache/.build.lock" && flock 9; fi
command -v go >/dev/null || export PATH="/usr/local/go/bin:$PATH"
command -v go >/dev/null || { echo "[build-tools] Go is needed to build the Kubernetes tools (https://go.dev/dl)" >&2; exit 1; }
export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=mod
log() { echo "[build-tools] $*" >&2; }

build_kube() { # output directory, commands under k8s.io/kubernetes/cmd/
  local out="$1"; shift
  local cmd missing=false
  for cmd in "$@"; do [[ -x "$out/$cmd" ]] || missing=true; done
  $missing || return 0
  log "building $* $KUBE_VERSION (cold: tens of minutes)"
  local work; work="$(mktemp -d)"
  local minor="${KUBE_VERSION#v1.}"; minor="${minor%%.*}"
  local staging="v0.${KUBE_VERSION#v1.}"
  {
    echo "module finpipe.dev/kubebuild"
    echo "go 1.25.0"
    echo "require k8s.io/kubernetes $KUBE_VERSION"
    # k8s.io/kubernetes pins its staging modules at v0.0.0 with local replaces; point them at the tags.
    curl -fsSL "https://proxy.golang.org/k8s.io/kubernetes/@v/$KUBE_VERSION.mod" \
      | grep -oE '^\s+k8s\.io/[a-z0-9-]+ v0\.0\.0$' | awk -v v="$staging" '{print "replace " $1 " => " $1 " " v}'
  } > "$work/go.mod"
  local pkg="k8s.io/component-base/version" cpkg="k8s.io/client-go/pkg/version"
  local date; date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  local ld="-s -w"
  for p in "$pkg" "$cpkg"; do
    ld+=" -X $p.gitVersion=$KUBE_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
    ld+=" -X $p.gitTreeState=clean -X $p.buildDate=$date"
  done
  mkdir -p "$out.tmp"
  (cd "$work" && go build -tags selinux,notest -ldflags "$ld" -o "$out.tmp/" "${@/#/k8s.io/kubernetes/cmd/}")
  rm -rf "$out" && mv "$out.tmp" "$out" && rm -rf "$work"
}

build_etcd() {
  local out="$cache/etcd-$ETCD_VERSION"
  if [[ -x "$out/etcd" ]]; then return; fi
  log "building etcd $ETCD_VERSION"
  local work; work="$(mktemp -d)"
  printf 'module finpipe.dev/etcdbuild\ngo 1.24\nrequire go.etcd.io/etcd/server/v3 %s\n' "$ETCD_VERSION" > "$work/go.mod"
  mkdir -p "$out.tmp"
  (cd "$work" && go build -ldflags "-s -w" -o "$out.tmp/etcd" go.etcd.io/etcd/server/v3)
  rm -rf "$out" && mv "$out.tmp" "$out" && rm -rf "$work"
}

build_helm() {
  local out="$cache/helm-$HELM_VERSION"
  if [[ -x "$out/helm" ]]; then return; fi
  log "building helm $HELM_VERSION"
  mkdir -p "$out.tmp"
  GOFLAGS='' GOBIN="$out.tmp" go install -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  rm -rf "$out" && mv "$out.tmp" "$out"
}

build_crictl() {
  local out="$cache/crictl-$CRICTL_VERSION"
  if [[ -x "$out/crictl" ]]; then return; fi
  log "building crictl $CRICTL_VERSION"
  mkdir -p "$out.tmp"
  GOFLAGS='' GOBIN="$out.tmp" go install -ldflags "-s -w" "sigs.k8s.io/cri-tools/cmd/crictl@$CRICTL_VERSION"
  rm -rf "$out" && mv "$out.tmp" "$out"
}

build_etcd
build_helm
build_kube "$cache/kube-$KUBE_VERSION" kube-apiserver kubectl
if [[ "${1:-}" == "--node" ]]; then
  build_kube "$cache/kube-node-$KUBE_VERSION" kubelet kube-controller-manager kube-scheduler
  build_crictl
  ln -sf "$cache/kube-node-$KUBE_VERSION"/* "$cache/crictl-$CRICTL_VERSION/crictl" "$bin/"
fi
ln -sf "$cache/kube-$KUBE_VERSION/kube-apiserver" "$cache/kube-$KUBE_VERSION/kubectl" \
       "$cache/etcd-$ETCD_VERSION/etcd" "$cache/helm-$HELM_VERSION/helm" "$bin/"
echo "$bin"
