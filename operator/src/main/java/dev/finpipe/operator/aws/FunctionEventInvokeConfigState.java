package dev.finpipe.operator.aws;

import java.util.Map;

/** The asynchronous invocation config as observed, with the tags of the function it belongs to. */
public record FunctionEventInvokeConfigState(Integer maximumRetryAttempts, String onFailureDestinationArn,
                                             Map<String, String> functionTags) {
  public FunctionEventInvokeConfigState {
    functionTags = Map.copyOf(functionTags);
  }
}
