package dev.finpipe.operator.aws.loggroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.support.TerminalException;
import dev.finpipe.operator.testing.Moto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

class LogGroupManagerTest {
  private static final AwsCallRecorder RECORDER = new AwsCallRecorder(new SimpleMeterRegistry());
  private static final AwsClients CLIENTS = Moto.clients(RECORDER);
  private final LogGroupManager manager = new LogGroupManager(CLIENTS);
  private final CloudWatchLogsClient logs = CLIENTS.logs();
  private final Ownership owner = new Ownership("ns", "pipeline", UUID.randomUUID().toString());
  private final String name = "/aws/lambda/log-test-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterAll
  static void closeClients() {
    CLIENTS.close();
  }

  private DesiredLogGroup spec(int days) {
    return new DesiredLogGroup(name, days, Optional.empty(), owner.tags());
  }

  private LogGroup actual() {
    return logs.describeLogGroups(b -> b.logGroupNamePrefix(name)).logGroups().get(0);
  }

  @Test
  void createdLogGroupHasRetentionAndTagsAndASecondConvergeMakesNoMutatingCall() {
    Convergence created = manager.converge(spec(30), owner);
    assertThat(created.action()).isEqualTo(Convergence.Action.CREATED);
    assertThat(created.arn()).isEqualTo("arn:aws:logs:us-east-1:123456789012:log-group:" + name);
    assertThat(actual().retentionInDays()).isEqualTo(30);
    assertThat(logs.listTagsForResource(b -> b.resourceArn(created.arn())).tags()).containsAllEntriesOf(owner.tags());

    RECORDER.reset();
    assertThat(manager.converge(spec(30), owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
    assertThat(RECORDER.mutating()).isEmpty();
  }

  @Test
  void retentionChangedOutOfBandIsDetectedAndCorrectedAlone() {
    manager.converge(spec(14), owner);
    logs.deleteRetentionPolicy(b -> b.logGroupName(name));

    RECORDER.reset();
    Convergence updated = manager.converge(spec(14), owner);
    assertThat(updated.corrected()).singleElement().satisfies(d -> {
      assertThat(d.field()).isEqualTo("retentionInDays");
      assertThat(d.actual()).isEqualTo("never expire");
    });
    assertThat(RECORDER.mutating()).containsOnlyKeys("CloudWatchLogs:PutRetentionPolicy");
    assertThat(actual().retentionInDays()).isEqualTo(14);
  }

  @Test
  void logGroupOwnedBySomeoneElseIsRefusedAndLeftUntouched() {
    logs.createLogGroup(b -> b.logGroupName(name).tags(Map.of(Ownership.TAG_UID, "someone-else")));

    RECORDER.reset();
    assertThatThrownBy(() -> manager.converge(spec(30), owner))
        .isInstanceOfSatisfying(TerminalException.class, e -> assertThat(e.reason()).isEqualTo("ForeignResource"));
    assertThat(RECORDER.mutating()).isEmpty();
    assertThat(actual().retentionInDays()).isNull();
    logs.deleteLogGroup(b -> b.logGroupName(name));
  }

  @Test
  void deleteRemovesTheLogGroupButNotOneWithALongerName() {
    manager.converge(spec(30), owner);
    logs.createLogGroup(b -> b.logGroupName(name + "-other"));

    assertThat(manager.remove(spec(30), owner).action()).isEqualTo(Convergence.Action.DELETED);
    assertThat(manager.observe(spec(30))).isEmpty();
    assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix(name)).logGroups())
        .extracting(LogGroup::logGroupName).containsExactly(name + "-other");
    logs.deleteLogGroup(b -> b.logGroupName(name + "-other"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2, 31, 366, 4000})
  void retentionOutsideTheAllowedValuesIsRefused(int days) {
    assertThatThrownBy(() -> spec(days)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not allowed");
  }
}
