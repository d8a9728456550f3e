package dev.finpipe.operator.aws.loggroup;

import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.ManagerContractTest;
import dev.finpipe.operator.aws.tagging.OwnedResourceTags;
import dev.finpipe.operator.support.Ownership;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

class LogGroupManagerTest extends ManagerContractTest<DesiredLogGroup, ObservedLogGroup> {
  private final LogGroupManager manager = new LogGroupManager(clients);
  private final CloudWatchLogsClient logs = clients.logs();
  private final String name = "/aws/lambda/log-test-" + suffix();

  @Override
  protected LogGroupManager manager() {
    return manager;
  }

  @Override
  protected DesiredLogGroup desired() {
    return spec(14);
  }

  private DesiredLogGroup spec(int days) {
    return new DesiredLogGroup(name, days, Optional.empty(), owner.tags());
  }

  private String arn() {
    return "arn:aws:logs:us-east-1:123456789012:log-group:" + name;
  }

  private LogGroup actual() {
    return logs.describeLogGroups(b -> b.logGroupNamePrefix(name)).logGroups().get(0);
  }

  @Override
  protected Optional<Map<String, String>> ownTags(DesiredLogGroup desired) {
    return Optional.of(logs.listTagsForResource(b -> b.resourceArn(arn())).tags());
  }

  @Override
  protected void verifyCreated(DesiredLogGroup desired, Convergence created) {
    assertThat(created.arn()).isEqualTo(arn());
    assertThat(actual().retentionInDays()).isEqualTo(14);
  }

  @Override
  protected String driftOneField(DesiredLogGroup desired) {
    logs.deleteRetentionPolicy(b -> b.logGroupName(name));
    assertThat(manager.diff(desired, manager.observe(desired).orElseThrow())).singleElement()
        .satisfies(d -> assertThat(d.actual()).isEqualTo("never expire"));
    return "retentionInDays";
  }

  @Override
  protected void verifyCorrected(DesiredLogGroup desired) {
    assertThat(recorder.mutating()).containsOnlyKeys("CloudWatchLogs:PutRetentionPolicy");
    assertThat(actual().retentionInDays()).isEqualTo(14);
  }

  @Override
  protected DesiredLogGroup createForeign(Ownership other) {
    logs.createLogGroup(b -> b.logGroupName(name).tags(other.tags()));
    return desired();
  }

  @Override
  protected void cleanUp() {
    logs.describeLogGroups(b -> b.logGroupNamePrefix(name)).logGroups()
        .forEach(g -> logs.deleteLogGroup(b -> b.logGroupName(g.logGroupName())));
  }

  @Test
  void removeLeavesALogGroupWhoseNameOnlyStartsWithOurs() {
    manager.converge(desired(), owner);
    logs.createLogGroup(b -> b.logGroupName(name + "-other"));

    assertThat(manager.remove(desired(), owner).action()).isEqualTo(Convergence.Action.DELETED);
    assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix(name)).logGroups())
        .extracting(LogGroup::logGroupName).containsExactly(name + "-other");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2, 31, 366, 4000})
  void retentionOutsideTheAllowedValuesIsRefused(int days) {
    assertThatThrownBy(() -> spec(days)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not allowed");
  }

  @Test
  void theLogGroupsOfAPassAreListedOnceByExactNameAndACreateIsNotAnsweredFromThatListing() {
    String second = name + "-second";
    logs.createLogGroup(b -> b.logGroupName(second));
    logs.createLogGroup(b -> b.logGroupName(name + "-other")); // under the common prefix, not one of ours
    LogGroupManager ofPass = new LogGroupManager(logs, new PipelineLogGroupReads(logs, List.of(name, second),
        OwnedResourceTags.none()));
    recorder.reset();

    assertThat(ofPass.observe(new DesiredLogGroup(second, 14, Optional.empty(), owner.tags()))).isPresent();
    assertThat(ofPass.observe(desired())).as("a longer name under the prefix is not ours").isEmpty();
    assertThat(recorder.snapshot()).containsEntry("CloudWatchLogs:DescribeLogGroups", 1L);

    assertThat(ofPass.converge(desired(), owner).action()).as("created, then listed again, not from the pass's")
        .isEqualTo(Convergence.Action.CREATED);
    assertThat(ofPass.observe(desired())).hasValueSatisfying(g -> assertThat(g.logGroup().retentionInDays())
        .isEqualTo(14));
  }
}
