package dev.finpipe.operator.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The longest chain of dependent AWS calls in a create pass, approximated from the stage plan of
 * {@code PipelineConverger}: the components of a stage run in parallel, so a stage costs the calls of its
 * busiest component; the stages run one after the other. Calls are attributed to components by operation.
 */
final class CriticalPath {
  private CriticalPath() {
  }

  /** Calls of the busiest component of each of the five stages. */
  static Map<String, Long> perStage(Map<String, Long> calls) {
    Map<String, Long> stages = new LinkedHashMap<>();
    long bucket = sum(calls, "S3:", "Notification", false);
    stages.put("1 foundation", max(bucket, sum(calls, "Sqs:", null, false) / 4,
        sum(calls, "CloudWatchLogs:", null, false) / 4, sum(calls, "CloudWatch:", null, false) / 4));
    stages.put("2 roles", sum(calls, "Iam:", null, false) / 4);
    long lambda = calls.entrySet().stream().filter(e -> e.getKey().startsWith("Lambda:")
        && !e.getKey().contains("EventInvokeConfig") && !e.getKey().endsWith("Permission")
        && !e.getKey().endsWith("GetPolicy")).mapToLong(Map.Entry::getValue).sum();
    stages.put("3 functions", lambda / 4);
    long permissions = calls.entrySet().stream().filter(e -> e.getKey().endsWith("Permission")
        || e.getKey().endsWith("GetPolicy")).mapToLong(Map.Entry::getValue).sum();
    stages.put("4 wiring", max(sum(calls, "ApiGateway:", null, false), sum(calls, "Lambda:", "EventInvokeConfig",
        true) / 4, permissions / 4));
    stages.put("5 entry points", max(sum(calls, "S3:", "Notification", true), permissions / 4));
    return stages;
  }

  static int longestChain(Map<String, Long> calls) {
    return (int) perStage(calls).values().stream().mapToLong(Long::longValue).sum();
  }

  private static long sum(Map<String, Long> calls, String service, String opPart, boolean containing) {
    return calls.entrySet().stream().filter(e -> e.getKey().startsWith(service))
        .filter(e -> opPart == null || e.getKey().contains(opPart) == containing)
        .mapToLong(Map.Entry::getValue).sum();
  }

  private static long max(long... values) {
    return java.util.Arrays.stream(values).max().orElse(0);
  }
}
