package dev.finpipe.operator.aws.loggroup;

import dev.finpipe.operator.aws.FieldName;
import dev.finpipe.operator.aws.ManagedField;

/** The fields of a log group the operator manages. */
public enum LogGroupField implements ManagedField {
  @FieldName("retentionInDays")
  RETENTION,
  @FieldName("kmsKeyId")
  KMS_KEY,
  @FieldName("tags")
  TAGS;
}
