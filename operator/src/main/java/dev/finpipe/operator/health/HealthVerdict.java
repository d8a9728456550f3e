package dev.finpipe.operator.health;

/** The Healthy condition a health check leads to: status True, False or Unknown, with its reason and message. */
public record HealthVerdict(String status, String reason, String message) {
  public static final String HEALTHY = "Healthy";
  /** A function's error-rate alarm is in ALARM. */
  public static final String ALARM_FIRING = "ErrorRateAlarm";
  /** A dead-letter queue holds messages. */
  public static final String DEAD_LETTERS = "DeadLetterMessages";
  /** AWS could not be read; the message says what failed. */
  public static final String CHECK_FAILED = "HealthCheckFailed";

  public static HealthVerdict unknown(String reason, String message) {
    return new HealthVerdict("Unknown", reason, message);
  }

  public boolean isTrue() {
    return "True".equals(status);
  }

  public boolean isFalse() {
    return "False".equals(status);
  }
}
