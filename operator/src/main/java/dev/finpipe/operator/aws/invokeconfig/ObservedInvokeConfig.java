package dev.finpipe.operator.aws.invokeconfig;

import java.util.Map;

/** The asynchronous invocation config as observed, with the tags of the function it belongs to. */
public record ObservedInvokeConfig(Integer maximumRetryAttempts, String onFailureDestinationArn,
                                             Map<String, String> functionTags) {
  public ObservedInvokeConfig {
    functionTags = Map.copyOf(functionTags);
  }
}
