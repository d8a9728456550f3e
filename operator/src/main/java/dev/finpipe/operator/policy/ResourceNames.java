package dev.finpipe.operator.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Deterministic AWS names of one pipeline, from its namespace, name and environment.
 *
 * <p>Names are {@code fp_<namespace>_<name>_<environment>_<part>}: Kubernetes names never contain
 * {@code _}, so the separator keeps distinct inputs distinct ({@code team-a/x} vs {@code team/a-x}). A
 * natural name that is too long or carries characters AWS refuses (e.g. the {@code .} Kubernetes allows)
 * is cleaned, truncated and suffixed with {@code -} and the first 8 hex chars of the SHA-256 of the full
 * natural name: still stable and still distinct. S3 refuses {@code _}, so the bucket name always carries
 * that hash of the pipeline identity, plus the account id and region because bucket names are global.
 */
public record ResourceNames(String namespace, String name, String environment) {
  public static final int FUNCTION_MAX = 64;
  public static final int ROLE_MAX = 64;
  public static final int QUEUE_MAX = 80;
  public static final int ALARM_MAX = 255;
  public static final int REST_API_MAX = 128;
  public static final int BUCKET_MAX = 63;
  private static final int HASH_LENGTH = 8;
  private static final Pattern LAMBDA_SAFE = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern NOT_LAMBDA_SAFE = Pattern.compile("[^A-Za-z0-9_-]");
  private static final Pattern BUCKET_CHARS = Pattern.compile("[a-z0-9][a-z0-9.-]*[a-z0-9]");
  private static final Pattern IP_LIKE = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  public ResourceNames {
    requireText(namespace, "namespace");
    requireText(name, "name");
    Objects.requireNonNull(environment, "environment");
  }

  /** The Lambda function name (≤64, {@code [A-Za-z0-9_-]}). */
  public String function(PipelineFunction function) {
    return fit(natural(function.shortName()), FUNCTION_MAX);
  }

  /** The IAM role of one function (≤64). */
  public String role(PipelineFunction function) {
    return fit(natural(function.shortName() + "_role"), ROLE_MAX);
  }

  /** The SQS dead-letter queue of one function (≤80). */
  public String deadLetterQueue(PipelineFunction function) {
    return fit(natural(function.shortName() + "_dlq"), QUEUE_MAX);
  }

  /** The log group Lambda writes to for one function. */
  public String logGroup(PipelineFunction function) {
    return "/aws/lambda/" + function(function);
  }

  /** The error-rate alarm of one function (≤255). */
  public String errorRateAlarm(PipelineFunction function) {
    return fit(natural(function.shortName() + "_error-rate"), ALARM_MAX);
  }

  /** The REST API's name (API Gateway ids it; the name is for people and for lookup). */
  public String restApi() {
    return fit(natural("api"), REST_API_MAX);
  }

  /**
   * The bucket name: {@code fp-<name>-<environment>} cut to fit, the hash of the pipeline identity, the
   * account id and the region. 3–63 chars, lowercase, never IP-like, no {@code xn--} prefix nor
   * {@code -s3alias}/{@code --ol-s3} suffix (it starts with {@code fp-} and ends with the region).
   */
  public String bucket(String accountId, String region) {
    if (!ACCOUNT.matcher(accountId).matches()) {
      throw new IllegalArgumentException("account id must be 12 digits: " + accountId);
    }
    if (!Arns.REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("not an AWS region: " + region);
    }
    String suffix = "-" + sha256Prefix(namespace + "/" + name + "/" + environment) + "-" + accountId + "-" + region;
    String readable = ("fp-" + name + (environment.isEmpty() ? "" : "-" + environment))
        .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    readable = readable.substring(0, Math.min(readable.length(), BUCKET_MAX - suffix.length()));
    readable = readable.replaceAll("-+$", "");
    String bucket = readable + suffix;
    String problem = bucketNameProblem(bucket).orElse(null);
    if (problem != null) {
      throw new IllegalStateException("generated bucket name is invalid: " + problem);
    }
    return bucket;
  }

  /** Why {@code bucket} is not a valid general purpose S3 bucket name; empty when it is valid. */
  public static Optional<String> bucketNameProblem(String bucket) {
    if (bucket == null || bucket.length() < 3 || bucket.length() > BUCKET_MAX) {
      return Optional.of("a bucket name must be 3 to 63 characters long");
    }
    if (!BUCKET_CHARS.matcher(bucket).matches()) {
      return Optional.of("a bucket name may only contain lowercase letters, digits, '.' and '-', and must "
          + "begin and end with a letter or digit: " + bucket);
    }
    if (bucket.contains("..")) {
      return Optional.of("a bucket name must not contain two adjacent periods: " + bucket);
    }
    if (IP_LIKE.matcher(bucket).matches()) {
      return Optional.of("a bucket name must not be formatted as an IP address: " + bucket);
    }
    for (String prefix : new String[] {"xn--", "sthree-", "amzn-s3-demo-"}) {
      if (bucket.startsWith(prefix)) {
        return Optional.of("a bucket name must not start with '" + prefix + "': " + bucket);
      }
    }
    for (String suffix : new String[] {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}) {
      if (bucket.endsWith(suffix)) {
        return Optional.of("a bucket name must not end with '" + suffix + "': " + bucket);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code natural} when it fits and uses only {@code [A-Za-z0-9_-]}; otherwise its cleaned prefix,
   * {@code -} and the first 8 hex chars of SHA-256 of the full natural name, {@code max} chars at most.
   */
  public static String fit(String natural, int max) {
    if (natural.length() <= max && LAMBDA_SAFE.matcher(natural).matches()) {
      return natural;
    }
    String cleaned = NOT_LAMBDA_SAFE.matcher(natural).replaceAll("-");
    String head = cleaned.substring(0, Math.min(cleaned.length(), max - HASH_LENGTH - 1));
    return head + "-" + sha256Prefix(natural);
  }

  static String sha256Prefix(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  private String natural(String part) {
    return "fp_" + namespace + "_" + name + (environment.isEmpty() ? "" : "_" + environment) + "_" + part;
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }
}
