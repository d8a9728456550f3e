package dev.finpipe.operator.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * The AWS behaviour layer of the test ground ({@code e2e/testenv/lib/aws-behaviour.py}): a proxy in front of
 * moto that plays back documented AWS behaviours (IAM propagation, Lambda states, S3 destination validation,
 * API Gateway quotas). {@code e2e/testenv/up} starts it and exports its address as
 * {@code FINPIPE_AWS_BEHAVIOUR_URL}; with {@code FINPIPE_AWS_BEHAVIOUR=on} it is {@code AWS_ENDPOINT_URL} too.
 */
public final class AwsBehaviour {
  public static final String IAM_PROPAGATION = "iam-propagation";
  public static final String LAMBDA_PENDING = "lambda-pending";
  public static final String LAMBDA_IN_PROGRESS = "lambda-in-progress";
  public static final String LAMBDA_CONFLICT = "lambda-conflict";
  public static final String S3_DESTINATION = "s3-destination";
  public static final String APIGATEWAY_QUOTA = "apigateway-quota";
  public static final String REQUEST_VALIDATION = "request-validation";
  /**
   * AWS-like timings (seconds), the layer's own defaults. The test ground starts the layer with shorter ones so
   * that the suite stays fast; a test about a rule sets these for itself, and {@link #reset()} restores.
   */
  public static final Map<String, Double> AWS_LIKE_TIMINGS = Map.of("iam_seconds", 2.0,
      "lambda_pending_seconds", 1.0, "lambda_update_seconds", 1.0, "s3_destination_seconds", 1.0);
  private static final SdkHttpClient HTTP = ApacheHttpClient.builder().build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private AwsBehaviour() {
  }

  public static URI endpoint() {
    String url = System.getenv("FINPIPE_AWS_BEHAVIOUR_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("FINPIPE_AWS_BEHAVIOUR_URL is not set: start the test ground with "
          + "'e2e/testenv/up' (FINPIPE_AWS_BEHAVIOUR on or standby, not off) and 'source target/testenv/env.sh'");
    }
    return URI.create(url);
  }

  /** Clients whose every call goes through the behaviour layer. */
  public static AwsClients clients(AwsCallRecorder recorder) {
    return new AwsClients(Moto.target(endpoint()), HTTP, recorder);
  }

  public static AwsClients clients() {
    return clients(new AwsCallRecorder(new SimpleMeterRegistry()));
  }

  /** Clients that bypass the layer: moto itself ({@code FINPIPE_MOTO_URL}), lenient where AWS is not. */
  public static AwsClients motoItself() {
    String url = System.getenv("FINPIPE_MOTO_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("FINPIPE_MOTO_URL is not set: 'source target/testenv/env.sh'");
    }
    return new AwsClients(Moto.target(URI.create(url)), HTTP, new AwsCallRecorder(new SimpleMeterRegistry()));
  }

  /** Answers injected per rule since the layer started (cumulative: compare two readings). */
  public static Map<String, Long> stats() {
    return JSON.convertValue(call("GET", "/_behaviour/stats", null), new TypeReference<Map<String, Long>>() { });
  }

  /** Sets timings in force until the next reset (e.g. {@code apigateway_scale}, {@code iam_seconds}). */
  public static Map<String, Double> configure(Map<String, ? extends Number> timings) {
    return JSON.convertValue(call("POST", "/_behaviour/config", timings),
        new TypeReference<Map<String, Double>>() { });
  }

  /** Sets {@link #AWS_LIKE_TIMINGS} until the next reset. */
  public static void useAwsLikeTimings() {
    configure(AWS_LIKE_TIMINGS);
  }

  /** Empties moto and the layer's memory, and restores the timings of its environment. */
  public static void reset() {
    call("POST", "/moto-api/reset", null);
  }

  /** The answers {@code rule} injected since {@code before}. */
  public static long injectedSince(Map<String, Long> before, String rule) {
    return stats().getOrDefault(rule, 0L) - before.getOrDefault(rule, 0L);
  }

  private static Object call(String method, String path, Object body) {
    try {
      HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(endpoint().resolve(path)).method(method, publisher).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
            + response.body());
      }
      return response.body().isBlank() || !response.body().trim().startsWith("{") ? Map.of()
          : JSON.readValue(response.body(), new TypeReference<HashMap<String, Object>>() { });
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
