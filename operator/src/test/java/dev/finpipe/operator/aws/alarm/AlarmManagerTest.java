package dev.finpipe.operator.aws.alarm;

import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ManagerContractTest;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.testing.Moto;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

class AlarmManagerTest extends ManagerContractTest<DesiredAlarm, ObservedAlarm> {
  private final AlarmManager manager = new AlarmManager(clients);
  private final String function = "fn-" + suffix();
  private final String topic = "arn:aws:sns:" + Moto.region() + ":" + Moto.ACCOUNT_ID + ":alerts";
  private final DesiredAlarm spec = alarm(owner.tags());

  @Override
  protected AlarmManager manager() {
    return manager;
  }

  @Override
  protected DesiredAlarm desired() {
    return spec;
  }

  private DesiredAlarm alarm(Map<String, String> tags) {
    return alarm(function + "-error-rate", tags);
  }

  private DesiredAlarm alarm(String name, Map<String, String> tags) {
    return new DesiredAlarm(name, "Error rate of " + function + " above 1 %",
        AlarmTestQueries.errorRate(function), 1.0, DesiredAlarm.GREATER_THAN_THRESHOLD, 2, 2,
        DesiredAlarm.NOT_BREACHING, List.of(topic), tags);
  }

  private MetricAlarm actual() {
    return clients.cloudWatch().describeAlarms(r -> r.alarmNames(spec.alarmName())).metricAlarms().get(0);
  }

  @Override
  protected Optional<Map<String, String>> ownTags(DesiredAlarm desired) {
    return Optional.of(clients.cloudWatch().listTagsForResource(r -> r.resourceARN(actual().alarmArn())).tags()
        .stream().collect(Collectors.toMap(Tag::key, Tag::value)));
  }

  @Override
  protected void verifyCreated(DesiredAlarm desired, Convergence created) {
    assertThat(actual().treatMissingData()).isEqualTo("notBreaching");
    assertThat(actual().alarmActions()).containsExactly(topic);
  }

  @Override
  protected String driftOneField(DesiredAlarm desired) {
    clients.cloudWatch().putMetricAlarm(r -> r.alarmName(spec.alarmName()).alarmDescription(spec.description())
        .metrics(spec.metrics()).threshold(50.0).comparisonOperator(spec.comparisonOperator())
        .evaluationPeriods(2).datapointsToAlarm(2).treatMissingData("notBreaching").alarmActions(topic));
    return "threshold";
  }

  @Override
  protected void verifyCorrected(DesiredAlarm desired) {
    assertThat(actual().threshold()).isEqualTo(1.0);
  }

  @Override
  protected DesiredAlarm createForeign(Ownership other) {
    manager.create(alarm(other.tags()));
    return spec;
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
  void theAlarmsOfAPassAreDescribedOnceAndACreateIsNotAnsweredFromThatRead() {
    DesiredAlarm second = alarm(function + "-second", owner.tags());
    manager.converge(second, owner);
    try {
      AlarmManager ofPass = new AlarmManager(clients.cloudWatch(),
          new PipelineAlarmReads(clients.cloudWatch(), List.of(spec.alarmName(), second.alarmName())));
      recorder.reset();

      assertThat(ofPass.observe(second)).isPresent();
      assertThat(ofPass.observe(spec)).isEmpty();
      assertThat(recorder.snapshot()).containsEntry("CloudWatch:DescribeAlarms", 1L);

      assertThat(ofPass.converge(spec, owner).action()).as("created, then read again, not from the pass's read")
          .isEqualTo(Convergence.Action.CREATED);
      assertThat(ofPass.observe(spec)).isPresent();
    } finally {
      clients.cloudWatch().deleteAlarms(r -> r.alarmNames(second.alarmName()));
    }
  }
}
