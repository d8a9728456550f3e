#!/usr/bin/env bash
# Handler benchmarks, one command from a fresh clone:
#   P4          ~100 MB CSV in moto's S3; raw read of the stream vs the processor on it, heap capped at 128 MB
#   cold start  the four functions through AWS's Lambda runtime emulator + Java runtime client, next to a
#               minimal handler (the floor), with the operator's memory settings
# It starts the AWS emulator of the test ground when AWS_ENDPOINT_URL is not set (and stops it again), builds the
# shaded jar (what ships) and the test classes (the harness), and prints each target next to its bound and value.
#   handlers/bench/run.sh [size-MB] [accounts] [cold-start runs]     defaults: 100 1000 3
#   BENCH_SKIP_COLD_START=1 handlers/bench/run.sh                     P4 only (BENCH_SKIP_P4=1: cold start only)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
size="${1:-100}" accounts="${2:-1000}" runs="${3:-3}"
out="$root/handlers/target"
mkdir -p "$out"

if [[ -z "${AWS_ENDPOINT_URL:-}" ]]; then
  export FINPIPE_TESTENV_DIR="${FINPIPE_TESTENV_DIR:-$root/target/handlers-bench-testenv}"
  env_file="$(e2e/testenv/up --aws-only)"
  trap 'e2e/testenv/down >/dev/null 2>&1 || true' EXIT
  # shellcheck source=/dev/null
  source "$env_file"
fi

# Built from the reactor (the parent pom comes from the checkout): nothing needs to be installed first.
mvn -B -ntp ${MAVEN_ARGS_EXTRA:-} -pl handlers -DskipTests package dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >"$out/bench-build.log" 2>&1 \
  || { tail -n 40 "$out/bench-build.log" >&2; exit 1; }
jar="$(ls "$out"/financial-pipeline-handlers-*-lambda.jar)"
# The harness runs the shipped jar: the test classes and test libraries come after it.
cp="$jar:$out/test-classes:$(cat "$out/bench-classpath.txt")"

if [[ "${BENCH_SKIP_P4:-}" != 1 ]]; then
  echo "== P4: processor vs raw read of the same S3 stream (-Xmx128m)"
  java -Xmx128m -cp "$cp" dev.finpipe.handlers.bench.ProcessorBenchmark "$size" "$accounts"
fi

[[ "${BENCH_SKIP_COLD_START:-}" == 1 ]] && exit 0
echo
echo "== Cold start through aws-lambda-rie"
runtime="$out/lambda-runtime"
rm -rf "$runtime" && mkdir -p "$runtime"
ver() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -n1; }
for artifact in "com.amazonaws:aws-lambda-java-runtime-interface-client:$(ver lambda-ric.version)" \
                "com.amazonaws:aws-lambda-java-serialization:$(ver lambda-serialization.version)" \
                "com.amazonaws:aws-lambda-java-core:$(ver lambda-core.version)" \
                "software.amazon.awssdk:utils-lite:$(ver awssdk.version)"; do
  mvn -B -ntp -q ${MAVEN_ARGS_EXTRA:-} dependency:copy -Dartifact="$artifact" -DoutputDirectory="$runtime" \
    >>"$out/bench-build.log" 2>&1 || { tail -n 20 "$out/bench-build.log" >&2; exit 1; }
done
rie="$(e2e/testenv/lib/build-lambda-rie.sh | tail -n1)"
java -cp "$cp" dev.finpipe.handlers.bench.ColdStartBenchmark "$jar" "$runtime" "$rie" "$out/test-classes" "$runs"
