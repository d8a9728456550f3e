package dev.finpipe.handlers.support;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The environment contract the operator sets on every handler function. Read once per container.
 */
public record HandlerConfig(
    String bucket,
    String incomingPrefix,
    String processedPrefix,
    String resultsPrefix,
    String statusPrefix,
    long maxUploadBytes,
    long maxPresignedUploadBytes,
    Duration presignTtl,
    Optional<String> bucketOwnerAccountId,
    Optional<URI> endpoint,
    Optional<String> region,
    boolean forcePathStyle) {

  /**
   * The largest CSV (decoded bytes) accepted in a {@code POST /upload} body; larger files take
   * {@code POST /upload?mode=presign}. The whole API Gateway proxy event must fit Lambda's synchronous invocation
   * payload of 6 MB ("Lambda quotas", https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html;
   * "Invoke", https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html), taken here as 6,000,000 bytes. The
   * body travels inside that JSON event, base64-encoded for binary media types (4/3 of its bytes), next to the
   * headers (up to 10,240 bytes with the request line, "Quotas for configuring and running a REST API in API
   * Gateway", https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html,
   * listed twice: headers and multiValueHeaders) and the request context. 4,400,000 bytes encode to 5,866,668
   * characters, which leaves 133,332 bytes for the rest of the event. A text body is sent JSON-escaped instead
   * (a quote, backslash or line break takes two bytes): the same margin covers a CSV where such characters are up
   * to a third of the bytes. A larger event never reaches the handler: Lambda refuses the invocation.
   */
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 4_400_000L;
  /** Lambda's synchronous invocation payload quota, 6 MB, counted in decimal bytes to stay on the safe side. */
  public static final long LAMBDA_SYNC_PAYLOAD_BYTES = 6_000_000L;
  public static final long DEFAULT_PRESIGN_TTL_SECONDS = 900L;
  /**
   * The largest file a pre-signed upload URL accepts, 100 MiB: the size the processor is benchmarked with at a 128 MB
   * heap (docs/PERFORMANCE.md, P4). Its memory grows with the distinct transaction ids of a file, so this bounds it.
   */
  public static final long DEFAULT_MAX_PRESIGNED_UPLOAD_BYTES = 100L * 1024 * 1024;
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  public static HandlerConfig fromEnvironment() {
    return from(System.getenv());
  }

  /** Builds the config from an environment map; fails fast on a missing bucket or a bad number. */
  public static HandlerConfig from(Map<String, String> env) {
    String bucket = trimmed(env.get("BUCKET_NAME"));
    if (bucket == null) {
      throw new IllegalStateException("BUCKET_NAME is not set");
    }
    return new HandlerConfig(
        bucket,
        prefix(env, "INCOMING_PREFIX", "incoming/"),
        prefix(env, "PROCESSED_PREFIX", "processed/"),
        prefix(env, "RESULTS_PREFIX", "results/"),
        prefix(env, "STATUS_PREFIX", "status/"),
        positiveLong(env, "MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES),
        positiveLong(env, "MAX_PRESIGNED_UPLOAD_BYTES", DEFAULT_MAX_PRESIGNED_UPLOAD_BYTES),
        Duration.ofSeconds(positiveLong(env, "PRESIGN_TTL_SECONDS", DEFAULT_PRESIGN_TTL_SECONDS)),
        accountId(env, "BUCKET_OWNER_ACCOUNT_ID"),
        Optional.ofNullable(trimmed(env.get("AWS_ENDPOINT_URL"))).map(URI::create),
        Optional.ofNullable(trimmed(env.get("AWS_REGION"))),
        Boolean.parseBoolean(trimmed(env.get("S3_FORCE_PATH_STYLE"))));
  }

  public String incomingKey(String jobId) {
    return incomingPrefix + jobId + ".csv";
  }

  public String processedKey(String jobId) {
    return processedPrefix + jobId + ".csv";
  }

  public String resultsKey(String jobId) {
    return resultsPrefix + jobId + ".json";
  }

  public String statusKey(String jobId) {
    return statusPrefix + jobId + ".json";
  }

  /** The job id of an incoming object key, or empty when the key is not {@code <incoming>/<uuid>.csv}. */
  public Optional<String> jobIdOfIncomingKey(String key) {
    if (!key.startsWith(incomingPrefix) || !key.endsWith(".csv")) {
      return Optional.empty();
    }
    String name = key.substring(incomingPrefix.length(), key.length() - ".csv".length());
    return JobIds.normalize(name);
  }

  private static String prefix(Map<String, String> env, String name, String fallback) {
    String value = trimmed(env.get(name));
    if (value == null) {
      return fallback;
    }
    // "incoming" and "incoming/" mean the same folder; keys are always built as prefix + name.
    return value.endsWith("/") ? value : value + "/";
  }

  private static long positiveLong(Map<String, String> env, String name, long fallback) {
    String value = trimmed(env.get(name));
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalStateException(name + " must be a positive integer, got '" + value + "'");
  }

  private static Optional<String> accountId(Map<String, String> env, String name) {
    String value = trimmed(env.get(name));
    if (value != null && !ACCOUNT_ID.matcher(value).matches()) {
      throw new IllegalStateException(name + " must be a 12-digit AWS account id, got '" + value + "'");
    }
    return Optional.ofNullable(value);
  }

  private static String trimmed(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
