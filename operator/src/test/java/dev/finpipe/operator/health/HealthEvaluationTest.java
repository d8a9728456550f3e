package dev.finpipe.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.PipelineHealth;
import dev.finpipe.operator.policy.PipelineFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Healthy condition from what a check read: every rule of {@link HealthEvaluation}, no AWS. */
class HealthEvaluationTest {

  /** Four functions, all quiet, but for {@code changed} (applied to the processor). */
  private static List<FunctionReading> readings(FunctionReading processor) {
    List<FunctionReading> all = new ArrayList<>();
    for (PipelineFunction f : List.of(PipelineFunction.UPLOAD, PipelineFunction.STATUS, PipelineFunction.RESULTS)) {
      all.add(quiet(f));
    }
    all.add(processor);
    return all;
  }

  private static FunctionReading quiet(PipelineFunction f) {
    return new FunctionReading(f, "fp_" + f.shortName() + "_error-rate", "OK", "fine", "fp_" + f.shortName() + "_dlq",
        0L, 0L, Optional.empty());
  }

  private static FunctionReading processor(String state, String reason, Long visible, Duration age) {
    return new FunctionReading(PipelineFunction.PROCESSOR, "fp_processor_error-rate", state, reason,
        "fp_processor_dlq", visible, 0L, Optional.ofNullable(age));
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("everything quiet", processor("OK", "fine", 0L, null), "True", "Healthy",
            "no error-rate alarm in ALARM, no message in a dead-letter queue"),
        Arguments.of("no datapoints yet is no failure", processor("INSUFFICIENT_DATA", "no data", 0L, null), "True",
            "Healthy", "no error-rate alarm"),
        Arguments.of("a missing alarm is no failure signal (converge reports it)",
            processor(FunctionReading.MISSING, null, 0L, null), "True", "Healthy", "no error-rate alarm"),
        Arguments.of("messages in flight only (not visible) are not waiting",
            new FunctionReading(PipelineFunction.PROCESSOR, "a", "OK", "fine", "q", 0L, 3L, Optional.empty()),
            "True", "Healthy", "no message"),
        Arguments.of("a queue not found has no messages", processor("OK", "fine", null, null), "True", "Healthy",
            "no message"),
        Arguments.of("an alarm in ALARM names the function, the alarm and its reason",
            processor("ALARM", "Threshold Crossed: 2 datapoints", 0L, null), "False", "ErrorRateAlarm",
            "processor function: alarm fp_processor_error-rate is ALARM: Threshold Crossed: 2 datapoints"),
        Arguments.of("one waiting message, age without a datapoint", processor("OK", "fine", 1L, null), "False",
            "DeadLetterMessages", "processor function: dead-letter queue fp_processor_dlq holds 1 message, "
                + "oldest unknown"),
        Arguments.of("several waiting messages with CloudWatch's age", processor("OK", "fine", 7L,
            Duration.ofSeconds(754)), "False", "DeadLetterMessages",
            "dead-letter queue fp_processor_dlq holds 7 messages, oldest PT12M34S"),
        Arguments.of("both: the alarm is the reason, the message names both",
            processor("ALARM", "high", 2L, null), "False", "ErrorRateAlarm",
            "alarm fp_processor_error-rate is ALARM: high; processor function: dead-letter queue fp_processor_dlq "
                + "holds 2 messages"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void verdict(String rule, FunctionReading processor, String status, String reason, String message) {
    HealthVerdict verdict = HealthEvaluation.verdict(readings(processor));
    assertThat(verdict.status()).isEqualTo(status);
    assertThat(verdict.reason()).isEqualTo(reason);
    assertThat(verdict.message()).contains(message);
  }

  @Test
  void everyFunctionUnhealthyIsNamedInOneMessage() {
    List<FunctionReading> all = new ArrayList<>();
    for (PipelineFunction f : PipelineFunction.values()) {
      all.add(new FunctionReading(f, f.shortName() + "-alarm", "ALARM", "r", f.shortName() + "-q", 0L, 0L,
          Optional.empty()));
    }
    assertThat(HealthEvaluation.verdict(all).message().split("; ")).hasSize(4);
  }

  @Test
  void figuresCarryEveryReadingAndTheAgeOnlyWhereMessagesWait() {
    PipelineHealth health = HealthEvaluation.figures(readings(processor("ALARM", "high", 2L, Duration.ofMinutes(3))),
        Instant.parse("2026-11-30T10:00:00.123Z"));
    assertThat(health.checkedAt).isEqualTo("2026-11-30T10:00:00Z");
    assertThat(health.functions).extracting(f -> f.function).containsExactly("upload", "status", "results",
        "processor");
    PipelineHealth.FunctionHealth processor = health.functions.get(3);
    assertThat(processor.alarmName).isEqualTo("fp_processor_error-rate");
    assertThat(processor.alarmState).isEqualTo("ALARM");
    assertThat(processor.alarmReason).isEqualTo("high");
    assertThat(processor.deadLetterQueue).isEqualTo("fp_processor_dlq");
    assertThat(processor.messagesVisible).isEqualTo(2L);
    assertThat(processor.messagesNotVisible).isZero();
    assertThat(processor.oldestMessageAge).isEqualTo("PT3M");
    assertThat(health.functions.get(0).oldestMessageAge).isNull();
  }

  @Test
  void withoutAlarmsOnlyTheQueuesCount() {
    FunctionReading noAlarm = new FunctionReading(PipelineFunction.PROCESSOR, null, null, null, "q", 0L, 0L,
        Optional.empty());
    assertThat(HealthEvaluation.verdict(List.of(noAlarm)).isTrue()).isTrue();
    assertThat(HealthEvaluation.figures(List.of(noAlarm), Instant.EPOCH).functions.get(0).alarmName).isNull();
  }
}
