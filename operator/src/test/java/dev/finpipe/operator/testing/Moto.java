package dev.finpipe.operator.testing;

import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.client.AwsTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * The AWS emulator (moto_server) of the local test ground, as started by {@code e2e/testenv/up}. Tests read
 * its address from {@code AWS_ENDPOINT_URL}; without it they fail with instructions instead of skipping.
 */
public final class Moto {
  public static final String ACCOUNT_ID = "123456789012";
  private static final SdkHttpClient HTTP = ApacheHttpClient.builder().build();

  private Moto() {
  }

  public static URI endpoint() {
    String url = System.getenv("AWS_ENDPOINT_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("AWS_ENDPOINT_URL is not set: start the test ground with "
          + "'e2e/testenv/up' and 'source target/testenv/env.sh' (or run the README's test command)");
    }
    return URI.create(url);
  }

  public static String region() {
    return Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1");
  }

  public static AwsTarget target() {
    return target(endpoint());
  }

  /** The emulator's account and region at {@code endpoint} (moto itself, or a proxy in front of it). */
  public static AwsTarget target(URI endpoint) {
    return new AwsTarget(region(), Optional.of(endpoint), "static:testing",
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
  }

  /** Clients against the emulator that count their calls in {@code recorder}. */
  public static AwsClients clients(AwsCallRecorder recorder) {
    return new AwsClients(target(), HTTP, recorder);
  }

  public static AwsClients clients() {
    return clients(new AwsCallRecorder(new SimpleMeterRegistry()));
  }

  /**
   * Writes an object into a bucket that carries the pipeline's TLS-only policy. moto evaluates a bucket
   * policy's Deny statements without their Condition, so it refuses every write while the policy is in
   * place (real S3 only refuses plain HTTP). Lifts the policy for the write and puts it back.
   */
  public static void putObjectPastTlsOnlyPolicy(AwsClients aws, String bucket, String key, String body) {
    var s3 = aws.s3();
    String policy = s3.getBucketPolicy(b -> b.bucket(bucket)).policy();
    for (int attempt = 1; ; attempt++) {
      s3.deleteBucketPolicy(b -> b.bucket(bucket));
      try {
        s3.putObject(b -> b.bucket(bucket).key(key),
            software.amazon.awssdk.core.sync.RequestBody.fromString(body));
        break;
      } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
        if (e.statusCode() != 403 || attempt == 5) {
          throw e; // 403: the operator restored the policy between our two calls; try again
        }
      } finally {
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy));
      }
    }
  }

  /** Wipes every resource in the emulator. Only for test classes that own the whole emulator. */
  public static void reset() {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset")).POST(HttpRequest.BodyPublishers.noBody())
              .build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("moto reset answered " + response.statusCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("moto reset failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
