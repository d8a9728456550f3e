package dev.finpipe.operator.support;

/**
 * No permit of the operator's own rate limiter came within its wait, so the AWS call was not sent. Retrying
 * soon is safe: the limiter itself paces the calls.
 */
public final class ClientRateLimitTimeout extends RuntimeException {
  public ClientRateLimitTimeout(String message) {
    super(message, null, false, false);
  }
}
