package dev.finpipe.operator.bench;

import java.util.Map;

/**
 * The AWS behaviour layer's delays that lie on a pipeline's critical path (its create pass), in seconds: a
 * function cannot be created before its new role has propagated (iam_seconds after the role's last change),
 * nothing is wired to a function while it is Pending (lambda_pending_seconds), and the bucket notification waits
 * until the processor's invoke permission is validated (s3_destination_seconds). They follow one another, so
 * they add up. API Gateway's quotas cost one pipeline nothing (one CreateRestApi and one CreateDeployment, each
 * within its burst), and a create pass makes no function update (no InProgress window).
 */
final class InjectedDelays {
  private InjectedDelays() {
  }

  static double onCriticalPathSeconds(Map<String, Double> timings) {
    return timings.getOrDefault("iam_seconds", 0.0) + timings.getOrDefault("lambda_pending_seconds", 0.0)
        + timings.getOrDefault("s3_destination_seconds", 0.0);
  }
}
