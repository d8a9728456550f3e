package dev.finpipe.operator.testing;

import dev.finpipe.operator.OperatorOptions;
import dev.finpipe.operator.OperatorRuntime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** The operator, wired exactly as in production, running inside the test JVM against the test ground. */
public final class InProcessOperator implements AutoCloseable {
  /**
   * The emulator has none of API Gateway's per-operation quotas (one REST API deleted per 30 s, GetResources 5
   * per 2 s...): tests keep the operator's per-service limits but lift every per-operation default of
   * AwsRateLimits.DEFAULT_SPEC (AwsRateLimitsTest checks), or deleting a few pipelines would take minutes.
   */
  public static final String EMULATOR_RATE_LIMITS =
      "ApiGateway:CreateRestApi=5,ApiGateway:CreateDeployment=5,ApiGateway:DeleteRestApi=5,"
      + "ApiGateway:GetResources=5";
  private final OperatorRuntime runtime;

  private InProcessOperator(OperatorRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * Starts an operator watching only {@code namespace}, resyncing every {@code resync} (ISO-8601);
   * {@code extraArgs} may replace the emulator's rate limits with their own {@code --aws-rate-limits=}.
   */
  public static InProcessOperator start(String namespace, String resync, String... extraArgs) {
    OperatorOptions options = new OperatorOptions();
    List<String> args = new ArrayList<>(List.of("--namespaces=" + namespace, "--resync-period=" + resync,
        "--aws-endpoint=" + Moto.endpoint(), "--http-port=0"));
    args.addAll(List.of(extraArgs));
    if (args.stream().noneMatch(a -> a.startsWith("--aws-rate-limits="))) {
      args.add("--aws-rate-limits=" + EMULATOR_RATE_LIMITS);
    }
    new CommandLine(options).parseArgs(args.toArray(String[]::new));
    OperatorRuntime runtime = new OperatorRuntime(options, TestGround.kubernetes(), new SimpleMeterRegistry());
    runtime.start();
    return new InProcessOperator(runtime);
  }

  public OperatorRuntime runtime() {
    return runtime;
  }

  @Override
  public void close() {
    runtime.close();
  }
}
