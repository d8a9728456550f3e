package dev.finpipe.operator.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy between the operator and the AWS emulator that fails a share of the calls the way AWS does
 * under load. It exists because the emulator cannot produce these faults: throttling in each protocol's
 * shape, 500/503, connections closed before an answer, answers lost after the emulator acted, and latency.
 * Loopback only, seeded, and it counts what it injected.
 */
public final class FaultProxy implements AutoCloseable {
  /** What happened to one request. RESPONSE_LOST forwards the call, then drops the answer. */
  public enum Fault { NONE, THROTTLED, HTTP_500, HTTP_503, RESET, RESPONSE_LOST }

  private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect",
      "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");
  private static final Pattern SERVICE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/");
  private static final Fault[] FAULTS = {Fault.THROTTLED, Fault.THROTTLED, Fault.HTTP_500, Fault.HTTP_503,
      Fault.RESET, Fault.RESPONSE_LOST};
  private final URI upstream;
  private final HttpServer server;
  private final ExecutorService workers = Executors.newFixedThreadPool(48, r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Random random;
  private final Map<Fault, AtomicLong> counts = new EnumMap<>(Fault.class);
  private volatile double faultShare;
  private volatile int maxLatencyMillis;

  public FaultProxy(URI upstream, double faultShare, int maxLatencyMillis, long seed) throws IOException {
    this.upstream = upstream;
    this.faultShare = faultShare;
    this.maxLatencyMillis = maxLatencyMillis;
    this.random = new Random(seed);
    for (Fault f : Fault.values()) {
      counts.put(f, new AtomicLong());
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(workers);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void setFaultShare(double share) {
    this.faultShare = share;
  }

  public void setMaxLatencyMillis(int millis) {
    this.maxLatencyMillis = millis;
  }

  /** Requests seen so far by fault kind (NONE = forwarded untouched). */
  public Map<Fault, Long> counts() {
    Map<Fault, Long> copy = new EnumMap<>(Fault.class);
    counts.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  public long injected() {
    return counts().entrySet().stream().filter(e -> e.getKey() != Fault.NONE).mapToLong(Map.Entry::getValue).sum();
  }

  private Fault draw(long[] latency) {
    synchronized (random) {
      latency[0] = maxLatencyMillis == 0 ? 0 : random.nextInt(maxLatencyMillis + 1);
      return random.nextDouble() < faultShare ? FAULTS[random.nextInt(FAULTS.length)] : Fault.NONE;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      long[] latency = new long[1];
      Fault fault = draw(latency);
      counts.get(fault).incrementAndGet();
      sleep(latency[0]);
      String service = service(exchange);
      switch (fault) {
        case RESET -> {
          return; // closing an exchange before any header closes the connection: the client sees no answer
        }
        case HTTP_500 -> respond(exchange, 500, "text/plain", "injected internal error", Map.of());
        case HTTP_503 -> respond(exchange, 503, "text/plain", "injected service unavailable", Map.of());
        case THROTTLED -> throttle(exchange, service);
        case RESPONSE_LOST -> forward(exchange, body); // the emulator acted; the answer is dropped below
        case NONE -> relay(exchange, forward(exchange, body));
        default -> throw new IllegalStateException(fault.name());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
    URI target = upstream.resolve(exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    // Headers go through unchanged, SigV4 Authorization included; Host becomes the emulator's (the JDK client
    // sets it), which is harmless because the emulator does not verify signatures.
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_HEADERS.contains(name.toLowerCase())) {
        values.forEach(v -> request.header(name, v));
      }
    });
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void relay(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
    response.headers().map().forEach((name, values) -> {
      if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    byte[] body = response.body();
    boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.statusCode() == 204
        || response.statusCode() == 304 || body.length == 0;
    exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** A throttling answer in the error shape of the service's protocol, so the SDK classifies it as AWS does. */
  private static void throttle(HttpExchange exchange, String service) throws IOException {
    switch (service) {
      case "iam", "sts", "monitoring" -> respond(exchange, 400, "text/xml", "<ErrorResponse><Error><Type>Sender"
          + "</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>injected</RequestId>"
          + "</ErrorResponse>", Map.of());
      case "s3" -> respond(exchange, 503, "application/xml", "<Error><Code>SlowDown</Code><Message>Please reduce "
          + "your request rate.</Message></Error>", Map.of());
      case "lambda", "apigateway" -> respond(exchange, 429, "application/json", "{\"message\":\"Rate exceeded\"}",
          Map.of("x-amzn-ErrorType", "TooManyRequestsException"));
      default -> respond(exchange, 400, "application/x-amz-json-1.1",
          "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", Map.of());
    }
  }

  private static String service(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher m = SERVICE.matcher(auth == null ? "" : auth);
    return m.find() ? m.group(1) : "unknown";
  }

  private static void respond(HttpExchange exchange, int code, String type, String body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    headers.forEach(exchange.getResponseHeaders()::set);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(code, -1); // S3 HeadBucket/HeadObject: status only
      return;
    }
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long millis) throws InterruptedException {
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
