package dev.finpipe.operator.health;

import dev.finpipe.operator.api.PipelineHealth;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pure: the Healthy condition and the status.health figures from what a check read. Unhealthy when a function's
 * error-rate alarm is in ALARM (naming the function, the alarm and CloudWatch's StateReason) or a dead-letter
 * queue holds messages (naming the count and the oldest message's age, "unknown" without a CloudWatch
 * datapoint). An alarm in INSUFFICIENT_DATA (no invocations yet) or a missing alarm is no failure signal.
 */
public final class HealthEvaluation {
  private HealthEvaluation() {
  }

  public static HealthVerdict verdict(List<FunctionReading> readings) {
    List<String> alarms = new ArrayList<>();
    List<String> deadLetters = new ArrayList<>();
    for (FunctionReading r : readings) {
      String function = r.function().name().toLowerCase(Locale.ROOT);
      if (r.alarmFiring()) {
        alarms.add(function + " function: alarm " + r.alarmName() + " is ALARM: " + r.alarmReason());
      }
      if (r.deadLetters()) {
        deadLetters.add(function + " function: dead-letter queue " + r.queueName() + " holds " + r.visible()
            + (r.visible() == 1 ? " message" : " messages") + ", oldest " + age(r));
      }
    }
    if (alarms.isEmpty() && deadLetters.isEmpty()) {
      return new HealthVerdict("True", HealthVerdict.HEALTHY,
          "no error-rate alarm in ALARM, no message in a dead-letter queue");
    }
    List<String> all = new ArrayList<>(alarms);
    all.addAll(deadLetters);
    return new HealthVerdict("False", alarms.isEmpty() ? HealthVerdict.DEAD_LETTERS : HealthVerdict.ALARM_FIRING,
        String.join("; ", all));
  }

  public static PipelineHealth figures(List<FunctionReading> readings, Instant checkedAt) {
    PipelineHealth health = new PipelineHealth();
    health.checkedAt = checkedAt.truncatedTo(ChronoUnit.SECONDS).toString();
    for (FunctionReading r : readings) {
      PipelineHealth.FunctionHealth f = new PipelineHealth.FunctionHealth();
      f.function = r.function().name().toLowerCase(Locale.ROOT);
      f.alarmName = r.alarmName();
      f.alarmState = r.alarmState();
      f.alarmReason = r.alarmReason();
      f.deadLetterQueue = r.queueName();
      f.messagesVisible = r.visible();
      f.messagesNotVisible = r.notVisible();
      f.oldestMessageAge = r.deadLetters() ? age(r) : null;
      health.functions.add(f);
    }
    return health;
  }

  /** ISO-8601, or "unknown": SQS has no attribute for it, and CloudWatch may have no datapoint yet. */
  static String age(FunctionReading r) {
    return r.oldestAge().map(Object::toString).orElse("unknown");
  }
}
