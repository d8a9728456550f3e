#!/usr/bin/env bash
# Runs the operator benchmark (P1 apply→Ready, P2 steady-state calls, P3 many pipelines) on the local test
# ground. Usage: operator/bench/run.sh [P3 sizes...]   e.g. operator/bench/run.sh 10 100
# BENCH_RATE_LIMITS overrides the operator's --aws-rate-limits (e.g. high values to measure without them).
# BENCH_HEAP sets the benchmark JVM's -Xmx (default 1g; the Helm chart gives the operator 576m).
# Builds into its own folder (BENCH_BUILD_DIR, default /tmp/finpipe-bench) so it never disturbs target/.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
build="${BENCH_BUILD_DIR:-/tmp/finpipe-bench}"
if [[ -z "${KUBECONFIG:-}" || -z "${AWS_ENDPOINT_URL:-}" ]]; then
  [[ -f "$repo/target/testenv/env.sh" ]] || "$repo/e2e/testenv/up"
  # shellcheck source=/dev/null
  source "$repo/target/testenv/env.sh"
fi
cd "$repo"
mvn -B -f operator/pom.xml test-compile dependency:build-classpath -Dfinpipe.buildDir="$build" \
  -Dmdep.outputFile="$build/classpath.txt" -Dmdep.includeScope=test
cp="$build/test-classes:$build/classes:$(cat "$build/classpath.txt")"
java -Xmx"${BENCH_HEAP:-1g}" -Dfinpipe.repoRoot="$repo" ${BENCH_RATE_LIMITS:+-Dfinpipe.bench.rateLimits="$BENCH_RATE_LIMITS"} -cp "$cp" dev.finpipe.operator.bench.OperatorBenchmark \
  "$build/bench-results.md" "${@:-10}"
