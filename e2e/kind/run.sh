#!/usr/bin/env bash
# Runs the e2e suite against a kind cluster with the operator as the chart's real Deployment.
# Needs: docker, kind, helm, kubectl, java 17+, maven. (It cannot run where there is no Docker engine.)
#   e2e/kind/run.sh            create the cluster (if missing), build + load the image, run the suite
#   KEEP_CLUSTER=false ...     delete the cluster afterwards
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cluster="${KIND_CLUSTER:-finpipe-e2e}"
image_repo="financial-pipeline-operator"
image_tag="e2e-$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo dev)"
moto_ns="finpipe-moto"
moto_version="${MOTO_VERSION:-5.2.5}"
keep_cluster="${KEEP_CLUSTER:-true}"

log() { echo "[kind-e2e] $*" >&2; }
need() { command -v "$1" >/dev/null || { log "missing tool: $1"; exit 1; }; }
for tool in docker kind helm kubectl java mvn; do need "$tool"; done

kubeconfig="$root/target/kind/kubeconfig"
mkdir -p "$(dirname "$kubeconfig")"
if ! kind get clusters | grep -qx "$cluster"; then
  log "creating cluster $cluster"
  kind create cluster --name "$cluster" --kubeconfig "$kubeconfig" --wait 120s
else
  kind get kubeconfig --name "$cluster" >"$kubeconfig"
fi
export KUBECONFIG="$kubeconfig"

log "building the operator jar and the image $image_repo:$image_tag"
(cd "$root" && mvn -B package -DskipTests)
docker build -t "$image_repo:$image_tag" "$root"
kind load docker-image "$image_repo:$image_tag" --name "$cluster"

log "deploying moto $moto_version (the AWS emulator) in namespace $moto_ns"
kubectl create namespace "$moto_ns" --dry-run=client -o yaml | kubectl apply -f -
kubectl apply -n "$moto_ns" -f - <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: moto}
spec:
  replicas: 1
  selector: {matchLabels: {app: moto}}
  template:
    metadata: {labels: {app: moto}}
    spec:
      containers:
        - name: moto
          image: python:3.11-slim
          command: ["sh", "-c", "pip install --no-cache-dir 'moto[server]==$moto_version' && exec moto_server -H 0.0.0.0 -p 5000"]
          ports: [{name: http, containerPort: 5000}]
          readinessProbe:
            httpGet: {path: /moto-api/, port: http}
            periodSeconds: 3
---
apiVersion: v1
kind: Service
metadata: {name: moto}
spec:
  selector: {app: moto}
  ports: [{name: http, port: 5000, targetPort: http}]
YAML
kubectl -n "$moto_ns" rollout status deployment/moto --timeout=300s

# The test JVM reaches moto through a port-forward; the operator pods through the Service.
local_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
kubectl -n "$moto_ns" port-forward service/moto "$local_port:5000" >"$root/target/kind/port-forward.log" 2>&1 &
forward_pid=$!
cleanup() {
  kill "$forward_pid" 2>/dev/null || true
  if [[ "$keep_cluster" == "false" ]]; then kind delete cluster --name "$cluster"; fi
}
trap cleanup EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$local_port/moto-api/" >/dev/null 2>&1 && break
  sleep 0.5
done
# Lambda functions are stored, never run (no Docker inside the moto pod).
curl -fsS -X POST -H 'Content-Type: application/json' -d '{"lambda":{"use_docker":false}}' \
  "http://127.0.0.1:$local_port/moto-api/config" >/dev/null

log "running the e2e suite with the operator in-cluster"
export AWS_ENDPOINT_URL="http://127.0.0.1:$local_port"
export AWS_REGION="${AWS_REGION:-us-east-1}" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export FINPIPE_E2E_OPERATOR=in-cluster
export FINPIPE_E2E_OPERATOR_AWS_ENDPOINT="http://moto.$moto_ns.svc.cluster.local:5000"
export FINPIPE_E2E_IMAGE_REPOSITORY="$image_repo" FINPIPE_E2E_IMAGE_TAG="$image_tag"
(cd "$root" && mvn -B -f e2e/pom.xml verify)
