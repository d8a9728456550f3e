package dev.finpipe.operator.aws.queue;

import dev.finpipe.operator.aws.FieldName;
import dev.finpipe.operator.aws.ManagedField;

/** The fields of a dead-letter queue the operator manages, named as SQS names the attributes. */
public enum QueueField implements ManagedField {
  @FieldName("MessageRetentionPeriod")
  RETENTION,
  @FieldName("KmsMasterKeyId")
  KMS_KEY,
  @FieldName("SqsManagedSseEnabled")
  SQS_MANAGED_SSE,
  @FieldName("tags")
  TAGS;
}
