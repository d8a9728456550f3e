package dev.finpipe.operator.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An endpoint a pipeline's user controls, on a free loopback port: it counts every request it receives and
 * answers any HEAD/GET with one object (its bytes and the ETag it claims), the GET after {@code getDelay}. A
 * fake by necessity: it plays an attacker's server, which no real AWS part can be.
 */
public final class HostileEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> expectedBucketOwners = new CopyOnWriteArrayList<>();
  private volatile byte[] body = new byte[0];
  private volatile String eTag = "\"0\"";
  private volatile Duration getDelay = Duration.ZERO;

  public HostileEndpoint() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::answer);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "hostile-endpoint");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  /** Serves {@code bytes} claiming {@code claimedETag} for every object. */
  public HostileEndpoint serving(byte[] bytes, String claimedETag) {
    this.body = bytes.clone();
    this.eTag = claimedETag;
    return this;
  }

  /** Answers GET only after {@code delay} (a tarpit). */
  public HostileEndpoint delayingGets(Duration delay) {
    this.getDelay = delay;
    return this;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public int requests() {
    return requests.get();
  }

  /** The {@code x-amz-expected-bucket-owner} header of every request received ("null" when absent). */
  public List<String> expectedBucketOwners() {
    return List.copyOf(expectedBucketOwners);
  }

  private void answer(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    expectedBucketOwners.add(String.valueOf(exchange.getRequestHeaders().getFirst("x-amz-expected-bucket-owner")));
    try (exchange) {
      exchange.getResponseHeaders().add("ETag", eTag);
      exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      if (!getDelay.isZero()) {
        Thread.sleep(getDelay.toMillis());
      }
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
