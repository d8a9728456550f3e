package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.aws.FieldName;
import dev.finpipe.operator.aws.ManagedField;

/**
 * The fields of a Lambda function the operator manages. The configuration fields are written together by one
 * {@code UpdateFunctionConfiguration}; the code by {@code UpdateFunctionCode}; tags by {@code TagResource}.
 */
public enum FunctionField implements ManagedField {
  @FieldName("runtime")
  RUNTIME,
  @FieldName("handler")
  HANDLER,
  @FieldName("role")
  ROLE,
  @FieldName("memorySize")
  MEMORY,
  @FieldName("timeout")
  TIMEOUT,
  @FieldName("environment")
  ENVIRONMENT,
  @FieldName("tracingConfig")
  TRACING,
  /** Write-only on some endpoints (see {@link WriteOnlyFields}). */
  @FieldName("deadLetterConfig")
  DEAD_LETTER,
  /** Write-only on some endpoints (see {@link WriteOnlyFields}). */
  @FieldName("kmsKeyArn")
  KMS_KEY,
  @FieldName("codeSha256")
  CODE,
  @FieldName("tags")
  TAGS;

  boolean isConfiguration() {
    return this != CODE && this != TAGS;
  }

  boolean isWriteOnly() {
    return this == DEAD_LETTER || this == KMS_KEY;
  }
}
