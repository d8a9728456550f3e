package dev.finpipe.operator.aws.invokeconfig;

import dev.finpipe.operator.aws.FieldName;
import dev.finpipe.operator.aws.ManagedField;

/** The fields of a function's asynchronous invocation config the operator manages. */
public enum InvokeConfigField implements ManagedField {
  @FieldName("maximumRetryAttempts")
  MAXIMUM_RETRY_ATTEMPTS,
  @FieldName("destinationConfig.onFailure")
  ON_FAILURE;
}
