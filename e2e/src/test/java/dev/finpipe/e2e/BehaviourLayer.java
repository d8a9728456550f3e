package dev.finpipe.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The AWS behaviour layer's control endpoint (e2e/testenv/lib/aws-behaviour.py). */
public final class BehaviourLayer {
  private BehaviourLayer() {
  }

  /** A counter of {@code GET /_behaviour/stats}, e.g. "iam-enforcement" (denials); 0 when absent. */
  public static long stat(String key) {
    try {
      HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(E2eEnvironment.behaviourEndpoint() + "/_behaviour/stats")).build(),
          HttpResponse.BodyHandlers.ofString());
      return new ObjectMapper().readTree(stats.body()).path(key).asLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
