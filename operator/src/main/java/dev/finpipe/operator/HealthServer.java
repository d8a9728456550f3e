package dev.finpipe.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * /healthz (the operator started), /readyz (started and its informers are healthy) and /metrics (Prometheus)
 * on one small HTTP port.
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  public HealthServer(int port, Supplier<RuntimeInfo> runtime, PrometheusMeterRegistry registry) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    // Liveness only asks whether the operator started: a standby replica waiting for the leader lease is alive.
    server.createContext("/healthz", ex -> {
      RuntimeInfo info = runtime.get();
      boolean started = info != null && info.isStarted();
      respond(ex, started ? 200 : 503, "text/plain", started ? "ok" : "starting");
    });
    server.createContext("/readyz", ex -> health(ex, runtime.get()));
    server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4", registry.scrape()));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void health(HttpExchange exchange, RuntimeInfo info) throws IOException {
    boolean healthy = info != null && info.isStarted() && info.allEventSourcesAreHealthy();
    respond(exchange, healthy ? 200 : 503, "text/plain",
        healthy ? "ok" : "not ready: " + (info == null ? "starting" : info.unhealthyEventSources()));
  }

  private static void respond(HttpExchange exchange, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
