package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.aws.ManagedField;

/**
 * The fields of a Lambda function the operator manages. The configuration fields are written together by one
 * {@code UpdateFunctionConfiguration}; the code by {@code UpdateFunctionCode}; tags by {@code TagResource}.
 */
public enum FunctionField implements ManagedField {
  RUNTIME("runtime", true),
  HANDLER("handler", true),
  ROLE("role", true),
  MEMORY("memorySize", true),
  TIMEOUT("timeout", true),
  ENVIRONMENT("environment", true),
  TRACING("tracingConfig", true),
  /** Write-only on some endpoints (see {@link WriteOnlyFields}). */
  DEAD_LETTER("deadLetterConfig", true),
  /** Write-only on some endpoints (see {@link WriteOnlyFields}). */
  KMS_KEY("kmsKeyArn", true),
  CODE("codeSha256", false),
  TAGS("tags", false);

  private final String name;
  private final boolean configuration;

  FunctionField(String name, boolean configuration) {
    this.name = name;
    this.configuration = configuration;
  }

  @Override
  public String fieldName() {
    return name;
  }

  boolean isConfiguration() {
    return configuration;
  }

  boolean isWriteOnly() {
    return this == DEAD_LETTER || this == KMS_KEY;
  }
}
