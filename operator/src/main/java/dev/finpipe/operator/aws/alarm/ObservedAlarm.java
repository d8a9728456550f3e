package dev.finpipe.operator.aws.alarm;

import dev.finpipe.operator.aws.Observed;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/** An alarm as observed by {@code DescribeAlarms}, with its tags. */
public record ObservedAlarm(MetricAlarm alarm, Map<String, String> tags) implements Observed {
  public ObservedAlarm {
    tags = Map.copyOf(tags);
  }
}
