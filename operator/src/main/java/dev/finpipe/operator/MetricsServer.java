package dev.finpipe.operator;

import static dev.finpipe.operator.PlainHttp.respond;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * /metrics (Prometheus text format) on a port of its own, bound to one address when asked: the metrics can
 * then be kept from whoever may reach the probe port (a NetworkPolicy on this port, or a loopback bind for a
 * sidecar scraper) without touching the kubelet's probes.
 */
public final class MetricsServer implements AutoCloseable {
  private final HttpServer server;

  /** {@code bindAddress} blank: every interface. */
  public MetricsServer(String bindAddress, int port, PrometheusMeterRegistry registry) throws IOException {
    InetSocketAddress address = bindAddress == null || bindAddress.isBlank() ? new InetSocketAddress(port)
        : new InetSocketAddress(InetAddress.getByName(bindAddress.trim()), port);
    server = HttpServer.create(address, 0);
    server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4", registry.scrape()));
    server.start();
  }

  /** The address and port it listens on (the port picked when 0 was asked). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
