package dev.finpipe.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator jar as a local process with its own KUBECONFIG (a ServiceAccount's), its log in a file, and
 * its metrics port read from the "operator started" line.
 */
public final class OperatorProcess implements RunningOperator {
  private static final Pattern STARTED = Pattern.compile("operator started: .* metrics port (\\d+)");
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private final Process process;
  private final Path logFile;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private OperatorProcess(Process process, Path logFile) {
    this.process = process;
    this.logFile = logFile;
    this.port = awaitStarted();
  }

  /**
   * Starts {@code java -jar <jar>} with leader election in {@code leaseNamespace}, watching only
   * {@code watchNamespace} (the cluster may be shared with other pipelines), and the AWS env passed through.
   */
  public static OperatorProcess start(Path kubeconfig, String leaseNamespace, String watchNamespace, Path logFile) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-jar",
        E2eEnvironment.operatorJar().toString(),
        "--leader-election", "--leader-election-namespace=" + leaseNamespace,
        "--namespaces=" + watchNamespace,
        "--aws-endpoint=" + E2eEnvironment.operatorAwsEndpoint(),
        "--resync-period=PT5S", "--http-port=0", "--metrics-port=0",
        // The emulator has none of API Gateway's per-operation quotas (one REST API deleted per 30 s...).
        "--aws-rate-limits=ApiGateway:CreateRestApi=5,ApiGateway:CreateDeployment=5,ApiGateway:DeleteRestApi=5,"
            + "ApiGateway:GetResources=5"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(logFile.toFile());
    Map<String, String> env = builder.environment();
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("FINPIPE_LOG_FORMAT", "text");
    env.put("AWS_REGION", E2eEnvironment.awsRegion());
    // Under its own IAM user, whose permissions are exactly docs/operator-iam-policy.json (enforced by the layer).
    AwsIdentities.operator().applyTo(env);
    env.remove("FINPIPE_NAMESPACES");
    try {
      return new OperatorProcess(builder.start(), logFile);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command, e);
    }
  }

  public int port() {
    return port;
  }

  @Override
  public String log() {
    try {
      return Files.readString(logFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<log unreadable: " + e.getMessage() + ">";
    }
  }

  @Override
  public String metrics() {
    assertRunning();
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("GET /metrics answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new AssertionError("GET /metrics failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void assertRunning() {
    if (!process.isAlive()) {
      throw new AssertionError("the operator exited with " + process.exitValue() + "; log " + logFile
          + " ends with:\n" + logTail(40));
    }
  }

  /** SIGTERM first (the shutdown hook releases the Lease); killed when it does not stop in time. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private int awaitStarted() {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      Matcher m = STARTED.matcher(log());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      assertRunning();
      sleep(Duration.ofMillis(250));
    }
    close();
    throw new AssertionError("the operator did not log 'operator started' within " + STARTUP + "; log ends with:\n"
        + logTail(40));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
