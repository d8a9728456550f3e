# Shared by e2e/testenv/node/up and down: names of the node's parts and how its processes are run.
# shellcheck shell=bash
NODE_NAME=finpipe-node
NODE_BRIDGE=fpnode0
NODE_IP=10.244.0.1
NODE_POD_CIDR=10.244.0.0/24
SERVICE_IP=10.0.0.1          # first address of the API server's --service-cluster-ip-range
NODE_RULE_TAG=finpipe-node   # comment on the iptables rule, with the state directory
PAUSE_IMAGE=localhost/finpipe/pause:1
NODE_SOCK="$node/containerd.sock"

log() { echo "[testenv:node] $*" >&2; }
node_alive() { [[ -f "$node/$1.pid" ]] && kill -0 "$(cat "$node/$1.pid")" 2>/dev/null; }
free_port_on() { python3 -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1],0)); print(s.getsockname()[1])' "$1"; }
node_start() { # name, command...: runs it in the background, logging to $node/<name>.log
  local name=$1; shift
  nohup "$@" >"$node/$name.log" 2>&1 &
  echo $! >"$node/$name.pid"
}
node_wait() { # name, seconds, command...
  local name=$1 secs=$2; shift 2
  for ((i = 0; i < secs * 2; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    node_alive "$name" || { log "$name exited"; tail -n 40 "$node/$name.log" >&2; exit 1; }
    sleep 0.5
  done
  log "$name not ready after ${secs}s"; tail -n 40 "$node/$name.log" >&2; exit 1
}
node_ready() {
  [[ "$(KUBECONFIG="$state/kubeconfig" kubectl get node "$NODE_NAME" \
    -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" == True ]]
}
