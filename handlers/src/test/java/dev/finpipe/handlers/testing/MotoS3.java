package dev.finpipe.handlers.testing;

import dev.finpipe.handlers.support.HandlerConfig;
import dev.finpipe.handlers.support.S3Clients;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The private moto_server the tests run against. Its address comes from AWS_ENDPOINT_URL; without it the
 * tests fail (never skip) and say how to start one.
 */
public final class MotoS3 {
  private static S3Client client;

  private MotoS3() {}

  public static String endpoint() {
    String endpoint = System.getenv("AWS_ENDPOINT_URL");
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalStateException(
          "AWS_ENDPOINT_URL is not set. Start a private moto_server and source its env first:\n"
              + "  FINPIPE_TESTENV_DIR=/tmp/handlers-testenv e2e/testenv/up --aws-only\n"
              + "  source /tmp/handlers-testenv/env.sh");
    }
    return endpoint;
  }

  /** The handlers' config for a bucket on moto, as the operator would set it, plus overrides. */
  public static HandlerConfig config(String bucket, String... overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ENDPOINT_URL", endpoint());
    env.put("AWS_REGION", System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
    env.put("S3_FORCE_PATH_STYLE", "true");
    env.put("BUCKET_NAME", bucket);
    for (int i = 0; i + 1 < overrides.length; i += 2) {
      env.put(overrides[i], overrides[i + 1]);
    }
    return HandlerConfig.from(env);
  }

  /** One client for all tests: building one per test would cost more than the test itself. */
  public static synchronized S3Client client() {
    if (client == null) {
      client = S3Clients.client(config("unused"));
    }
    return client;
  }

  /** A new, empty bucket: tests never see each other's objects and need no reset. */
  public static String newBucket() {
    String bucket = "handlers-test-" + UUID.randomUUID();
    client().createBucket(b -> b.bucket(bucket));
    return bucket;
  }
}
