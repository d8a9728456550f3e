package dev.finpipe.operator.aws.loggroup;

import dev.finpipe.operator.aws.Observed;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/** The log group as read, with its ARN without the {@code :*} stream suffix. */
public record ObservedLogGroup(LogGroup logGroup, String arn, Map<String, String> tags) implements Observed {
  public ObservedLogGroup {
    tags = Map.copyOf(tags);
  }
}
