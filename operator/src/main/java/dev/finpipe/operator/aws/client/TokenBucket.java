package dev.finpipe.operator.aws.client;

import java.util.function.LongSupplier;

/**
 * A token bucket, the algorithm AWS throttles its APIs with: it holds up to {@code capacity} permits and is
 * refilled continuously at {@code ratePerSecond}. A burst of up to {@code capacity} calls goes through at once;
 * over any interval of T seconds at most {@code capacity + rate × T} calls pass, so the sustained rate stays
 * under the quota (a fixed window, by contrast, lets two windows' worth through across a boundary). Permits are
 * reserved ahead: a caller told to wait holds its permit, so callers are served in the order they asked.
 * Source: "Throttle requests to your REST APIs" (token bucket algorithm, rate and burst),
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html; "Request
 * throttling for the Amazon EC2 API" (token bucket: bucket size, refill rate),
 * https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html.
 */
final class TokenBucket {
  private final double capacity;
  private final double nanosPerPermit;
  private final LongSupplier nanoTime;
  private double permits;
  private long refilledAt;

  TokenBucket(double ratePerSecond, double capacity, LongSupplier nanoTime) {
    if (!(ratePerSecond > 0) || !(capacity >= 1)) {
      throw new IllegalArgumentException("rate must be positive and capacity at least 1: " + ratePerSecond + ", "
          + capacity);
    }
    this.capacity = capacity;
    this.nanosPerPermit = 1e9 / ratePerSecond;
    this.nanoTime = nanoTime;
    this.permits = capacity;
    this.refilledAt = nanoTime.getAsLong();
  }

  /**
   * Reserves one permit and says how many nanoseconds the caller must wait before using it (0: now); -1 when that
   * wait would exceed {@code maxWaitNanos}, and then nothing is reserved.
   */
  synchronized long reserve(long maxWaitNanos) {
    long now = nanoTime.getAsLong();
    permits = Math.min(capacity, permits + (now - refilledAt) / nanosPerPermit);
    refilledAt = now;
    long wait = permits >= 1 ? 0 : (long) Math.ceil((1 - permits) * nanosPerPermit);
    if (wait > maxWaitNanos) {
      return -1;
    }
    permits -= 1;
    return wait;
  }
}
