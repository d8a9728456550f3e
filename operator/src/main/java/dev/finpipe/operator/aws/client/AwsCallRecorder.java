package dev.finpipe.operator.aws.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS API call by service and operation: {@code finpipe_aws_calls_total} once per logical call
 * (for tests that assert a converged pipeline costs no mutating call), and {@code finpipe_aws_requests_total}
 * once per request sent, retries included. Registered after {@link AwsRateLimits}, so a request is counted
 * when the limiter lets it go: the rate of the second counter is the rate AWS sees.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final MeterRegistry registry;
  private final dev.finpipe.operator.metrics.AwsApiMetrics apiMetrics;

  public AwsCallRecorder() {
    this(Metrics.globalRegistry);
  }

  public AwsCallRecorder(MeterRegistry registry) {
    this.registry = registry;
    this.apiMetrics = new dev.finpipe.operator.metrics.AwsApiMetrics(registry);
  }

  /** Outcome, latency and error code of every call, fed by the SDK's metric publisher (same registry). */
  public dev.finpipe.operator.metrics.AwsApiMetrics apiMetrics() {
    return apiMetrics;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    count(counts, "finpipe_aws_calls", attributes);
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    count(requests, "finpipe_aws_requests", attributes);
  }

  private void count(Map<String, LongAdder> counters, String metric, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    counters.computeIfAbsent(service + ":" + operation, k -> new LongAdder()).increment();
    registry.counter(metric, "service", service, "operation", operation,
        "mutating", String.valueOf(isMutating(operation))).increment();
  }

  /** Calls so far, keyed {@code Service:Operation}. */
  public Map<String, Long> snapshot() {
    return copy(counts);
  }

  /** Requests sent so far (each attempt of a call), keyed {@code Service:Operation}. */
  public Map<String, Long> requestsSent() {
    return copy(requests);
  }

  private static Map<String, Long> copy(Map<String, LongAdder> counters) {
    Map<String, Long> copy = new java.util.TreeMap<>();
    counters.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  /** Mutating calls so far, keyed {@code Service:Operation}. */
  public Map<String, Long> mutating() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    snapshot().forEach((k, v) -> {
      if (isMutating(k.substring(k.indexOf(':') + 1))) {
        copy.put(k, v);
      }
    });
    return copy;
  }

  public void reset() {
    counts.clear();
    requests.clear();
  }

  /** Read-only AWS operations start with one of these verbs; everything else changes something. */
  static boolean isMutating(String operation) {
    return !(operation.startsWith("Get") || operation.startsWith("List") || operation.startsWith("Describe")
        || operation.startsWith("Head"));
  }
}
