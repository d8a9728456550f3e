package dev.finpipe.operator.metrics;

import dev.finpipe.operator.aws.client.AwsClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * AWS call outcomes and latency for Prometheus. The SDK's {@link MetricPublisher} hands over one collection per
 * API call with one child per attempt ("ApiCallAttempt": HTTP status, error type, service call duration); the
 * error code of a failed call is taken from the exception ({@link ExecutionInterceptor#onExecutionFailure}), which
 * the metric collection does not carry. Metrics reference:
 * https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/metrics-list.html
 */
public final class AwsApiMetrics implements MetricPublisher, ExecutionInterceptor {
  public static final String CALLS = "finpipe_aws_api_calls";
  public static final String CALL_DURATION = "finpipe_aws_api_call_duration";
  public static final String ATTEMPTS = "finpipe_aws_api_call_attempts";
  public static final String ERRORS = "finpipe_aws_api_errors";
  private static final String NONE = "none";
  private final MeterRegistry registry;

  public AwsApiMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void publish(MetricCollection call) {
    String service = first(call.metricValues(CoreMetric.SERVICE_ID), "unknown");
    String operation = first(call.metricValues(CoreMetric.OPERATION_NAME), "unknown");
    boolean success = first(call.metricValues(CoreMetric.API_CALL_SUCCESSFUL), Boolean.FALSE);
    List<MetricCollection> attempts = call.childrenWithName("ApiCallAttempt").toList();
    String lastErrorType = NONE;
    for (MetricCollection attempt : attempts) {
      String status = attempt.metricValues(HttpMetric.HTTP_STATUS_CODE).stream().findFirst()
          .map(String::valueOf).orElse(NONE);
      String errorType = first(attempt.metricValues(CoreMetric.ERROR_TYPE), NONE);
      lastErrorType = errorType;
      Counter.builder(ATTEMPTS).description("Requests sent to AWS, one per attempt (retries included)")
          .tags("service", service, "operation", operation, "http_status", status, "error_type", errorType)
          .register(registry).increment();
    }
    Counter.builder(CALLS).description("AWS API calls by outcome, after the SDK's retries")
        .tags("service", service, "operation", operation, "outcome", success ? "success" : "failure",
            "error_type", success ? NONE : lastErrorType)
        .register(registry).increment();
    Duration duration = first(call.metricValues(CoreMetric.API_CALL_DURATION), null);
    if (duration != null) {
      Timer.builder(CALL_DURATION).description("Duration of AWS API calls, retries and rate-limit waits included")
          .tags("service", service, "operation", operation)
          .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5))
          .maximumExpectedValue(AwsClients.API_CALL_TIMEOUT)
          .register(registry).record(duration);
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Throwable e = context.exception();
    String code = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        && aws.awsErrorDetails().errorCode() != null
        ? aws.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
    Counter.builder(ERRORS).description("Failed AWS API calls by the error code AWS returned (or the client error)")
        .tags("service", String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)),
            "operation", String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)),
            "error_code", code)
        .register(registry).increment();
  }

  @Override
  public void close() {
    // the registry belongs to the operator
  }

  private static <T> T first(List<T> values, T otherwise) {
    return values.isEmpty() || values.get(0) == null ? otherwise : values.get(0);
  }
}
