package dev.finpipe.operator.aws.queue;

import dev.finpipe.operator.policy.Arns;
import java.net.URI;
import java.util.Optional;

/**
 * A queue's URL, derived instead of asked for with {@code GetQueueUrl}: {@code https://sqs.<region>.<domain>/
 * <account>/<name>}, or under an endpoint override (an emulator serves its queues there). Pure.
 * Sources: "Amazon SQS queue and message identifiers" (the queue URL is made of the region's endpoint, the account
 * and the queue name: https://sqs.us-east-2.amazonaws.com/123456789012/MyQueue),
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-message-identifiers.html;
 * China: https://docs.amazonaws.cn/en_us/general/latest/gr/cnnorth_region.html (amazonaws.com.cn).
 */
public final class QueueUrls {
  private QueueUrls() {
  }

  /** The URL of queue {@code name} of {@code accountId} in {@code region}. */
  public static String of(String region, String accountId, String name, Optional<URI> endpoint) {
    String base = endpoint.map(URI::toString).map(e -> e.endsWith("/") ? e.substring(0, e.length() - 1) : e)
        .orElseGet(() -> "https://sqs." + region + "." + domain(Arns.partitionOf(region)));
    return base + "/" + accountId + "/" + name;
  }

  /** The URL of the queue of ARN {@code arn:<partition>:sqs:<region>:<account>:<name>}. */
  public static String fromArn(String queueArn, Optional<URI> endpoint) {
    String[] parts = queueArn.split(":", 6);
    if (parts.length != 6 || !"sqs".equals(parts[2])) {
      throw new IllegalArgumentException("not an SQS queue ARN: " + queueArn);
    }
    return of(parts[3], parts[4], parts[5], endpoint);
  }

  private static String domain(String partition) {
    return "aws-cn".equals(partition) ? "amazonaws.com.cn" : "amazonaws.com";
  }
}
