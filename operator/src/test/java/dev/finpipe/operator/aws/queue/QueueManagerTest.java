package dev.finpipe.operator.aws.queue;

import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ManagerContractTest;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.testing.Moto;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

class QueueManagerTest extends ManagerContractTest<DesiredQueue, ObservedQueue> {
  private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private final QueueManager manager = new QueueManager(clients, Moto.ACCOUNT_ID);
  private final SqsClient sqs = clients.sqs();
  private final String name = "dlq-test-" + suffix();

  @Override
  protected QueueManager manager() {
    return manager;
  }

  @Override
  protected DesiredQueue desired() {
    return spec(Optional.empty());
  }

  private DesiredQueue spec(Optional<String> key) {
    return new DesiredQueue(name, DesiredQueue.DEFAULT_RETENTION_SECONDS, key, owner.tags());
  }

  private String url() {
    return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
  }

  private Map<String, String> attributes() {
    return sqs.getQueueAttributes(b -> b.queueUrl(url()).attributeNamesWithStrings("All")).attributesAsStrings();
  }

  @Override
  protected Optional<Map<String, String>> ownTags(DesiredQueue desired) {
    return Optional.of(sqs.listQueueTags(b -> b.queueUrl(url())).tags());
  }

  @Override
  protected void verifyCreated(DesiredQueue desired, Convergence created) {
    assertThat(created.arn()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:" + name);
    assertThat(attributes()).containsEntry("MessageRetentionPeriod", "1209600")
        .containsEntry("SqsManagedSseEnabled", "true").doesNotContainKey("KmsMasterKeyId");
  }

  @Override
  protected String driftOneField(DesiredQueue desired) {
    sqs.setQueueAttributes(b -> b.queueUrl(url()).attributesWithStrings(Map.of("MessageRetentionPeriod", "3600")));
    return "MessageRetentionPeriod";
  }

  @Override
  protected void verifyCorrected(DesiredQueue desired) {
    assertThat(recorder.mutating()).containsOnlyKeys("Sqs:SetQueueAttributes");
    assertThat(attributes()).containsEntry("MessageRetentionPeriod", "1209600");
  }

  @Override
  protected DesiredQueue createForeign(Ownership other) {
    sqs.createQueue(b -> b.queueName(name).attributesWithStrings(Map.of("MessageRetentionPeriod", "3600"))
        .tags(other.tags()));
    return desired();
  }

  @Test
  void customerKeyIsStableAndSwitchingBackToSqsManagedKeysIsOneUpdate() {
    assertThat(manager.converge(spec(Optional.of(KEY)), owner).action()).isEqualTo(Convergence.Action.CREATED);
    assertThat(attributes()).containsEntry("KmsMasterKeyId", KEY);
    assertThat(manager.converge(spec(Optional.of(KEY)), owner).action()).isEqualTo(Convergence.Action.UNCHANGED);

    Convergence switched = manager.converge(spec(Optional.empty()), owner);
    assertThat(switched.corrected()).extracting(FieldDrift::field).containsExactly("KmsMasterKeyId");
    assertThat(attributes().get("KmsMasterKeyId")).isNullOrEmpty();
    assertThat(manager.converge(spec(Optional.empty()), owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
  }

  /**
   * SQS allows one server-side encryption option per queue: switching from SQS-managed keys to a customer key
   * turns SqsManagedSseEnabled off in the same SetQueueAttributes that sets the key.
   */
  @Test
  void switchingFromSqsManagedKeysToACustomerKeyTurnsSqsManagedEncryptionOff() {
    manager.converge(desired(), owner);
    assertThat(attributes()).containsEntry("SqsManagedSseEnabled", "true");
    recorder.reset();

    Convergence switched = manager.converge(spec(Optional.of(KEY)), owner);

    assertThat(switched.corrected()).extracting(FieldDrift::field).containsExactly("KmsMasterKeyId");
    assertThat(recorder.mutating()).containsOnlyKeys("Sqs:SetQueueAttributes");
    Map<String, String> attributes = attributes();
    assertThat(attributes).containsEntry("KmsMasterKeyId", KEY);
    assertThat(attributes.get("SqsManagedSseEnabled")).as("SqsManagedSseEnabled").isIn(null, "false");
    assertThat(manager.converge(spec(Optional.of(KEY)), owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
  }

  @Test
  void messagesAreCountedSoTheCallerCanRetainAQueue() {
    manager.converge(desired(), owner);
    ObservedQueue empty = manager.observe(desired()).orElseThrow();
    assertThat(empty.approximateMessages()).isZero();
    assertThat(manager.holdsData(empty)).isFalse();

    sqs.sendMessage(b -> b.queueUrl(empty.url()).messageBody("{\"failed\":true}"));

    ObservedQueue holding = manager.observe(desired()).orElseThrow();
    assertThat(holding.approximateMessages()).isEqualTo(1);
    assertThat(manager.holdsData(holding)).isTrue();
  }

  @Test
  void aMissingQueueIsSeenAtItsDerivedUrlWithoutGetQueueUrl() {
    manager.converge(desired(), owner);
    sqs.deleteQueue(b -> b.queueUrl(url()));
    recorder.reset();

    assertThat(manager.observe(desired())).isEmpty();
    assertThat(recorder.snapshot()).containsKey("Sqs:GetQueueAttributes").doesNotContainKey("Sqs:GetQueueUrl");
  }

  @Test
  void anExistingQueueIsReadAtTheUrlSqsGaveIt() {
    manager.converge(desired(), owner);
    String url = url();
    recorder.reset();

    assertThat(manager.observe(desired())).hasValueSatisfying(q -> assertThat(q.url()).isEqualTo(url));
    assertThat(recorder.snapshot()).doesNotContainKey("Sqs:GetQueueUrl");
  }
}
