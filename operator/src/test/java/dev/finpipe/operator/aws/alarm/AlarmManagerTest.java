package dev.finpipe.operator.aws.alarm;

import static dev.finpipe.operator.testing.LambdaTestSupport.owner;
import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.support.TerminalException;
import dev.finpipe.operator.testing.Moto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

class AlarmManagerTest {
  private final AwsCallRecorder recorder = new AwsCallRecorder(new SimpleMeterRegistry());
  private final AwsClients clients = Moto.clients(recorder);
  private final AlarmManager manager = new AlarmManager(clients);
  private final Ownership owner = owner();
  private final String function = "fn-" + suffix();
  private final String topic = "arn:aws:sns:" + Moto.region() + ":" + Moto.ACCOUNT_ID + ":alerts";
  private final DesiredAlarm spec = alarm(owner.tags());

  private DesiredAlarm alarm(Map<String, String> tags) {
    return new DesiredAlarm(function + "-error-rate", "Error rate of " + function + " above 1 %",
        AlarmTestQueries.errorRate(function), 1.0, DesiredAlarm.GREATER_THAN_THRESHOLD, 2, 2,
        DesiredAlarm.NOT_BREACHING, List.of(topic), tags);
  }

  private MetricAlarm actual() {
    return clients.cloudWatch().describeAlarms(r -> r.alarmNames(spec.alarmName())).metricAlarms().get(0);
  }

  @Test
  void createsTheAlarmAndASecondConvergeMakesNoMutatingCall() {
    assertThat(manager.converge(spec, owner).action()).isEqualTo(Convergence.Action.CREATED);
    assertThat(actual().treatMissingData()).isEqualTo("notBreaching");
    assertThat(actual().alarmActions()).containsExactly(topic);

    recorder.reset();
    assertThat(manager.converge(spec, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
    assertThat(recorder.mutating()).isEmpty();
  }

  @Test
  void aThresholdChangedOutOfBandIsDetectedAndRestored() {
    manager.converge(spec, owner);
    clients.cloudWatch().putMetricAlarm(r -> r.alarmName(spec.alarmName()).alarmDescription(spec.description())
        .metrics(spec.metrics()).threshold(50.0).comparisonOperator(spec.comparisonOperator())
        .evaluationPeriods(2).datapointsToAlarm(2).treatMissingData("notBreaching").alarmActions(topic));

    Convergence corrected = manager.converge(spec, owner);

    assertThat(corrected.corrected()).extracting(FieldDrift::field).containsExactly("threshold");
    assertThat(actual().threshold()).isEqualTo(1.0);
  }

  @Test
  void aDeletedAlarmIsCreatedAgain() {
    manager.converge(spec, owner);
    clients.cloudWatch().deleteAlarms(r -> r.alarmNames(spec.alarmName()));

    assertThat(manager.converge(spec, owner).action()).isEqualTo(Convergence.Action.CREATED);
    assertThat(manager.converge(spec, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
  }

  @Test
  void changedMetricMathIsDetected() {
    manager.converge(spec, owner);
    DesiredAlarm otherMath = new DesiredAlarm(spec.alarmName(), spec.description(),
        AlarmTestQueries.errorRate("another-function"), 1.0, spec.comparisonOperator(), 2, 2,
        spec.treatMissingData(), spec.alarmActions(), spec.tags());

    assertThat(manager.converge(otherMath, owner).corrected()).extracting(FieldDrift::field).containsExactly("metrics");
    assertThat(manager.converge(otherMath, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
  }

  @Test
  void anAlarmWithForeignTagsIsRejectedAndLeftUntouched() {
    Ownership someoneElse = owner();
    manager.converge(alarm(someoneElse.tags()), someoneElse);
    recorder.reset();

    assertThatThrownBy(() -> manager.converge(spec, owner))
        .isInstanceOfSatisfying(TerminalException.class, e -> assertThat(e.reason()).isEqualTo("ForeignResource"));
    assertThat(recorder.mutating()).isEmpty();
  }

  @Test
  void removeDeletesTheAlarm() {
    manager.converge(spec, owner);

    assertThat(manager.remove(spec, owner).action()).isEqualTo(Convergence.Action.DELETED);
    assertThat(manager.observe(spec)).isEmpty();
  }
}
