#!/usr/bin/env bash
# The node suite in one command (root; Debian): the test ground with a real node (e2e/testenv/up --node),
# the operator jar and its image (e2e/image/build, imported into the node), then the e2e classes that need
# the chart's pods: OperatorPodsOnNodeE2eTest (tag "node") and PipelineLifecycleE2eTest in-cluster.
# Stops the ground afterwards when this run started it. Extra arguments go to the e2e Maven run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
state="${FINPIPE_TESTENV_DIR:-$root/target/testenv}"
stamp() { echo "[node-suite] $(date -u +%H:%M:%S) $*" >&2; }

started=true
[[ -f "$state/env.sh" ]] && started=false
stamp "test ground with a node"
env_file="$(e2e/testenv/up --node)"
$started && trap 'e2e/testenv/down' EXIT
# shellcheck disable=SC1090
source "$env_file"
kubectl get nodes -o wide

stamp "operator jar"
mvn -B -ntp -q -pl operator -am package -DskipTests
stamp "operator image"
image="$(e2e/image/build)"

export FINPIPE_E2E_OPERATOR=in-cluster
export FINPIPE_E2E_IMAGE_REPOSITORY="${image%:*}" FINPIPE_E2E_IMAGE_TAG="${image##*:}"
export FINPIPE_E2E_OPERATOR_AWS_ENDPOINT="$FINPIPE_NODE_AWS_ENDPOINT"
stamp "e2e on the node with $image, AWS for pods at $FINPIPE_E2E_OPERATOR_AWS_ENDPOINT"
mvn -B -ntp -pl e2e verify -Dfinpipe.e2e.excludedGroups= \
  -Dtest='OperatorPodsOnNodeE2eTest,PipelineLifecycleE2eTest' -Dsurefire.failIfNoSpecifiedTests=false "$@"
stamp "done"
