package dev.finpipe.operator.aws.queue;

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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

class QueueManagerTest {
  private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final AwsCallRecorder RECORDER = new AwsCallRecorder(new SimpleMeterRegistry());
  private static final AwsClients CLIENTS = Moto.clients(RECORDER);
  private final QueueManager manager = new QueueManager(CLIENTS);
  private final SqsClient sqs = CLIENTS.sqs();
  private final Ownership owner = new Ownership("ns", "pipeline", UUID.randomUUID().toString());
  private final String name = "dlq-test-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterAll
  static void closeClients() {
    CLIENTS.close();
  }

  private DesiredQueue spec(Optional<String> key) {
    return new DesiredQueue(name, DesiredQueue.DEFAULT_RETENTION_SECONDS, key, owner.tags());
  }

  private Map<String, String> attributes() {
    String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
    return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("All")).attributesAsStrings();
  }

  @Test
  void createdQueueIsEncryptedTaggedAndASecondConvergeMakesNoMutatingCall() {
    Convergence created = manager.converge(spec(Optional.empty()), owner);
    assertThat(created.action()).isEqualTo(Convergence.Action.CREATED);
    assertThat(created.arn()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:" + name);
    assertThat(attributes()).containsEntry("MessageRetentionPeriod", "1209600")
        .containsEntry("SqsManagedSseEnabled", "true").doesNotContainKey("KmsMasterKeyId");
    String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
    assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).containsAllEntriesOf(owner.tags());

    RECORDER.reset();
    assertThat(manager.converge(spec(Optional.empty()), owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
    assertThat(RECORDER.mutating()).isEmpty();
  }

  @Test
  void retentionChangedOutOfBandIsDetectedAndCorrectedAlone() {
    manager.converge(spec(Optional.empty()), owner);
    String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
    sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("MessageRetentionPeriod", "3600")));

    RECORDER.reset();
    Convergence updated = manager.converge(spec(Optional.empty()), owner);
    assertThat(updated.action()).isEqualTo(Convergence.Action.UPDATED);
    assertThat(updated.corrected()).extracting(FieldDrift::field).containsExactly("MessageRetentionPeriod");
    assertThat(RECORDER.mutating()).containsOnlyKeys("Sqs:SetQueueAttributes");
    assertThat(attributes()).containsEntry("MessageRetentionPeriod", "1209600");
    assertThat(manager.converge(spec(Optional.empty()), owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
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

  @Test
  void queueOwnedBySomeoneElseIsRefusedAndLeftUntouched() {
    Ownership other = new Ownership("elsewhere", "theirs", UUID.randomUUID().toString());
    sqs.createQueue(b -> b.queueName(name).attributesWithStrings(Map.of("MessageRetentionPeriod", "3600"))
        .tags(other.tags()));

    RECORDER.reset();
    assertThatThrownBy(() -> manager.converge(spec(Optional.empty()), owner))
        .isInstanceOfSatisfying(TerminalException.class, e -> assertThat(e.reason()).isEqualTo("ForeignResource"));
    assertThat(RECORDER.mutating()).isEmpty();
    assertThat(attributes()).containsEntry("MessageRetentionPeriod", "3600");
  }

  @Test
  void messagesAreCountedSoTheCallerCanRetainAQueueAndDeleteRemovesIt() {
    manager.converge(spec(Optional.empty()), owner);
    ObservedQueue empty = manager.observe(spec(Optional.empty())).orElseThrow();
    assertThat(empty.approximateMessages()).isZero();
    sqs.sendMessage(b -> b.queueUrl(empty.url()).messageBody("{\"failed\":true}"));
    assertThat(manager.observe(spec(Optional.empty())).orElseThrow().approximateMessages())
        .isEqualTo(1);

    assertThat(manager.remove(spec(Optional.empty()), owner).action()).isEqualTo(Convergence.Action.DELETED);
    assertThat(manager.observe(spec(Optional.empty()))).isEmpty();
  }
}
