package dev.finpipe.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** /metrics on its own port and bind address; the probes stay on the probe port. */
class MetricsPortTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void metricsAreServedOnlyOnTheMetricsPortAndProbesOnlyOnTheProbePort() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("finpipe_port_probe").increment();
    try (HealthServer health = new HealthServer(0, () -> null);
         MetricsServer metrics = new MetricsServer("127.0.0.1", 0, registry)) {
      int metricsPort = metrics.address().getPort();
      assertThat(metricsPort).isNotEqualTo(health.port());

      HttpResponse<String> scraped = get("127.0.0.1", metricsPort, "/metrics");
      assertThat(scraped.statusCode()).isEqualTo(200);
      assertThat(scraped.body()).contains("finpipe_port_probe_total 1.0");
      assertThat(get("127.0.0.1", health.port(), "/metrics").statusCode()).isEqualTo(404);

      assertThat(get("127.0.0.1", health.port(), "/healthz").body()).isEqualTo("starting");
      assertThat(get("127.0.0.1", metricsPort, "/healthz").statusCode()).isEqualTo(404);
      assertThat(get("127.0.0.1", metricsPort, "/readyz").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aLoopbackBindAddressIsNotReachableFromTheOtherInterfaces() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (MetricsServer metrics = new MetricsServer("127.0.0.1", 0, registry)) {
      assertThat(metrics.address().getAddress().isLoopbackAddress()).isTrue();
      Optional<InetAddress> other = nonLoopbackAddress();
      if (other.isPresent()) { // a machine with no other interface has nothing else to reach it from
        assertThatThrownBy(() -> get(other.get().getHostAddress(), metrics.address().getPort(), "/metrics"))
            .isInstanceOf(ConnectException.class);
      }
    }
  }

  @Test
  void byDefaultMetricsListenOnEveryInterfaceOnTheirOwnPort() throws Exception {
    OperatorOptions options = new OperatorOptions();
    new CommandLine(options).parseArgs();
    assertThat(options.metricsPort).isEqualTo(8081).isNotEqualTo(options.httpPort);
    assertThat(options.metricsBindAddress).isEqualTo("0.0.0.0");
    try (MetricsServer metrics = new MetricsServer(options.metricsBindAddress, 0,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
      assertThat(metrics.address().getAddress().isAnyLocalAddress()).isTrue();
    }
  }

  @Test
  void theSamePortForProbesAndMetricsIsRefused() {
    OperatorOptions options = new OperatorOptions();
    new CommandLine(options).parseArgs("--http-port=9000", "--metrics-port=9000");
    assertThatThrownBy(options::checkPorts).hasMessageContaining("--metrics-port and --http-port must differ");
  }

  private static HttpResponse<String> get(String host, int port, String path)
      throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .findFirst();
  }
}
