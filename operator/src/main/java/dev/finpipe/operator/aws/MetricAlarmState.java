package dev.finpipe.operator.aws;

import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/** An alarm as observed by {@code DescribeAlarms}, with its tags. */
public record MetricAlarmState(MetricAlarm alarm, Map<String, String> tags) {
  public MetricAlarmState {
    tags = Map.copyOf(tags);
  }
}
