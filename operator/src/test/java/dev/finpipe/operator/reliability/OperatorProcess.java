package dev.finpipe.operator.reliability;

import dev.finpipe.operator.OperatorMain;
import dev.finpipe.operator.testing.InProcessOperator;
import dev.finpipe.operator.testing.Moto;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as its own JVM ({@link OperatorMain} on the test JVM's class path), so that it can be killed
 * with SIGKILL like a crashed pod. Its output goes to a log file; the metrics port is read from it.
 */
final class OperatorProcess implements AutoCloseable {
  private static final Pattern PORT = Pattern.compile("metrics port (\\d+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final Process process;
  private final Path log;

  private OperatorProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts an operator watching {@code namespace}; {@code identity} becomes HOSTNAME, as a pod's name. */
  static OperatorProcess start(String namespace, String identity, String... extraArgs) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // The heap the Helm chart gives (75 % of its 768 MiB limit), and exit on OOM as it does.
        "-Xmx576m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), OperatorMain.class.getName(),
        "--namespaces=" + namespace, "--aws-endpoint=" + Moto.endpoint(), "--resync-period=PT3S", "--http-port=0",
        "--metrics-port=0",
        "--aws-rate-limits=" + InProcessOperator.EMULATOR_RATE_LIMITS));
    command.addAll(List.of(extraArgs));
    Path log = Files.createTempFile("operator-" + identity + "-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("HOSTNAME", identity);
    return new OperatorProcess(builder.start(), log);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  /** The metrics port, once the operator logged that it started. */
  int port(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = PORT.matcher(log());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("operator exited: " + log());
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("operator did not start within " + within + ": " + log());
  }

  /** Sum of the finpipe_aws_calls counters on /metrics: how many AWS calls this process made. */
  double awsCalls(int port) throws IOException, InterruptedException {
    String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return metrics.lines().filter(l -> l.startsWith("finpipe_aws_calls"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  /** kill -9: no shutdown hook runs, nothing is flushed, in-flight AWS calls are cut. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
