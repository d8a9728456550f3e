package dev.finpipe.operator.bench;

import dev.finpipe.operator.api.DeletionPolicy;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.client.AwsRateLimits;
import dev.finpipe.operator.reconciler.ComponentResult;
import dev.finpipe.operator.reconciler.PipelineContext;
import dev.finpipe.operator.reconciler.PipelineConverger;
import dev.finpipe.operator.testing.AwsBehaviour;
import dev.finpipe.operator.testing.InProcessOperator;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.Requeue;
import dev.finpipe.operator.testing.TestGround;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Benchmarks of the operator on the local test ground (a main class, not a test): P1 apply → Ready of one
 * pipeline against its critical-path bound, P2 AWS calls of a steady-state resync, P3 many pipelines at once
 * (time, calls, calls/s per service, memory). Arguments: output file, then the P3 sizes (default 10).
 */
public final class OperatorBenchmark {
  private final StringBuilder report = new StringBuilder();

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/bench-results.md");
    List<Integer> sizes = args.length > 1 ? java.util.Arrays.stream(args).skip(1).map(Integer::valueOf).toList()
        : List.of(10);
    OperatorBenchmark bench = new OperatorBenchmark();
    TestGround.installCrd();
    bench.injectedSeconds = bench.awsLikeLayer();
    bench.line("# Operator benchmark " + java.time.Instant.now() + " (" + Runtime.getRuntime().availableProcessors()
        + " cores); --aws-rate-limits " + System.getProperty("finpipe.bench.rateLimits", "(the operator's defaults)"));
    if (!List.of("1", "true").contains(System.getProperty("finpipe.bench.p3Only", ""))) { // BENCH_P3_ONLY=1
      double latency = CallLatency.medianMillis(Moto.clients(), 60);
      bench.line("median AWS (emulator) call latency: %.2f ms", latency);
      bench.createFunctionMillis = CallLatency.createFunctionMillis(Moto.clients(), 3);
      bench.line("median CreateFunction latency with the embedded handlers jar staged in S3: %.0f ms",
          bench.createFunctionMillis);
      bench.steadyStateAndCriticalPath(latency);
      bench.applyToReady(5);
    }
    for (int n : sizes) {
      if (n > 0) {
        bench.manyAtOnce(n); // 0: skip P3
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, bench.report);
    System.out.println("written to " + out.toAbsolutePath());
    System.exit(0);
  }

  /**
   * When every AWS call goes through the AWS behaviour layer (the test ground's default), sets its AWS-like
   * timings for the whole run and returns the delays they put on the critical path; 0 without the layer.
   */
  double awsLikeLayer() {
    String layer = System.getenv("FINPIPE_AWS_BEHAVIOUR_URL");
    if (layer == null || !layer.equals(System.getenv("AWS_ENDPOINT_URL"))) {
      line("AWS behaviour layer: off (AWS_ENDPOINT_URL is moto itself)");
      return 0;
    }
    AwsBehaviour.useAwsLikeTimings();
    Map<String, Double> timings = AwsBehaviour.configure(Map.of());
    double injected = InjectedDelays.onCriticalPathSeconds(timings);
    line("AWS behaviour layer: on, AWS-like timings %s; injected delays on the critical path %.1f s",
        new TreeMap<>(timings), injected);
    return injected;
  }

  void line(String format, Object... args) {
    String text = args.length == 0 ? format : String.format(format, args);
    System.out.println(text);
    report.append(text).append('\n');
  }

  /** P2 and the critical path: converge one pipeline directly, then once more in steady state. */
  void steadyStateAndCriticalPath(double latencyMillis) {
    AwsCallRecorder calls = new AwsCallRecorder(new SimpleMeterRegistry());
    AwsClients aws = Moto.clients(calls);
    try (PipelineConverger converger = new PipelineConverger(8)) {
      FinancialPipeline fp = new FinancialPipeline();
      fp.setMetadata(new ObjectMetaBuilder().withNamespace("bench-" + UUID.randomUUID().toString().substring(0, 6))
          .withName("ledger").withUid(UUID.randomUUID().toString()).withGeneration(1L).build());
      fp.setSpec(new FinancialPipelineSpec());
      fp.getSpec().region = Moto.region();
      fp.getSpec().deletionPolicy = DeletionPolicy.Delete;
      PipelineContext ctx = PipelineContext.of(fp, aws, Moto.ACCOUNT_ID);
      int passes = convergeUntilReady(converger, ctx);
      Map<String, Long> create = calls.snapshot();
      int chain = CriticalPath.longestChain(create);
      line("");
      line("## P1 bound: create pass%s %d AWS calls; longest chain of dependent calls %d (per stage: %s)",
          passes == 1 ? "" : "es (" + passes + ", refused calls retried)", create.values().stream().mapToLong(Long::longValue).sum(), chain, CriticalPath.perStage(create));
      line("critical-path bound = %d x %.2f ms = %.0f ms (every call at the median latency)", chain, latencyMillis,
          chain * latencyMillis);
      double weighted = (chain - 1) * latencyMillis + createFunctionMillis;
      line("critical-path bound with the measured CreateFunction on the chain = %d x %.2f + %.0f ms = %.0f ms",
          chain - 1, latencyMillis, createFunctionMillis, weighted);
      calls.reset();
      converger.converge(ctx);
      Map<String, Long> steady = calls.snapshot();
      line("");
      line("## P2 steady-state resync of a converged pipeline: %d calls, %d mutating "
          + "(target <= 35 calls, 0 mutating)",
          steady.values().stream().mapToLong(Long::longValue).sum(), calls.mutating().size());
      line("| service:operation | calls |");
      line("|---|---|");
      steady.forEach((op, n) -> line("| %s | %d |", op, n));
      converger.delete(ctx);
      if (injectedSeconds > 0) {
        line("critical-path bound with the layer's injected delays = %.0f + %.0f ms = %.0f ms", weighted,
            injectedSeconds * 1000, weighted + injectedSeconds * 1000);
      }
      report.append("<!-- bound-ms ").append(chain * latencyMillis).append(" -->\n");
      boundMillis = chain * latencyMillis;
      weightedBoundMillis = weighted;
    }
  }

  /** Converge passes until Ready, as the reconciler's requeues would (one pass without the behaviour layer). */
  private static int convergeUntilReady(PipelineConverger converger, PipelineContext ctx) {
    for (int passes = 1; ; passes++) {
      if (converger.converge(ctx).results().stream().allMatch(ComponentResult::ready) || passes >= 120) {
        return passes;
      }
      Requeue.pause();
    }
  }

  private double boundMillis;
  private double injectedSeconds;
  private double weightedBoundMillis;
  private double createFunctionMillis;

  /** P1: one full pipeline, apply → Ready, several times. */
  void applyToReady(int runs) throws Exception {
    String namespace = TestGround.newNamespace("bench-p1");
    List<Double> seconds = new ArrayList<>();
    try (InProcessOperator operator = startOperator(namespace)) {
      for (int i = 0; i < runs; i++) {
        String name = "p1-" + i;
        long start = System.nanoTime();
        Pipelines.create(namespace, name, s -> s.deletionPolicy = DeletionPolicy.Delete);
        List<String> timeline = StatusTimeline.untilReady(namespace, name, start, Duration.ofMinutes(3));
        seconds.add((System.nanoTime() - start) / 1e9);
        if (i == 0) {
          line("status timeline of the first run: %s", timeline);
        }
        Pipelines.resource(namespace, name).delete();
        Pipelines.awaitGone(namespace, name);
      }
    }
    List<Double> sorted = seconds.stream().sorted().toList();
    double median = sorted.get(sorted.size() / 2);
    line("");
    line("## P1 apply → Ready, one full pipeline (31 AWS resources), %d runs", runs);
    line("runs (s): %s", seconds.stream().map(s -> String.format("%.2f", s)).toList());
    line("median %.2f s; critical-path bound %.2f s (ratio %.1f); with CreateFunction's own latency %.2f s "
        + "(ratio %.1f)", median, boundMillis / 1000, median * 1000 / boundMillis, weightedBoundMillis / 1000,
        median * 1000 / weightedBoundMillis);
    if (injectedSeconds > 0) {
      double withDelays = weightedBoundMillis / 1000 + injectedSeconds;
      line("with the AWS behaviour layer's injected delays on the critical path: bound %.2f s (ratio %.1f; "
          + "target <= 2)",
          withDelays, median / withDelays);
    }
  }

  /** Above this many pipelines P3 does not wait for deletion: DeleteRestApi's quota is 1 per 30 s. */
  static final int MEASURED_DELETION_MAX_PIPELINES = 20;
  /** API Gateway's CreateDeployment quota: 1 request every 5 s per account, the bound of P3. */
  static final double CREATE_DEPLOYMENT_SECONDS = 5;

  /**
   * P3: {@code n} pipelines applied at once, reconciled by the operator's production jar in its own JVM with the
   * chart's memory settings ({@link #operatorJvmOptions}), deploying the embedded handlers jar.
   */
  void manyAtOnce(int n) throws Exception {
    String namespace = TestGround.newNamespace("bench-p3-" + n);
    List<String> names = IntStream.range(0, n).mapToObj(i -> "p3-" + i).toList();
    Path jar = Path.of(System.getProperty("finpipe.bench.operatorJar", "operator/target/financial-pipeline-operator.jar"));
    Path log = Path.of(System.getProperty("finpipe.bench.logDir", "target")).resolve("operator-p3-" + n + ".log");
    List<String> jvm = operatorJvmOptions();
    long motoBefore = motoRssKb();
    try (OperatorJvm operator = OperatorJvm.start(jar, jvm, namespace,
        System.getProperty("finpipe.bench.rateLimits", ""), log)) {
      long idleRss = operator.statusKb("VmRSS");
      RateSampler rates = new RateSampler(() -> operator.awsCalls(true));
      long start = System.nanoTime();
      names.forEach(name -> Pipelines.create(namespace, name, s -> s.deletionPolicy = DeletionPolicy.Delete));
      awaitReady(namespace, names, Duration.ofMinutes(Math.max(5, n / 4)), operator);
      double seconds = (System.nanoTime() - start) / 1e9;
      rates.stop();
      Map<String, Long> total = operator.awsCalls(false);
      Map<String, Long> sent = operator.awsCalls(true);
      double bound = n * CREATE_DEPLOYMENT_SECONDS;
      line("");
      line("## P3 %d pipelines applied at once (the embedded %.1f MB handlers jar, staged in S3)", n,
          new dev.finpipe.operator.reconciler.FunctionCode().resolve(null, Moto.clients(), Moto.ACCOUNT_ID)
              .source() instanceof dev.finpipe.operator.aws.function.CodeSource.Staged staged
              ? staged.content().length() / 1e6 : Double.NaN);
      line("operator: its own JVM (%s -jar %s), pid %d", String.join(" ", jvm), jar.getFileName(), operator.pid());
      line("all Ready after %.1f s; bound %d x CreateDeployment at 1 per %.0f s = %.0f s; ratio %.2f (target <= 1.1)",
          seconds, n, CREATE_DEPLOYMENT_SECONDS, bound, seconds / bound);
      line("operator RSS: peak (VmHWM) %d MiB, highest sampled VmRSS %d MiB, now %d MiB, idle before %d MiB "
          + "(target <= 256 MiB)", operator.statusKb("VmHWM") >> 10, operator.peakRssKb() >> 10,
          operator.statusKb("VmRSS") >> 10, idleRss >> 10);
      line("emulator (moto_server) RSS: %d MiB before, %d MiB after", motoBefore >> 10, motoRssKb() >> 10);
      line("%d AWS calls (%d mutating); S3 PutObject %d (code staged once per account, region and content)",
          total.values().stream().mapToLong(Long::longValue).sum(),
          total.entrySet().stream().filter(e -> RateSampler.isMutating(e.getKey())).mapToLong(Map.Entry::getValue).sum(),
          total.getOrDefault("S3:PutObject", 0L));
      line("requests as sent (after the rate limiter, retries included):");
      line("| service | calls | requests | peak requests/s over 5 s | peak in 1 s (all / mutating) | limit/s |");
      line("|---|---|---|---|---|---|");
      Map<String, Long> byService = new TreeMap<>();
      Map<String, Long> sentByService = new TreeMap<>();
      total.forEach((op, c) -> byService.merge(op.substring(0, op.indexOf(':')), c, Long::sum));
      sent.forEach((op, c) -> sentByService.merge(op.substring(0, op.indexOf(':')), c, Long::sum));
      byService.forEach((service, c) -> line("| %s | %d | %d | %.1f | %d / %d | %s |", service, c,
          sentByService.getOrDefault(service, 0L), rates.peak5s(service), rates.peak(service, false),
          rates.peak(service, true), AwsRateLimits.DEFAULTS.getOrDefault(service, Double.NaN)));
      line("peak requests/s per operation (1 s): %s", rates.topOperations(8));
      if (n <= MEASURED_DELETION_MAX_PIPELINES && !"0".equals(System.getProperty("finpipe.bench.p3Deletion"))) {
        long deleting = System.nanoTime();
        names.forEach(name -> Pipelines.resource(namespace, name).delete());
        // DeleteRestApi: 1 per 30 s
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120 + 45L * n)).pollInterval(Duration.ofSeconds(1))
            .until(() -> names.stream().allMatch(name -> Pipelines.get(namespace, name) == null));
        line("all deleted %.1f s after the delete requests; operator RSS peak (VmHWM) then %d MiB",
            (System.nanoTime() - deleting) / 1e9, operator.statusKb("VmHWM") >> 10);
        return;
      }
    }
    // Deleting n REST APIs at the DeleteRestApi quota (1 per 30 s) would take n/2 minutes: release the
    // resources and empty the emulator instead.
    names.forEach(name -> Pipelines.resource(namespace, name).edit(fp -> {
      fp.getMetadata().setFinalizers(List.of());
      return fp;
    }));
    names.forEach(name -> Pipelines.resource(namespace, name).delete());
    Moto.reset();
    line("deletion not measured (DeleteRestApi: 1 per 30 s, so at least %d min); emulator emptied", n / 2);
  }

  /**
   * The JVM options the chart gives the operator (helm/financial-pipeline-operator/values.yaml): its
   * {@code javaToolOptions}, with {@code -XX:MaxRAMPercentage} turned into the -Xmx it gives under the container's
   * {@code resources.limits.memory} (the benchmark runs no container). BENCH_OPERATOR_JVM_OPTIONS (system property
   * finpipe.bench.operatorJvmOptions) replaces them.
   */
  static List<String> operatorJvmOptions() throws java.io.IOException {
    String options = System.getProperty("finpipe.bench.operatorJvmOptions", "");
    if (!options.isBlank()) {
      return List.of(options.trim().split("\\s+"));
    }
    String values = Files.readString(Path.of(System.getProperty("finpipe.repoRoot", "."),
        "helm/financial-pipeline-operator/values.yaml"));
    java.util.regex.Matcher javaOptions = java.util.regex.Pattern.compile("(?m)^javaToolOptions: \"([^\"]*)\"")
        .matcher(values);
    java.util.regex.Matcher limit = java.util.regex.Pattern.compile("(?m)^  limits:\\n    memory: (\\d+)Mi")
        .matcher(values);
    if (!javaOptions.find() || !limit.find()) {
      throw new IllegalStateException("values.yaml has no javaToolOptions or resources.limits.memory in Mi");
    }
    int limitMib = Integer.parseInt(limit.group(1));
    return java.util.Arrays.stream(javaOptions.group(1).trim().split("\\s+")).map(o -> o.startsWith("-XX:MaxRAMPercentage=")
        ? "-Xmx" + (int) (limitMib * Double.parseDouble(o.substring(o.indexOf('=') + 1)) / 100) + "m" : o).toList();
  }

  /** The emulator's resident memory (moto keeps every function's code in memory); 0 when unknown. */
  private static long motoRssKb() {
    try {
      String dir = System.getenv("FINPIPE_TESTENV_DIR");
      String pid = Files.readString(Path.of(dir, "moto.pid")).trim();
      return Files.readAllLines(Path.of("/proc", pid, "status")).stream().filter(l -> l.startsWith("VmRSS:"))
          .map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong).findFirst().orElse(0);
    } catch (Exception e) {
      return 0;
    }
  }

  /**
   * An in-process operator with the production rate limits (not the test ground's, which lift API Gateway's
   * for speed), or with {@code -Dfinpipe.bench.rateLimits=...} (e.g. high values to measure without them).
   */
  private static InProcessOperator startOperator(String namespace) {
    return InProcessOperator.start(namespace, "PT60S",
        "--aws-rate-limits=" + System.getProperty("finpipe.bench.rateLimits", ""));
  }

  private static void awaitReady(String namespace, List<String> names, Duration within, OperatorJvm operator) {
    org.awaitility.Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
      operator.assertRunning();
      return TestGround.kubernetes().resources(FinancialPipeline.class).inNamespace(namespace).list().getItems()
          .stream().filter(fp -> names.contains(fp.getMetadata().getName()))
          .filter(fp -> Pipelines.condition(fp, "Ready").map(c -> c.isTrue()).orElse(false)).count() == names.size();
    });
  }
}
