package dev.finpipe.operator.aws.alarm;

import dev.finpipe.operator.aws.Desired;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * Desired CloudWatch metric-math alarm. {@code metrics} are the queries (e.g. m1 Errors, m2 Invocations,
 * e1 {@code IF(m2 > 0, 100 * m1 / m2, 0)} with ReturnData true), built elsewhere.
 *
 * @param alarmActions SNS topic ARNs; empty for none
 */
public record DesiredAlarm(String alarmName, String description, List<MetricDataQuery> metrics, double threshold,
                              String comparisonOperator, int evaluationPeriods, int datapointsToAlarm,
                              String treatMissingData, List<String> alarmActions, Map<String, String> tags)
    implements Desired {
  public static final String GREATER_THAN_THRESHOLD = "GreaterThanThreshold";
  public static final String NOT_BREACHING = "notBreaching";

  public DesiredAlarm {
    Objects.requireNonNull(alarmName, "alarmName");
    metrics = List.copyOf(metrics);
    Objects.requireNonNull(comparisonOperator, "comparisonOperator");
    alarmActions = List.copyOf(alarmActions == null ? List.of() : alarmActions);
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags == null ? Map.of() : tags));
    if (datapointsToAlarm > evaluationPeriods) {
      throw new IllegalArgumentException("datapointsToAlarm must not exceed evaluationPeriods");
    }
  }

  @Override
  public String name() {
    return alarmName;
  }
}
