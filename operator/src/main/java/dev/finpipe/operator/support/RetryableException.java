package dev.finpipe.operator.support;

/**
 * A failure expected to go away by itself (throttling, 5xx, IAM propagation, a dependency not ready yet).
 * The reconciler records it and retries with backoff.
 */
public class RetryableException extends ClassifiedException {

  public RetryableException(String reason, String message) {
    this(reason, message, null);
  }

  public RetryableException(String reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
