package dev.finpipe.operator;

import static dev.finpipe.operator.PlainHttp.respond;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.RuntimeInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * /healthz (the operator started) and /readyz (started and its informers are healthy), for the kubelet's
 * probes; /metrics has a port of its own ({@link MetricsServer}).
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  public HealthServer(int port, Supplier<RuntimeInfo> runtime) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    // Liveness only asks whether the operator started: a standby replica waiting for the leader lease is alive.
    server.createContext("/healthz", ex -> {
      RuntimeInfo info = runtime.get();
      boolean started = info != null && info.isStarted();
      respond(ex, started ? 200 : 503, "text/plain", started ? "ok" : "starting");
    });
    server.createContext("/readyz", ex -> health(ex, runtime.get()));
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

  @Override
  public void close() {
    server.stop(0);
  }
}
