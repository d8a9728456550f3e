package dev.finpipe.operator.aws.client;

import dev.finpipe.operator.support.ClientRateLimitTimeout;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Keeps every request the operator sends (retries included) under a per-service rate, shared by all
 * pipelines, so that many pipelines at once stay below the control-plane quotas of an account instead of
 * spending them on throttling errors and backoff. A service without a configured rate is not limited.
 */
public final class AwsRateLimits implements ExecutionInterceptor {
  /**
   * One {@code Service=rate} or {@code Service:Operation=rate} of a rate-limit spec: SDK service name (e.g.
   * {@code ApiGateway}, {@code S3}), optionally an operation with a quota of its own, and a positive decimal
   * number of requests per second (e.g. {@code 5}, {@code 0.3}, {@code .5}); blanks around the parts allowed.
   */
  private static final String ENTRY = "\\s*[A-Za-z][A-Za-z0-9]*(:[A-Za-z][A-Za-z0-9]*)?\\s*="
      + "\\s*(\\d*[1-9]\\d*(\\.\\d*)?|\\d*\\.\\d*[1-9]\\d*)\\s*";
  /**
   * Every spec {@link #parse} accepts: blank (the defaults), or entries separated by commas. The chart's
   * values.schema.json validates {@code aws.rateLimits} with this same pattern (AwsRateLimitsTest compares).
   */
  public static final String SPEC_PATTERN = "^\\s*$|^" + ENTRY + "(," + ENTRY + ")*$";
  /**
   * The defaults as a spec: requests per second by SDK service name, or by {@code Service:Operation} for an
   * operation with a quota of its own (that operation then counts against both). Well below the default
   * control-plane quotas: API Gateway management ~10/s per account, CreateRestApi 1 per 3 s, CreateDeployment
   * 1 per 5 s, DeleteRestApi 1 per 30 s (0.033333: a permit every 30 000 ms), GetResources 5 per 2 s (2.5: a
   * permit every 400 ms; every reconcile reads each REST API's resources) — "Amazon API Gateway quotas",
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html (fixed, cannot be increased);
   * CloudWatch PutMetricAlarm 3/s, DescribeAlarms 9/s; CloudWatch Logs control plane ~5/s; Lambda control plane
   * 15/s; IAM a few tens per second. A constant, so that the operator's --help quotes it.
   */
  public static final String DEFAULT_SPEC = "ApiGateway=5,ApiGateway:CreateRestApi=0.3,"
      + "ApiGateway:CreateDeployment=0.2,ApiGateway:DeleteRestApi=0.033333,ApiGateway:GetResources=2.5,"
      + "CloudWatch=3,CloudWatchLogs=4,Lambda=10,Iam=10";
  private static final Pattern ENTRY_PATTERN = Pattern.compile(ENTRY);
  /** {@link #DEFAULT_SPEC} parsed, in its order. */
  public static final Map<String, Double> DEFAULTS = Collections.unmodifiableMap(entries(DEFAULT_SPEC, Map.of()));
  /**
   * How long a request may wait for a permit. Kept well inside the SDK's attempt timeout (AwsClients): a
   * waiter interrupted by that timeout would lose the permit it had reserved, and every waiter behind it too.
   */
  static final Duration MAX_WAIT = Duration.ofSeconds(20);
  private static final Duration BURST_WINDOW = Duration.ofSeconds(5);
  private final Map<String, TokenBucket> limiters = new LinkedHashMap<>();
  private final Duration maxWait;

  public AwsRateLimits(Map<String, Double> requestsPerSecond) {
    this(requestsPerSecond, MAX_WAIT);
  }

  /** {@code maxWait}: how long a call may wait for a permit before it fails without being sent. */
  AwsRateLimits(Map<String, Double> requestsPerSecond, Duration maxWait) {
    this.maxWait = maxWait;
    requestsPerSecond.forEach((service, rate) -> {
      if (!(rate > 0)) {
        throw new IllegalArgumentException("rate of " + service + " must be positive: " + rate);
      }
      limiters.put(service.toLowerCase(Locale.ROOT), new TokenBucket(rate, burst(service, rate), System::nanoTime));
    });
  }

  /**
   * How many calls of a key may go at once. A service at 1/s and more: {@link #BURST_WINDOW} of its rate, so one
   * pipeline's burst of calls is not spread out (AWS's own token buckets allow bursts too). Below 1/s, and for an
   * operation with a quota of its own (fixed per-operation quotas over a few seconds, e.g. GetResources 5 per
   * 2 s, which a 5 s burst would overrun): one, so its calls are spaced 1/rate apart.
   */
  static double burst(String key, double rate) {
    return rate < 1 || key.contains(":") ? 1 : Math.max(1, Math.floor(rate * BURST_WINDOW.toSeconds()));
  }

  /**
   * Parses a spec matching {@link #SPEC_PATTERN}, e.g. {@code Iam=10,ApiGateway:CreateRestApi=0.3}: each
   * entry overrides the default of its key (matched ignoring case) or adds one; blank keeps the defaults.
   */
  public static Map<String, Double> parse(String spec) {
    Map<String, Double> rates = new LinkedHashMap<>(DEFAULTS);
    if (spec != null && !spec.isBlank()) {
      rates.putAll(entries(spec, DEFAULTS));
    }
    return rates;
  }

  /** The entries of a non-blank spec, each key spelled as in {@code known} when it is there in another case. */
  private static Map<String, Double> entries(String spec, Map<String, Double> known) {
    Map<String, Double> rates = new LinkedHashMap<>();
    for (String entry : spec.split(",", -1)) {
      if (!ENTRY_PATTERN.matcher(entry).matches()) {
        throw new IllegalArgumentException("expected service=requestsPerSecond or "
            + "service:Operation=requestsPerSecond (a positive number), comma separated, got '" + entry + "'");
      }
      String[] kv = entry.split("=");
      String key = known.keySet().stream().filter(k -> k.equalsIgnoreCase(kv[0].trim())).findFirst()
          .orElse(kv[0].trim());
      rates.put(key, Double.parseDouble(kv[1].trim()));
    }
    return rates;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    if (service == null) {
      return;
    }
    String key = service.toLowerCase(Locale.ROOT);
    await(limiters.get(key + ":" + String.valueOf(operation).toLowerCase(Locale.ROOT)), service + ":" + operation);
    await(limiters.get(key), service);
  }

  private void await(TokenBucket limiter, String what) {
    if (limiter == null) {
      return;
    }
    long wait = limiter.reserve(maxWait.toNanos());
    if (wait < 0) {
      String message = "client-side rate limit for " + what + ": no permit within " + maxWait;
      throw SdkClientException.builder().message(message).cause(new ClientRateLimitTimeout(message)).build();
    }
    try {
      TimeUnit.NANOSECONDS.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SdkClientException.builder().message("interrupted waiting for a permit for " + what).cause(e).build();
    }
  }
}
