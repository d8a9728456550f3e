package dev.finpipe.operator.aws.invokeconfig;

import dev.finpipe.operator.aws.function.FunctionPart;
import java.util.Objects;

/**
 * Desired asynchronous invocation settings of one function: how often Lambda retries a failed asynchronous
 * event ({@code 0..2}) and where it sends the event after the last failure (the function's DLQ ARN).
 */
public record DesiredInvokeConfig(String functionArn, int maximumRetryAttempts,
                                            String onFailureDestinationArn) implements FunctionPart {
  public DesiredInvokeConfig {
    Objects.requireNonNull(functionArn, "functionArn");
    if (maximumRetryAttempts < 0 || maximumRetryAttempts > 2) {
      throw new IllegalArgumentException("maximumRetryAttempts must be 0..2, was " + maximumRetryAttempts);
    }
  }

  /** The config belongs to its function. */
  @Override
  public String name() {
    return functionArn;
  }
}
