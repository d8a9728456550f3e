package dev.finpipe.operator.aws.queue;

import static dev.finpipe.operator.aws.queue.QueueField.KMS_KEY;
import static dev.finpipe.operator.aws.queue.QueueField.RETENTION;
import static dev.finpipe.operator.aws.queue.QueueField.SQS_MANAGED_SSE;
import static dev.finpipe.operator.aws.queue.QueueField.TAGS;

import dev.finpipe.operator.aws.AbstractResourceManager;
import dev.finpipe.operator.aws.Drift;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.tagging.OwnedResourceTags;
import dev.finpipe.operator.policy.Arns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * A function's SQS dead-letter queue: retention, encryption at rest, ownership tags. It holds data while it
 * holds failed events ({@link #holdsData}); whether such a queue may be deleted is the caller's decision.
 */
public final class QueueManager extends AbstractResourceManager<DesiredQueue, ObservedQueue, SqsClient> {
  private final AwsClients clients;
  private final String accountId;
  private final OwnedResourceTags listedTags;

  /** The queues of {@code accountId}, the account the clients act in; each queue's tags read on their own. */
  public QueueManager(AwsClients clients, String accountId) {
    this(clients, accountId, OwnedResourceTags.none());
  }

  /** The queues of {@code accountId}; their tags from {@code listedTags} when it lists them. */
  public QueueManager(AwsClients clients, String accountId, OwnedResourceTags listedTags) {
    super("SQS queue", clients.sqs());
    this.clients = clients;
    this.accountId = accountId;
    this.listedTags = listedTags;
  }

  /**
   * Reads the queue at its derived URL ({@link QueueUrls}), without GetQueueUrl: GetQueueAttributes on a queue that
   * does not exist answers QueueDoesNotExist ({@link #queueIsMissing}), so a missing queue is still seen.
   */
  @Override
  public Optional<ObservedQueue> observe(DesiredQueue desired) {
    String url = url(desired.name());
    return AwsCall.unlessAbsent("read queue " + desired.name(), () -> read(url), QueueManager::queueIsMissing);
  }

  private String arn(String name) {
    return Arns.of(clients.target().region(), accountId).queue(name);
  }

  private String url(String name) {
    return QueueUrls.of(clients.target().region(), accountId, name, clients.target().endpoint());
  }

  @Override
  public ObservedQueue create(DesiredQueue desired) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD.toString(),
        String.valueOf(desired.messageRetentionSeconds()));
    desired.kmsKeyArn().ifPresentOrElse(key -> attributes.put(QueueAttributeName.KMS_MASTER_KEY_ID.toString(), key),
        () -> attributes.put(QueueAttributeName.SQS_MANAGED_SSE_ENABLED.toString(), "true"));
    String url = AwsCall.get("CreateQueue " + desired.name(),
        () -> client.createQueue(b -> b.queueName(desired.name()).attributesWithStrings(attributes)
            .tags(desired.tags())).queueUrl());
    listedTags.forget(arn(desired.name()));
    return AwsCall.get("read queue " + desired.name(), () -> read(url));
  }

  @Override
  public List<FieldDrift> diff(DesiredQueue desired, ObservedQueue observed) {
    Drift drift = new Drift().compare(RETENTION, String.valueOf(desired.messageRetentionSeconds()),
        observed.attribute(QueueAttributeName.MESSAGE_RETENTION_PERIOD));
    String actualKey = Optional.ofNullable(observed.attribute(QueueAttributeName.KMS_MASTER_KEY_ID))
        .filter(k -> !k.isEmpty()).orElse(null);
    // moto (and SQS right after a switch) may still report SqsManagedSseEnabled=true next to a KMS key:
    // with a customer key, the key alone decides.
    drift.compare(KMS_KEY, desired.kmsKeyArn().orElse(null), actualKey);
    if (desired.kmsKeyArn().isEmpty()) {
      drift.compare(SQS_MANAGED_SSE, "true", observed.attribute(QueueAttributeName.SQS_MANAGED_SSE_ENABLED));
    }
    return drift.tags(TAGS, desired.tags(), observed.tags()).list();
  }

  @Override
  public void update(DesiredQueue desired, ObservedQueue observed, List<FieldDrift> drift) {
    Set<QueueField> fields = FieldDrift.fields(drift, QueueField.class);
    Map<String, String> attributes = new LinkedHashMap<>();
    if (fields.contains(RETENTION)) {
      attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD.toString(),
        String.valueOf(desired.messageRetentionSeconds()));
    }
    if (fields.contains(KMS_KEY) || fields.contains(SQS_MANAGED_SSE)) {
      // Only one server-side encryption option per queue, so each switch names both in one SetQueueAttributes:
      // a customer key turns SSE-SQS off, an empty key id turns SSE-KMS off. "Encryption at rest in Amazon SQS",
      // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
      // and "SetQueueAttributes" (KmsMasterKeyId, SqsManagedSseEnabled),
      // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
      desired.kmsKeyArn().ifPresentOrElse(key -> {
        attributes.put(QueueAttributeName.KMS_MASTER_KEY_ID.toString(), key);
        attributes.put(QueueAttributeName.SQS_MANAGED_SSE_ENABLED.toString(), "false");
      }, () -> {
        attributes.put(QueueAttributeName.KMS_MASTER_KEY_ID.toString(), "");
        attributes.put(QueueAttributeName.SQS_MANAGED_SSE_ENABLED.toString(), "true");
      });
    }
    if (!attributes.isEmpty()) {
      AwsCall.run("SetQueueAttributes " + desired.name(),
          () -> client.setQueueAttributes(b -> b.queueUrl(observed.url()).attributesWithStrings(attributes)));
    }
    if (fields.contains(TAGS)) {
      AwsCall.run("TagQueue " + desired.name(),
          () -> client.tagQueue(b -> b.queueUrl(observed.url()).tags(desired.tags())));
      listedTags.forget(arnOf(desired, observed));
    }
  }

  @Override
  public String arnOf(DesiredQueue desired, ObservedQueue observed) {
    return observed.attribute(QueueAttributeName.QUEUE_ARN);
  }

  @Override
  public void delete(DesiredQueue desired, ObservedQueue observed) {
    AwsCall.unlessGone("DeleteQueue " + desired.name(),
        () -> client.deleteQueue(b -> b.queueUrl(observed.url())), QueueManager::queueIsMissing);
  }

  /** A queue holds data while failed events wait in it. */
  @Override
  public boolean holdsData(ObservedQueue observed) {
    return observed.approximateMessages() > 0;
  }

  private ObservedQueue read(String url) {
    Map<String, String> attributes = client.getQueueAttributes(b -> b.queueUrl(url)
        .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
    String arn = attributes.get(QueueAttributeName.QUEUE_ARN.toString());
    Map<String, String> tags = Optional.ofNullable(arn).flatMap(listedTags::of)
        .orElseGet(() -> client.listQueueTags(b -> b.queueUrl(url)).tags());
    return new ObservedQueue(url, attributes, tags);
  }

  /**
   * SQS's answer for a queue that does not exist (also its older error code), which GetQueueAttributes, ListQueueTags
   * and the other calls by queue URL give as GetQueueUrl does. Sources: "Troubleshooting Amazon SQS API errors"
   * (QueueDoesNotExist: the queue named by the call was not found, e.g. deleted),
   * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/troubleshooting-api-errors.html;
   * "How do I troubleshoot QueueDoesNotExist errors" (GetQueueAttributes, SendMessage and DeleteMessage give it),
   * https://repost.aws/knowledge-center/sqs-queuedoesnotexist-errors; "GetQueueAttributes" (Errors:
   * QueueDoesNotExist, HTTP 400, the older AWS.SimpleQueueService.NonExistentQueue code of the query protocol),
   * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html.
   */
  public static boolean queueIsMissing(SdkException e) {
    return e instanceof QueueDoesNotExistException
        || e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
        && String.valueOf(ase.awsErrorDetails().errorCode()).contains("NonExistentQueue");
  }
}
