#!/usr/bin/env bash
# The demo: local API server + AWS emulator + the operator + a sample FinancialPipeline that reaches Ready.
# Leaves everything running; stop it all with: e2e/testenv/down
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sample="${1:-crds/samples/minimal.yaml}"

env_file="$(e2e/testenv/up)"
# shellcheck disable=SC1090
source "$env_file"
echo "== building the operator"
mvn -B -ntp package -Dmaven.test.skip=true -pl handlers,operator -am
jar="$root/operator/target/financial-pipeline-operator.jar"

echo "== installing the CRD"
kubectl apply --server-side --force-conflicts -f crds/financialpipelines.finpipe.dev-v1.yml
kubectl wait --for=condition=Established crd/financialpipelines.finpipe.dev --timeout=60s

echo "== starting the operator (log: $FINPIPE_TESTENV_DIR/operator.log)"
if [[ -f "$FINPIPE_TESTENV_DIR/operator.pid" ]] && kill -0 "$(cat "$FINPIPE_TESTENV_DIR/operator.pid")" 2>/dev/null; then
  kill "$(cat "$FINPIPE_TESTENV_DIR/operator.pid")"; sleep 2
fi
FINPIPE_RESYNC_PERIOD=PT30S FINPIPE_HTTP_PORT=0 nohup java -jar "$jar" >"$FINPIPE_TESTENV_DIR/operator.log" 2>&1 &
echo $! >"$FINPIPE_TESTENV_DIR/operator.pid"

echo "== applying $sample"
kubectl apply -f "$sample"
name="$(kubectl get -f "$sample" -o jsonpath='{.metadata.name}')"
if ! kubectl wait --for=condition=Ready "fp/$name" --timeout=180s; then
  echo "not Ready in time; operator log tail:" >&2
  tail -n 40 "$FINPIPE_TESTENV_DIR/operator.log" >&2
  kubectl get "fp/$name" -o yaml >&2
  exit 1
fi
kubectl get fp
kubectl get "fp/$name" -o jsonpath='{.status}' | python3 -m json.tool
cat <<MSG

The pipeline is Ready. Try:
  source $env_file
  kubectl get fp $name -o yaml         # status: ARNs, API URL, conditions
  kubectl get events                    # what the operator did
  aws --endpoint-url \$AWS_ENDPOINT_URL s3 ls   # if the AWS CLI is installed
Stop everything (operator, API server, etcd, AWS emulator): e2e/testenv/down
MSG
