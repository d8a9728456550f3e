package dev.finpipe.operator.aws.invokeconfig;

import dev.finpipe.operator.aws.Observed;
import java.util.Map;

/** The asynchronous invocation config as observed, with the tags of the function it belongs to. */
public record ObservedInvokeConfig(Integer maximumRetryAttempts, String onFailureDestinationArn,
                                             Map<String, String> functionTags) implements Observed {
  public ObservedInvokeConfig {
    functionTags = Map.copyOf(functionTags);
  }

  /** It belongs to whoever owns the function. */
  @Override
  public Map<String, String> tags() {
    return functionTags;
  }
}
