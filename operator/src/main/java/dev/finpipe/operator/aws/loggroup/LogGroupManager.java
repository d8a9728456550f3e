package dev.finpipe.operator.aws.loggroup;

import static dev.finpipe.operator.aws.loggroup.LogGroupField.KMS_KEY;
import static dev.finpipe.operator.aws.loggroup.LogGroupField.RETENTION;
import static dev.finpipe.operator.aws.loggroup.LogGroupField.TAGS;

import dev.finpipe.operator.aws.AbstractResourceManager;
import dev.finpipe.operator.aws.Drift;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.client.AwsClients;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * A CloudWatch Logs log group: retention, KMS key, ownership tags. Deleting it is the caller's decision. Observed
 * with one {@code DescribeLogGroups} per pass for all the pipeline's log groups ({@link PipelineLogGroupReads}) and
 * its tags from the pass's tag listing, else {@code ListTagsForResource}.
 */
public final class LogGroupManager
    extends AbstractResourceManager<DesiredLogGroup, ObservedLogGroup, CloudWatchLogsClient> {
  private final PipelineLogGroupReads reads;

  public LogGroupManager(AwsClients clients) {
    this(clients.logs(), PipelineLogGroupReads.unshared(clients.logs()));
  }

  /** A log group manager whose DescribeLogGroups is {@code reads}' (shared by the log-group rows of a pass). */
  public LogGroupManager(CloudWatchLogsClient logs, PipelineLogGroupReads reads) {
    super("log group", logs);
    this.reads = reads;
  }

  @Override
  public Optional<ObservedLogGroup> observe(DesiredLogGroup desired) {
    return reads.find(desired.name()).flatMap(this::withTags);
  }

  private Optional<ObservedLogGroup> withTags(LogGroup group) {
    String arn = arnWithoutStreams(group);
    Optional<Map<String, String>> listed = reads.listedTags().of(arn);
    if (listed.isPresent()) {
      return Optional.of(new ObservedLogGroup(group, arn, listed.get()));
    }
    // ListTagsForResource wants the ARN without ":*" (moto answers {} for the other form).
    return AwsCall.unlessAbsent("ListTagsForResource " + group.logGroupName(),
        () -> client.listTagsForResource(b -> b.resourceArn(arn)).tags(), ResourceNotFoundException.class::isInstance)
        .map(tags -> new ObservedLogGroup(group, arn, tags));
  }

  @Override
  public ObservedLogGroup create(DesiredLogGroup desired) {
    String name = desired.name();
    AwsCall.run("CreateLogGroup " + name, () -> client.createLogGroup(b -> b.logGroupName(name)
        .kmsKeyId(desired.kmsKeyArn().orElse(null)).tags(desired.tags())));
    putRetention(desired);
    reads.forget();
    // Its tags are the ones CreateLogGroup just gave it: no ListTagsForResource to learn them.
    return reads.find(name).map(group -> new ObservedLogGroup(group, arnWithoutStreams(group), desired.tags()))
        .orElseThrow(() -> new IllegalStateException("log group " + name + " is not visible right after its creation"));
  }

  @Override
  public List<FieldDrift> diff(DesiredLogGroup desired, ObservedLogGroup observed) {
    Integer retention = observed.logGroup().retentionInDays();
    String key = observed.logGroup().kmsKeyId();
    return new Drift()
        .compare(RETENTION, desired.retentionDays(), retention == null ? "never expire" : retention)
        .compare(KMS_KEY, desired.kmsKeyArn().orElse(null), key == null || key.isEmpty() ? null : key)
        .tags(TAGS, desired.tags(), observed.tags())
        .list();
  }

  @Override
  public void update(DesiredLogGroup desired, ObservedLogGroup observed, List<FieldDrift> drift) {
    String name = desired.name();
    Set<LogGroupField> fields = FieldDrift.fields(drift, LogGroupField.class);
    if (fields.contains(RETENTION)) {
      putRetention(desired);
    }
    if (fields.contains(KMS_KEY)) {
      desired.kmsKeyArn().ifPresentOrElse(
          key -> AwsCall.run("AssociateKmsKey " + name,
              () -> client.associateKmsKey(b -> b.logGroupName(name).kmsKeyId(key))),
          () -> AwsCall.run("DisassociateKmsKey " + name,
              () -> client.disassociateKmsKey(b -> b.logGroupName(name))));
    }
    if (fields.contains(TAGS)) {
      AwsCall.run("TagResource " + name,
          () -> client.tagResource(b -> b.resourceArn(observed.arn()).tags(desired.tags())));
      reads.listedTags().forget(observed.arn());
    }
    reads.forget();
  }

  @Override
  public String arnOf(DesiredLogGroup desired, ObservedLogGroup observed) {
    return observed.arn();
  }

  @Override
  public void delete(DesiredLogGroup desired, ObservedLogGroup observed) {
    AwsCall.unlessGone("DeleteLogGroup " + desired.name(),
        () -> client.deleteLogGroup(b -> b.logGroupName(desired.name())), ResourceNotFoundException.class::isInstance);
    reads.forget();
  }

  private void putRetention(DesiredLogGroup desired) {
    AwsCall.run("PutRetentionPolicy " + desired.name(), () -> client.putRetentionPolicy(
        b -> b.logGroupName(desired.name()).retentionInDays(desired.retentionDays())));
  }

  private static String arnWithoutStreams(LogGroup group) {
    if (group.logGroupArn() != null) {
      return group.logGroupArn();
    }
    String arn = group.arn();
    return arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn;
  }
}
