package dev.finpipe.operator.aws.loggroup;

import dev.finpipe.operator.aws.Desired;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The desired state of a function's log group ({@code /aws/lambda/<function>}): retention, optional
 * customer KMS key, ownership tags. Created by the operator so that retention and encryption are ours
 * (Lambda would otherwise create it on first invocation, never expiring).
 */
public record DesiredLogGroup(String name, int retentionDays, Optional<String> kmsKeyArn, Map<String, String> tags)
    implements Desired {
  /** The retention values CloudWatch Logs accepts. */
  public static final Set<Integer> ALLOWED_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365,
      400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
  public static final int DEFAULT_RETENTION_DAYS = 30;

  public DesiredLogGroup {
    if (name == null || name.isEmpty() || name.length() > 512 || !name.matches("[\\w./#-]+")) {
      throw new IllegalArgumentException("invalid log group name: " + name);
    }
    if (!ALLOWED_RETENTION_DAYS.contains(retentionDays)) {
      throw new IllegalArgumentException("log retention of " + retentionDays + " days is not allowed; use one of "
          + new TreeSet<>(ALLOWED_RETENTION_DAYS));
    }
    Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
    tags = Map.copyOf(tags);
  }
}
