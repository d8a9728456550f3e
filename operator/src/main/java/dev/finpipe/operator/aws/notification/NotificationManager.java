package dev.finpipe.operator.aws.notification;

import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ResourceManager;
import dev.finpipe.operator.aws.client.AwsCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
public final class NotificationManager implements ResourceManager<DesiredNotification, ObservedNotification> {
  private final S3Client s3;

  public NotificationManager(S3Client s3) {
    this.s3 = s3;
  }

  @Override
  public String kind() {
    return "S3 bucket notification";
  }

  @Override
  public String nameOf(DesiredNotification desired) {
    return desired.bucket() + "#" + desired.id();
  }

  @Override
  public String arnOf(DesiredNotification desired, ObservedNotification observed) {
    return desired.functionArn();
  }

  @Override
  public Map<String, String> tagsOf(ObservedNotification observed) {
    return observed.bucketTags();
  }

  @Override
  public Optional<ObservedNotification> observe(DesiredNotification desired) {
    if (!bucketExists(desired.bucket())) {
      return Optional.empty(); // no bucket, no notification (e.g. deleted before, or not created yet)
    }
    NotificationConfiguration config = current(desired.bucket());
    Optional<LambdaFunctionConfiguration> ours = config.lambdaFunctionConfigurations().stream()
        .filter(c -> desired.id().equals(c.id())).findFirst();
    if (ours.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ObservedNotification(bucketTags(desired.bucket()), config, ours));
  }

  @Override
  public ObservedNotification create(DesiredNotification desired) {
    NotificationConfiguration current = current(desired.bucket());
    put(desired, merged(current, desired.id(), Optional.of(configuration(desired))));
    return new ObservedNotification(desired.ownerTags(), current, Optional.of(configuration(desired)));
  }

  @Override
  public List<FieldDrift> diff(DesiredNotification desired, ObservedNotification observed) {
    List<FieldDrift> drift = new ArrayList<>();
    LambdaFunctionConfiguration actual = observed.ours().orElseThrow();
    if (!desired.functionArn().equals(actual.lambdaFunctionArn())) {
      drift.add(FieldDrift.of("notification.functionArn", desired.functionArn(), actual.lambdaFunctionArn()));
    }
    if (!List.of(Event.S3_OBJECT_CREATED.toString()).equals(actual.eventsAsStrings())) {
      drift.add(FieldDrift.of("notification.events", Event.S3_OBJECT_CREATED, actual.eventsAsStrings()));
    }
    if (!Objects.equals(desired.prefix(), prefixOf(actual))) {
      drift.add(FieldDrift.of("notification.prefix", desired.prefix(), prefixOf(actual)));
    }
    return drift;
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

  private boolean bucketExists(String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return true;
    } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException e) {
      return false;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw dev.finpipe.operator.support.AwsErrors.classify("HeadBucket " + bucket, e);
    }
  }

  private NotificationConfiguration current(String bucket) {
    var response = AwsCall.get("GetBucketNotificationConfiguration " + bucket,
        () -> s3.getBucketNotificationConfiguration(b -> b.bucket(bucket)));
    return NotificationConfiguration.builder()
        .lambdaFunctionConfigurations(response.lambdaFunctionConfigurations())
        .queueConfigurations(response.queueConfigurations())
        .topicConfigurations(response.topicConfigurations())
        .eventBridgeConfiguration(response.eventBridgeConfiguration())
        .build();
  }

  private void put(DesiredNotification desired, NotificationConfiguration configuration) {
    AwsCall.run("PutBucketNotificationConfiguration " + desired.bucket(), () -> s3.putBucketNotificationConfiguration(
        b -> b.bucket(desired.bucket()).notificationConfiguration(configuration)));
  }

  private Map<String, String> bucketTags(String bucket) {
    Map<String, String> tags = new LinkedHashMap<>();
    AwsCall.get("GetBucketTagging " + bucket, () -> s3.getBucketTagging(b -> b.bucket(bucket))).tagSet()
        .forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  private static String prefixOf(LambdaFunctionConfiguration c) {
    if (c.filter() == null || c.filter().key() == null) {
      return null;
    }
    return c.filter().key().filterRules().stream().filter(r -> "prefix".equalsIgnoreCase(r.nameAsString()))
        .map(FilterRule::value).findFirst().orElse(null);
  }
}
