package dev.finpipe.operator.aws.loggroup;

import dev.finpipe.operator.aws.ManagedField;

/** The fields of a log group the operator manages. */
public enum LogGroupField implements ManagedField {
  RETENTION("retentionInDays"),
  KMS_KEY("kmsKeyId"),
  TAGS("tags");

  private final String name;

  LogGroupField(String name) {
    this.name = name;
  }

  @Override
  public String fieldName() {
    return name;
  }
}
