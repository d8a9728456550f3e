package dev.finpipe.operator.aws.invokeconfig;

import dev.finpipe.operator.aws.ManagedField;

/** The fields of a function's asynchronous invocation config the operator manages. */
public enum InvokeConfigField implements ManagedField {
  MAXIMUM_RETRY_ATTEMPTS("maximumRetryAttempts"),
  ON_FAILURE("destinationConfig.onFailure");

  private final String name;

  InvokeConfigField(String name) {
    this.name = name;
  }

  @Override
  public String fieldName() {
    return name;
  }
}
