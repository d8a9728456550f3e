package dev.finpipe.operator.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pass-through in front of the emulator that keeps, for every request, its method, path and query and one
 * header: to check what the operator sends where the emulator does not check it (e.g. S3's bucket owner
 * condition). The emulator answers every request.
 */
public final class RecordingProxy implements AutoCloseable {
  /** Headers java.net.http sets itself. */
  private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI target;
  private final String header;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  /** One request: {@code headerValue} is null when the request did not carry the header. */
  public record Seen(String method, String pathAndQuery, String headerValue) {
  }

  public RecordingProxy(URI target, String header) {
    this.target = target;
    this.header = header;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::forward);
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI requested = exchange.getRequestURI();
      seen.add(new Seen(exchange.getRequestMethod(), requested.getRawPath()
          + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery()),
          exchange.getRequestHeaders().getFirst(header)));
      byte[] body = exchange.getRequestBody().readAllBytes();
      HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(requested.getRawPath()
          + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery())))
          .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!RESTRICTED.contains(name.toLowerCase())) {
          values.forEach(v -> request.header(name, v));
        }
      });
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response.headers().map().forEach((name, values) -> {
        if (!RESTRICTED.contains(name.toLowerCase()) && !name.startsWith(":")) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || response.body().length == 0;
      exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : response.body().length);
      if (!noBody) {
        exchange.getResponseBody().write(response.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
