#!/usr/bin/env bash
# The whole test suite on the local test ground: starts it when needed (building the Kubernetes tools once
# into ~/.cache), runs every module's tests with Maven, and stops what it started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
state="${FINPIPE_TESTENV_DIR:-$root/target/testenv}"

# Stop the ground afterwards only if this run started it (a developer's running ground is reused).
started=true
[[ -f "$state/env.sh" ]] && started=false
env_file="$(e2e/testenv/up)"
$started && trap 'e2e/testenv/down' EXIT
# shellcheck disable=SC1090
source "$env_file"
e2e/testenv/check-hygiene
kubectl version
mvn -B -ntp verify "$@"
