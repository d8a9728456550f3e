package dev.finpipe.operator.aws.notification;

import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.ManagerContractTest;
import dev.finpipe.operator.policy.BucketLayout;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.testing.LambdaTestSupport;
import dev.finpipe.operator.testing.Moto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The notification is one entry of its bucket's configuration and has no tags: it belongs to the bucket's
 * owner, so the foreign cases use a foreign bucket.
 */
class NotificationManagerTest extends ManagerContractTest<DesiredNotification, ObservedNotification> {
  private static final String ID = BucketLayout.PROCESSOR_NOTIFICATION;
  private final NotificationManager manager = new NotificationManager(clients.s3());
  private final S3Client s3 = clients.s3();
  private final String processor = "arn:aws:lambda:" + Moto.region() + ":" + Moto.ACCOUNT_ID + ":function:processor-"
      + suffix();
  private final List<String> buckets = new ArrayList<>();
  private final String bucket = bucket(owner);
  private final DesiredNotification spec = inBucket(bucket);

  @Override
  protected NotificationManager manager() {
    return manager;
  }

  @Override
  protected DesiredNotification desired() {
    return spec;
  }

  private DesiredNotification inBucket(String name) {
    return new DesiredNotification(name, ID, processor, BucketLayout.INCOMING, owner.tags());
  }

  /** A new bucket owned by {@code whom}, with no notification. */
  private String bucket(Ownership whom) {
    String name = "fp-notify-" + suffix();
    s3.createBucket(b -> b.bucket(name));
    s3.putBucketTagging(b -> b.bucket(name).tagging(t -> t.tagSet(whom.tags().entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
    buckets.add(name);
    return name;
  }

  private List<LambdaFunctionConfiguration> entries(String name) {
    return s3.getBucketNotificationConfiguration(b -> b.bucket(name)).lambdaFunctionConfigurations();
  }

  private static LambdaFunctionConfiguration entry(String id, String functionArn, String prefix) {
    return LambdaFunctionConfiguration.builder().id(id).lambdaFunctionArn(functionArn)
        .events(Event.S3_OBJECT_CREATED)
        .filter(f -> f.key(k -> k.filterRules(FilterRule.builder().name("prefix").value(prefix).build())))
        .build();
  }

  /** Replaces the bucket's whole notification configuration, as a console user would. */
  private void putOutOfBand(String name, LambdaFunctionConfiguration... entries) {
    s3.putBucketNotificationConfiguration(b -> b.bucket(name).notificationConfiguration(
        c -> c.lambdaFunctionConfigurations(entries)));
  }

  @Override
  protected Optional<Map<String, String>> ownTags(DesiredNotification desired) {
    return Optional.empty();
  }

  @Override
  protected void verifyCreated(DesiredNotification desired, Convergence created) {
    assertThat(entries(bucket)).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo(ID);
      assertThat(e.lambdaFunctionArn()).isEqualTo(processor);
      assertThat(e.eventsAsStrings()).containsExactly("s3:ObjectCreated:*");
      assertThat(e.filter().key().filterRules()).singleElement()
          .satisfies(r -> assertThat(r.value()).isEqualTo(BucketLayout.INCOMING));
    });
  }

  @Override
  protected String driftOneField(DesiredNotification desired) {
    putOutOfBand(bucket, entry(ID, processor, "elsewhere/"));
    return "notification.prefix";
  }

  @Override
  protected void verifyCorrected(DesiredNotification desired) {
    assertThat(entries(bucket)).singleElement()
        .satisfies(e -> assertThat(e.filter().key().filterRules().get(0).value()).isEqualTo(BucketLayout.INCOMING));
  }

  @Override
  protected DesiredNotification createForeign(Ownership other) {
    String theirs = bucket(other);
    putOutOfBand(theirs, entry(ID, processor, "theirs/"));
    return inBucket(theirs);
  }

  @Override
  protected void cleanUp() {
    buckets.forEach(name -> s3.deleteBucket(b -> b.bucket(name)));
  }

  @Test
  void noEntryIsPutInABucketOwnedBySomeoneElse() {
    assertRefusedAndLeftUntouched(inBucket(bucket(LambdaTestSupport.owner())));
  }

  @Test
  void otherEntriesOfTheBucketAreKeptWhenOursIsPutAndRemoved() {
    LambdaFunctionConfiguration others = entry("audit", processor.replace("processor-", "audit-"), "results/");
    putOutOfBand(bucket, others);

    assertThat(manager.converge(spec, owner).action()).isEqualTo(Convergence.Action.CREATED);
    assertThat(entries(bucket)).extracting(LambdaFunctionConfiguration::id).containsExactlyInAnyOrder("audit", ID);
    assertThat(manager.converge(spec, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);

    assertThat(manager.remove(spec, owner).action()).isEqualTo(Convergence.Action.DELETED);
    assertThat(entries(bucket)).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo("audit");
      assertThat(e.lambdaFunctionArn()).isEqualTo(others.lambdaFunctionArn());
      assertThat(e.filter().key().filterRules().get(0).value()).isEqualTo("results/");
    });
  }

  @Test
  void noBucketMeansNoNotification() {
    DesiredNotification nowhere = inBucket("fp-notify-missing-" + suffix());

    assertThat(manager.observe(nowhere)).isEmpty();
    assertThat(manager.remove(nowhere, owner).action()).isEqualTo(Convergence.Action.ABSENT);
  }
}
