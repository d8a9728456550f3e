package dev.finpipe.operator.aws.queue;

import dev.finpipe.operator.aws.Observed;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The queue as read from SQS: its URL, every attribute, its tags. */
public record ObservedQueue(String url, Map<String, String> attributes, Map<String, String> tags) implements Observed {
  public ObservedQueue {
    attributes = Map.copyOf(attributes);
    tags = Map.copyOf(tags);
  }

  public String attribute(QueueAttributeName name) {
    return attributes.get(name.toString());
  }

  /** Messages in the queue (visible, in flight and delayed), approximate as SQS reports them. */
  public long approximateMessages() {
    return count(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
        + count(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
        + count(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
  }

  private long count(QueueAttributeName name) {
    String value = attribute(name);
    return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
  }
}
