package dev.finpipe.operator.aws.queue;

import dev.finpipe.operator.aws.Desired;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The desired state of one function's SQS dead-letter queue. Encrypted at rest always: with the customer
 * key when {@code kmsKeyArn} is given, with SQS-managed keys otherwise. {@code tags} are the ownership tags.
 */
public record DesiredQueue(String name, int messageRetentionSeconds, Optional<String> kmsKeyArn,
                                  Map<String, String> tags) implements Desired {
  /** 14 days, the SQS maximum: a failed event should outlive a long weekend. */
  public static final int DEFAULT_RETENTION_SECONDS = 1_209_600;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  public DesiredQueue {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("SQS queue name must be 1-80 of [A-Za-z0-9_-]: " + name);
    }
    if (messageRetentionSeconds < 60 || messageRetentionSeconds > DEFAULT_RETENTION_SECONDS) {
      throw new IllegalArgumentException("message retention must be 60 to 1209600 seconds: "
          + messageRetentionSeconds);
    }
    Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
    tags = Map.copyOf(tags);
  }

  /** Default retention, SQS-managed encryption. */
  public static DesiredQueue of(String name, Map<String, String> tags) {
    return new DesiredQueue(name, DEFAULT_RETENTION_SECONDS, Optional.empty(), tags);
  }
}
