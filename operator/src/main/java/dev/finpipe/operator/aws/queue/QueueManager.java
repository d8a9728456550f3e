package dev.finpipe.operator.aws.queue;

import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ResourceManager;
import dev.finpipe.operator.aws.TagDiff;
import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.client.AwsClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * A function's SQS dead-letter queue: retention, encryption at rest, ownership tags. Whether a queue that
 * still holds messages may be deleted is the caller's decision ({@link #approximateMessages}).
 */
public final class QueueManager implements ResourceManager<DesiredQueue,
    QueueManager.ObservedQueue> {
  static final String RETENTION = QueueAttributeName.MESSAGE_RETENTION_PERIOD.toString();
  static final String SQS_MANAGED_SSE = QueueAttributeName.SQS_MANAGED_SSE_ENABLED.toString();
  static final String KMS_KEY = QueueAttributeName.KMS_MASTER_KEY_ID.toString();
  static final String TAGS = "tags";

  /** The queue as read from SQS: its URL, every attribute, its tags. */
  public record ObservedQueue(String url, Map<String, String> attributes, Map<String, String> tags) {
  }

  private final SqsClient sqs;

  public QueueManager(AwsClients clients) {
    this.sqs = clients.sqs();
  }

  @Override
  public Optional<ObservedQueue> observe(DesiredQueue desired) {
    String name = desired.name();
    return AwsCall.unlessAbsent("GetQueueUrl " + name,
            () -> sqs.getQueueUrl(b -> b.queueName(name)).queueUrl(), QueueManager::queueIsMissing)
        .flatMap(url -> AwsCall.unlessAbsent("read queue " + name, () -> read(url),
            QueueManager::queueIsMissing));
  }

  @Override
  public Map<String, String> tagsOf(ObservedQueue observed) {
    return observed.tags();
  }

  @Override
  public ObservedQueue create(DesiredQueue desired) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(RETENTION, String.valueOf(desired.messageRetentionSeconds()));
    desired.kmsKeyArn().ifPresentOrElse(key -> attributes.put(KMS_KEY, key),
        () -> attributes.put(SQS_MANAGED_SSE, "true"));
    String url = AwsCall.get("CreateQueue " + desired.name(),
        () -> sqs.createQueue(b -> b.queueName(desired.name()).attributesWithStrings(attributes)
            .tags(desired.tags())).queueUrl());
    return AwsCall.get("read queue " + desired.name(), () -> read(url));
  }

  @Override
  public List<FieldDrift> diff(DesiredQueue desired, ObservedQueue observed) {
    Map<String, String> actual = observed.attributes();
    List<FieldDrift> drift = new ArrayList<>();
    String retention = String.valueOf(desired.messageRetentionSeconds());
    if (!retention.equals(actual.get(RETENTION))) {
      drift.add(FieldDrift.of(RETENTION, retention, actual.get(RETENTION)));
    }
    String actualKey = Optional.ofNullable(actual.get(KMS_KEY)).filter(k -> !k.isEmpty()).orElse(null);
    if (desired.kmsKeyArn().isPresent()) {
      // moto (and SQS right after a switch) may still report SqsManagedSseEnabled=true next to a KMS key:
      // with a customer key, the key alone decides.
      if (!desired.kmsKeyArn().get().equals(actualKey)) {
        drift.add(FieldDrift.of(KMS_KEY, desired.kmsKeyArn().get(), actualKey));
      }
    } else {
      if (actualKey != null) {
        drift.add(FieldDrift.of(KMS_KEY, "<none>", actualKey));
      }
      if (!"true".equals(actual.get(SQS_MANAGED_SSE))) {
        drift.add(FieldDrift.of(SQS_MANAGED_SSE, "true", actual.get(SQS_MANAGED_SSE)));
      }
    }
    Map<String, String> missingTags = TagDiff.missing(desired.tags(), observed.tags());
    if (!missingTags.isEmpty()) {
      drift.add(FieldDrift.of(TAGS, missingTags, observed.tags()));
    }
    return drift;
  }

  @Override
  public void update(DesiredQueue desired, ObservedQueue observed, List<FieldDrift> drift) {
    List<String> fields = drift.stream().map(FieldDrift::field).toList();
    Map<String, String> attributes = new LinkedHashMap<>();
    if (fields.contains(RETENTION)) {
      attributes.put(RETENTION, String.valueOf(desired.messageRetentionSeconds()));
    }
    if (fields.contains(KMS_KEY) || fields.contains(SQS_MANAGED_SSE)) {
      // Only one encryption option per queue: an empty key id switches KMS off.
      desired.kmsKeyArn().ifPresentOrElse(key -> attributes.put(KMS_KEY, key), () -> {
        attributes.put(KMS_KEY, "");
        attributes.put(SQS_MANAGED_SSE, "true");
      });
    }
    if (!attributes.isEmpty()) {
      AwsCall.run("SetQueueAttributes " + desired.name(),
          () -> sqs.setQueueAttributes(b -> b.queueUrl(observed.url()).attributesWithStrings(attributes)));
    }
    if (fields.contains(TAGS)) {
      AwsCall.run("TagQueue " + desired.name(),
          () -> sqs.tagQueue(b -> b.queueUrl(observed.url()).tags(desired.tags())));
    }
  }

  @Override
  public String nameOf(DesiredQueue desired) {
    return desired.name();
  }

  @Override
  public String arnOf(DesiredQueue desired, ObservedQueue observed) {
    return observed.attributes().get(QueueAttributeName.QUEUE_ARN.toString());
  }

  @Override
  public String kind() {
    return "SQS queue";
  }

  @Override
  public void delete(DesiredQueue desired, ObservedQueue observed) {
    AwsCall.unlessAbsent("DeleteQueue " + desired.name(),
        () -> sqs.deleteQueue(b -> b.queueUrl(observed.url())), QueueManager::queueIsMissing);
  }

  /** Messages in the queue (visible, in flight and delayed), approximate as SQS reports them. */
  public static long approximateMessages(ObservedQueue observed) {
    return count(observed, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
        + count(observed, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
        + count(observed, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
  }

  private ObservedQueue read(String url) {
    Map<String, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
        .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
    Map<String, String> tags = sqs.listQueueTags(b -> b.queueUrl(url)).tags();
    return new ObservedQueue(url, Map.copyOf(attributes), Map.copyOf(tags));
  }

  private static long count(ObservedQueue observed, QueueAttributeName attribute) {
    String value = observed.attributes().get(attribute.toString());
    return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
  }

  private static boolean queueIsMissing(SdkException e) {
    return e instanceof QueueDoesNotExistException
        || e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
        && String.valueOf(ase.awsErrorDetails().errorCode()).contains("NonExistentQueue");
  }
}
