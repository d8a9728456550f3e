package dev.finpipe.handlers.support;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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
    Duration presignTtl,
    Optional<URI> endpoint,
    Optional<String> region,
    boolean forcePathStyle) {

  public static final long DEFAULT_MAX_UPLOAD_BYTES = 6_000_000L;
  public static final long DEFAULT_PRESIGN_TTL_SECONDS = 900L;

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
        Duration.ofSeconds(positiveLong(env, "PRESIGN_TTL_SECONDS", DEFAULT_PRESIGN_TTL_SECONDS)),
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

  private static String trimmed(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
