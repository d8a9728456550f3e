package dev.finpipe.operator.aws.alarm;

import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/** The error-rate metric math of one function, written out literally for the alarm tests. */
final class AlarmTestQueries {
  private AlarmTestQueries() {
  }

  static List<MetricDataQuery> errorRate(String functionName) {
    return List.of(lambdaSum("m1", "Errors", functionName), lambdaSum("m2", "Invocations", functionName),
        MetricDataQuery.builder().id("e1").expression("IF(m2 > 0, 100 * m1 / m2, 0)").label("Error rate (%)")
            .returnData(true).build());
  }

  private static MetricDataQuery lambdaSum(String id, String metric, String functionName) {
    return MetricDataQuery.builder().id(id).returnData(false)
        .metricStat(s -> s.period(300).stat("Sum").metric(m -> m.namespace("AWS/Lambda").metricName(metric)
            .dimensions(d -> d.name("FunctionName").value(functionName))))
        .build();
  }
}
