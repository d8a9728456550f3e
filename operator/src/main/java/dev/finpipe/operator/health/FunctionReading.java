package dev.finpipe.operator.health;

import dev.finpipe.operator.policy.PipelineFunction;
import java.time.Duration;
import java.util.Optional;

/**
 * What one health check read of one function: its error-rate alarm ({@code alarmName} null when the pipeline
 * has no alarms) and its dead-letter queue ({@code visible} null when the queue was not found).
 *
 * @param alarmState CloudWatch's StateValue (OK, ALARM, INSUFFICIENT_DATA), or {@link #MISSING}
 * @param oldestAge CloudWatch's latest ApproximateAgeOfOldestMessage; empty when it has no datapoint
 */
public record FunctionReading(PipelineFunction function, String alarmName, String alarmState, String alarmReason,
                              String queueName, Long visible, Long notVisible, Optional<Duration> oldestAge) {
  /** The alarm or queue the check looked for does not exist. */
  public static final String MISSING = "Missing";
  public static final String ALARM = "ALARM";

  public boolean alarmFiring() {
    return ALARM.equals(alarmState);
  }

  /** Messages waiting in the dead-letter queue: failed events nobody has handled yet. */
  public boolean deadLetters() {
    return visible != null && visible > 0;
  }
}
