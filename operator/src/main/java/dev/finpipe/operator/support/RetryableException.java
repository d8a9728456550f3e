package dev.finpipe.operator.support;

/**
 * A failure expected to go away by itself (throttling, 5xx, IAM propagation, a dependency not ready yet).
 * The reconciler records it and retries with backoff.
 */
public class RetryableException extends RuntimeException {
  private final String reason;

  public RetryableException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public RetryableException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
