package dev.finpipe.operator.aws.queue;

import dev.finpipe.operator.aws.ManagedField;

/** The fields of a dead-letter queue the operator manages, named as SQS names the attributes. */
public enum QueueField implements ManagedField {
  RETENTION("MessageRetentionPeriod"),
  KMS_KEY("KmsMasterKeyId"),
  SQS_MANAGED_SSE("SqsManagedSseEnabled"),
  TAGS("tags");

  private final String name;

  QueueField(String name) {
    this.name = name;
  }

  @Override
  public String fieldName() {
    return name;
  }
}
