package dev.finpipe.operator.aws.notification;

import static dev.finpipe.operator.aws.notification.NotificationField.EVENTS;
import static dev.finpipe.operator.aws.notification.NotificationField.FUNCTION_ARN;
import static dev.finpipe.operator.aws.notification.NotificationField.PREFIX;

import dev.finpipe.operator.aws.AbstractResourceManager;
import dev.finpipe.operator.aws.Drift;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ResourceManager;
import dev.finpipe.operator.aws.bucket.BucketManager;
import dev.finpipe.operator.aws.bucket.PassBucketReads;
import dev.finpipe.operator.aws.client.AwsCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;

/**
 * The processor's entry in the bucket's notification configuration. Other entries (other ids, queue and topic
 * configurations) are kept: S3 replaces the whole configuration on every put, so each put merges. The
 * invoke permission must exist first: S3 validates the destination ("Unable to validate the following
 * destination configurations", classified retryable).
 */
public final class NotificationManager
    extends AbstractResourceManager<DesiredNotification, ObservedNotification, S3Client> {
  private final PassBucketReads bucketReads;

  public NotificationManager(S3Client s3) {
    this(s3, PassBucketReads.unshared(s3));
  }

  /** A notification manager that reads the bucket's existence and tags through {@code bucketReads}. */
  public NotificationManager(S3Client s3, PassBucketReads bucketReads) {
    super("S3 bucket notification", s3);
    this.bucketReads = bucketReads;
  }

  @Override
  public String arnOf(DesiredNotification desired, ObservedNotification observed) {
    return desired.functionArn();
  }

  @Override
  public Optional<ObservedNotification> observe(DesiredNotification desired) {
    Optional<Map<String, String>> bucketTags = bucketReads.tagsIfExists(desired.bucket());
    if (bucketTags.isEmpty()) {
      return Optional.empty(); // no bucket, no notification (e.g. deleted before, or not created yet)
    }
    NotificationConfiguration config = current(desired.bucket());
    Optional<LambdaFunctionConfiguration> ours = config.lambdaFunctionConfigurations().stream()
        .filter(c -> desired.id().equals(c.id())).findFirst();
    if (ours.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ObservedNotification(bucketTags.get(), config, ours));
  }

  /** The bucket: no entry is put into a bucket owned by someone else. */
  @Override
  public Optional<Parent> parent(DesiredNotification desired) {
    return bucketReads.tagsIfExists(desired.bucket())
        .map(tags -> new Parent(BucketManager.KIND, desired.bucket(), tags));
  }

  @Override
  public ObservedNotification create(DesiredNotification desired) {
    NotificationConfiguration current = current(desired.bucket());
    put(desired, merged(current, desired.id(), Optional.of(configuration(desired))));
    return new ObservedNotification(desired.ownerTags(), current, Optional.of(configuration(desired)));
  }

  @Override
  public List<FieldDrift> diff(DesiredNotification desired, ObservedNotification observed) {
    LambdaFunctionConfiguration actual = observed.ours().orElseThrow();
    return new Drift()
        .compare(FUNCTION_ARN, desired.functionArn(), actual.lambdaFunctionArn())
        .compare(EVENTS, List.of(Event.S3_OBJECT_CREATED.toString()), actual.eventsAsStrings())
        .compare(PREFIX, desired.prefix(), prefixOf(actual))
        .list();
  }

  @Override
  public void update(DesiredNotification desired, ObservedNotification observed, List<FieldDrift> drift) {
    put(desired, merged(observed.configuration(), desired.id(), Optional.of(configuration(desired))));
  }

  @Override
  public void delete(DesiredNotification desired, ObservedNotification observed) {
    put(desired, merged(observed.configuration(), desired.id(), Optional.empty()));
  }

  static LambdaFunctionConfiguration configuration(DesiredNotification desired) {
    return LambdaFunctionConfiguration.builder()
        .id(desired.id())
        .lambdaFunctionArn(desired.functionArn())
        .events(Event.S3_OBJECT_CREATED)
        // "prefix" as the S3 API documents it; the SDK enum renders "Prefix", which the emulator refuses.
        .filter(f -> f.key(k -> k.filterRules(FilterRule.builder()
            .name("prefix").value(desired.prefix()).build())))
        .build();
  }

  /** The configuration with our entry replaced (or removed when {@code ours} is empty), others untouched. */
  static NotificationConfiguration merged(NotificationConfiguration current, String id,
                                          Optional<LambdaFunctionConfiguration> ours) {
    List<LambdaFunctionConfiguration> lambdas = new ArrayList<>(current.lambdaFunctionConfigurations().stream()
        .filter(c -> !id.equals(c.id())).toList());
    ours.ifPresent(lambdas::add);
    return current.toBuilder().lambdaFunctionConfigurations(lambdas).build();
  }

  private NotificationConfiguration current(String bucket) {
    var response = AwsCall.get("GetBucketNotificationConfiguration " + bucket,
        () -> client.getBucketNotificationConfiguration(b -> b.bucket(bucket)));
    return NotificationConfiguration.builder()
        .lambdaFunctionConfigurations(response.lambdaFunctionConfigurations())
        .queueConfigurations(response.queueConfigurations())
        .topicConfigurations(response.topicConfigurations())
        .eventBridgeConfiguration(response.eventBridgeConfiguration())
        .build();
  }

  private void put(DesiredNotification desired, NotificationConfiguration configuration) {
    AwsCall.run("PutBucketNotificationConfiguration " + desired.bucket(), () -> client
        .putBucketNotificationConfiguration(
        b -> b.bucket(desired.bucket()).notificationConfiguration(configuration)));
  }

  private static String prefixOf(LambdaFunctionConfiguration c) {
    if (c.filter() == null || c.filter().key() == null) {
      return null;
    }
    return c.filter().key().filterRules().stream().filter(r -> "prefix".equalsIgnoreCase(r.nameAsString()))
        .map(FilterRule::value).findFirst().orElse(null);
  }
}
