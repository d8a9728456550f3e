#!/usr/bin/env bash
# Processor benchmark: ~100 MB CSV in moto's S3, processor on it with the heap capped at 128 MB.
# Runs the shaded Lambda jar (what ships), plus the test classes for the harness.
#   source <your moto env.sh>   # AWS_ENDPOINT_URL etc., see handlers/README.md
#   handlers/bench/run.sh [size-MB] [accounts]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
: "${AWS_ENDPOINT_URL:?AWS_ENDPOINT_URL is not set: start moto (e2e/testenv/up --aws-only) and source its env.sh}"

mvn -B -pl handlers -DskipTests package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.includeArtifactIds=aws-lambda-java-serialization \
  -Dmdep.outputFile=target/bench-classpath.txt >handlers/target/bench-build.log 2>&1 \
  || { tail -n 40 handlers/target/bench-build.log >&2; exit 1; }

jar="$(ls handlers/target/financial-pipeline-handlers-*-lambda.jar)"
cp="$jar:handlers/target/test-classes:$(cat handlers/target/bench-classpath.txt)"
exec java -Xmx128m -cp "$cp" dev.finpipe.handlers.bench.ProcessorBenchmark "${1:-100}" "${2:-1000}"
