#!/usr/bin/env bash
# Runs the operator benchmark (P1 apply→Ready, P2 steady-state calls, P3 many pipelines) on the local test
# ground. Usage: operator/bench/run.sh [P3 sizes...]   e.g. operator/bench/run.sh 10 100
# BENCH_RATE_LIMITS overrides the operator's --aws-rate-limits (e.g. high values to measure without them).
# BENCH_HEAP sets the benchmark JVM's -Xmx (default 1g). P3 runs the operator's production jar as its own JVM with
# the chart's memory settings (its javaToolOptions, MaxRAMPercentage applied to its memory limit as -Xmx);
# BENCH_OPERATOR_JVM_OPTIONS replaces them.
# BENCH_P3_ONLY=1 skips P1 and P2; BENCH_P3_DELETION=0 skips timing the deletion of up to 20 pipelines.
# Builds into its own folder (BENCH_BUILD_DIR, default /tmp/finpipe-bench) so it never disturbs operator/target/;
# the Lambda handlers jar the operator embeds is built in the same Maven run (no `mvn install` needed first).
# BENCH_MVN_FLAGS adds Maven flags (e.g. -o to build offline).
# With the test ground's AWS behaviour layer on (its default), P1 runs at AWS-like timings (docs/PERFORMANCE.md).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
build="${BENCH_BUILD_DIR:-/tmp/finpipe-bench}"
if [[ -z "${KUBECONFIG:-}" || -z "${AWS_ENDPOINT_URL:-}" ]]; then
  [[ -f "$repo/target/testenv/env.sh" ]] || "$repo/e2e/testenv/up"
  # shellcheck source=/dev/null
  source "$repo/target/testenv/env.sh"
fi
cd "$repo"
# handlers first (its shaded jar is what the operator's embed-handlers step copies from the reactor), then the
# operator with its test classes; each module writes its classpath, the operator's last.
# shellcheck disable=SC2086
mvn -B ${BENCH_MVN_FLAGS:-} -pl handlers,operator package dependency:build-classpath -DskipTests \
  -Dfinpipe.buildDir="$build" -Dmdep.outputFile="$build/classpath.txt" -Dmdep.includeScope=test
cp="$build/test-classes:$build/classes:$(cat "$build/classpath.txt")"
java -Xmx"${BENCH_HEAP:-1g}" -Dfinpipe.repoRoot="$repo" ${BENCH_RATE_LIMITS:+-Dfinpipe.bench.rateLimits="$BENCH_RATE_LIMITS"} \
  -Dfinpipe.bench.operatorJar="$build/financial-pipeline-operator.jar" -Dfinpipe.bench.logDir="$build" \
  ${BENCH_OPERATOR_JVM_OPTIONS:+-Dfinpipe.bench.operatorJvmOptions="$BENCH_OPERATOR_JVM_OPTIONS"} \
  -Dfinpipe.bench.p3Only="${BENCH_P3_ONLY:-false}" -Dfinpipe.bench.p3Deletion="${BENCH_P3_DELETION:-1}" -cp "$cp" dev.finpipe.operator.bench.OperatorBenchmark \
  "$build/bench-results.md" "${@:-10}"
