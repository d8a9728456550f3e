package dev.finpipe.operator.bench;

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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's production jar as its own JVM, as the chart runs it (its heap bound, ExitOnOutOfMemoryError),
 * watching one namespace of the test ground: the benchmark measures that process's memory (Linux
 * {@code /proc/<pid>/status}: VmRSS now, VmHWM its peak) and reads its AWS calls from its {@code /metrics}.
 */
final class OperatorJvm implements AutoCloseable {
  private static final Pattern STARTED = Pattern.compile("operator started: .* metrics port (\\d+)");
  private static final Pattern REQUESTS = Pattern.compile(
      "^finpipe_aws_(calls|requests)_total\\{([^}]*)} ([0-9.eE+]+)$", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private final Process process;
  private final Path log;
  private final int metricsPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile long peakRssKb;
  private final Thread rssSampler;

  private OperatorJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.metricsPort = awaitStarted();
    this.rssSampler = new Thread(this::sampleRss, "operator-rss");
    rssSampler.setDaemon(true);
    rssSampler.start();
  }

  /**
   * {@code java <jvmOptions> -jar <jar>} watching {@code namespace}; the AWS endpoint, credentials and KUBECONFIG
   * of the test ground come from the environment.
   */
  static OperatorJvm start(Path jar, List<String> jvmOptions, String namespace, String rateLimits, Path log) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "--namespaces=" + namespace, "--resync-period=PT60S",
        "--aws-endpoint=" + System.getenv("AWS_ENDPOINT_URL"), "--http-port=0", "--metrics-port=0",
        "--metrics-bind-address=127.0.0.1", "--aws-rate-limits=" + rateLimits));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("FINPIPE_LOG_FORMAT", "text");
    // As the chart's Deployment sets it: glibc's malloc arenas per thread otherwise add tens of MiB of RSS.
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    builder.environment().remove("FINPIPE_NAMESPACES");
    try {
      return new OperatorJvm(builder.start(), log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command, e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** A line of {@code /proc/<pid>/status} in KiB, e.g. VmRSS, VmHWM; -1 when unreadable. */
  long statusKb(String field) {
    try {
      return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
          .filter(l -> l.startsWith(field + ":")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
          .findFirst().orElse(-1);
    } catch (IOException e) {
      return -1;
    }
  }

  /** The highest VmRSS seen by the once-a-second sampler (VmHWM is the kernel's own peak). */
  long peakRssKb() {
    return peakRssKb;
  }

  /** {@code finpipe_aws_calls_total} ({@code requests == false}) or {@code _requests_total} by Service:Operation. */
  Map<String, Long> awsCalls(boolean requests) {
    Map<String, Long> byOperation = new TreeMap<>();
    Matcher m = REQUESTS.matcher(metrics());
    while (m.find()) {
      if (m.group(1).equals(requests ? "requests" : "calls")) {
        Map<String, String> labels = new TreeMap<>();
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
        byOperation.merge(labels.get("service") + ":" + labels.get("operation"),
            (long) Double.parseDouble(m.group(3)), Long::sum);
      }
    }
    return byOperation;
  }

  private String metrics() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new IllegalStateException("GET /metrics of the operator failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void sampleRss() {
    while (process.isAlive()) {
      peakRssKb = Math.max(peakRssKb, statusKb("VmRSS"));
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void assertRunning() {
    if (!process.isAlive()) {
      throw new IllegalStateException("the operator exited with " + process.exitValue() + "; log: " + log);
    }
  }

  private int awaitStarted() {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      try {
        Matcher m = STARTED.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
        assertRunning();
        Thread.sleep(250);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new IllegalStateException("the operator did not start within 90 s; log: " + log);
  }

  @Override
  public void close() {
    rssSampler.interrupt();
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
