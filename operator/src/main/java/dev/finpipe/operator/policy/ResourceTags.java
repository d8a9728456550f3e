package dev.finpipe.operator.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tags every AWS resource of a pipeline carries, and AWS's rules for tags. Pure: table-tested.
 *
 * <p>Precedence: the operator's ownership tags over {@code spec.tags} over the operator's default tags
 * ({@code --default-tags}). Ownership tags cannot be overridden anyway: their prefix is reserved.
 *
 * <p>Rules, from AWS: a key is 1 to 128 Unicode characters, a value 0 to 256; letters, digits and spaces
 * representable in UTF-8 and {@code _ . : / = + - @}; the {@code aws:} prefix (any case) is AWS's; at most 50
 * tags per resource, tags AWS generates not counted ("Tagging AWS resources and Tag Editor", service quotas:
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/reference.html; the {@code aws:} prefix in any case:
 * https://docs.aws.amazon.com/batch/latest/userguide/tag-restrictions.html). Each service this
 * operator tags allows 50 per resource: S3 buckets
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-managing.html), Lambda functions
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-tags.html), SQS queues
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-tags.html), IAM roles
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html), CloudWatch Logs log groups
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html), CloudWatch
 * alarms (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_TagResource.html) and API
 * Gateway REST APIs (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-tagging.html).
 */
public final class ResourceTags {
  /** Tags one AWS resource may carry, in every service this operator tags. */
  public static final int MAX_PER_RESOURCE = 50;
  /**
   * Tags the operator writes itself on the resource that carries most of them: the four ownership tags, plus the
   * write-only-fields fingerprint on a Lambda function.
   */
  public static final int OPERATOR_TAGS = 5;
  /** {@code spec.tags} and the default tags together, once merged. */
  public static final int MAX_USER_TAGS = MAX_PER_RESOURCE - OPERATOR_TAGS;
  public static final int MAX_KEY_LENGTH = 128;
  public static final int MAX_VALUE_LENGTH = 256;
  /** The prefix of the operator's own tags; reserved. */
  public static final String RESERVED_PREFIX = "finpipe.dev/";
  /**
   * Characters AWS allows in keys and values, as CloudWatch Logs states them for its tag keys and values
   * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagLogGroup.html); written for Java
   * and for the RE2 engine of CEL alike.
   */
  public static final String CHARACTERS = "[\\p{L}\\p{Z}\\p{N}_.:/=+@-]";
  /** AWS's own prefix, which AWS reserves in any case. */
  public static final String AWS_PREFIX = "(?i)^aws:";

  private ResourceTags() {
  }

  /**
   * The tags of every resource of a pipeline: {@code defaults}, overridden by {@code spec}, overridden by
   * {@code ownership}; in that order, so the ownership tags come last. Null maps count as empty.
   */
  public static Map<String, String> merge(Map<String, String> ownership, Map<String, String> spec,
                                         Map<String, String> defaults) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (defaults != null) {
      merged.putAll(defaults);
    }
    if (spec != null) {
      merged.putAll(spec);
    }
    ownership.keySet().forEach(merged::remove);
    merged.putAll(ownership);
    return merged;
  }

  /**
   * Why {@code tags} may not be written to AWS, one problem per bad tag; {@code where} names them in messages
   * ({@code spec.tags}, {@code --default-tags}). Empty when they may.
   */
  public static List<String> problems(String where, Map<String, String> tags) {
    List<String> problems = new ArrayList<>();
    if (tags == null) {
      return problems;
    }
    if (tags.size() > MAX_USER_TAGS) {
      problems.add(where + " has " + tags.size() + " tags; at most " + MAX_USER_TAGS + " (AWS allows "
          + MAX_PER_RESOURCE + " per resource, " + OPERATOR_TAGS + " are the operator's)");
    }
    tags.forEach((key, value) -> keyProblem(key).or(() -> valueProblem(value))
        .ifPresent(p -> problems.add(where + " tag '" + key + "': " + p)));
    return problems;
  }

  /** Why spec.tags and the default tags together are too many for one resource; empty when they fit. */
  public static Optional<String> countProblem(Map<String, String> spec, Map<String, String> defaults) {
    Map<String, String> merged = merge(Map.of(), spec, defaults);
    if (merged.size() <= MAX_USER_TAGS) {
      return Optional.empty();
    }
    return Optional.of("spec.tags and the operator's default tags (--default-tags) make " + merged.size()
        + " tags; at most " + MAX_USER_TAGS + " fit on one AWS resource beside the operator's " + OPERATOR_TAGS);
  }

  /**
   * Parses {@code key=value,key2=value2} (the {@code --default-tags} flag): each pair is split at its first
   * {@code =}, so a value may contain {@code =} but a key may not; an empty value is allowed.
   *
   * @throws IllegalArgumentException for a pair without {@code =} or a tag AWS refuses
   */
  public static Map<String, String> parseDefaults(String flag) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (flag == null || flag.isBlank()) {
      return tags;
    }
    for (String pair : flag.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("--default-tags: '" + pair.strip() + "' is not key=value");
      }
      tags.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
    List<String> problems = problems("--default-tags", tags);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return tags;
  }

  private static Optional<String> keyProblem(String key) {
    int length = key == null ? 0 : key.codePointCount(0, key.length());
    if (length < 1 || length > MAX_KEY_LENGTH) {
      return Optional.of("a key has 1 to " + MAX_KEY_LENGTH + " characters, this one " + length);
    }
    if (key.startsWith(RESERVED_PREFIX)) {
      return Optional.of("the prefix " + RESERVED_PREFIX + " is reserved for the operator's own tags");
    }
    if (key.matches(AWS_PREFIX + ".*")) {
      return Optional.of("the prefix aws: is reserved by AWS");
    }
    return charactersProblem(key);
  }

  private static Optional<String> valueProblem(String value) {
    String v = value == null ? "" : value;
    int length = v.codePointCount(0, v.length());
    if (length > MAX_VALUE_LENGTH) {
      return Optional.of("a value has at most " + MAX_VALUE_LENGTH + " characters, this one " + length);
    }
    return charactersProblem(v);
  }

  private static Optional<String> charactersProblem(String text) {
    return text.matches(CHARACTERS + "*") ? Optional.empty()
        : Optional.of("only letters, digits, spaces and _ . : / = + - @ are allowed");
  }
}
