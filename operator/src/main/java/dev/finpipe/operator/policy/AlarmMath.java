package dev.finpipe.operator.policy;

import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * The error-rate alarm of one function as a value: percent of failed invocations,
 * {@code 100 * Errors / Invocations}, alarming above a threshold. A period without invocations counts as
 * 0 % (not as missing data), and missing data never breaches.
 *
 * @param periodSeconds a multiple of 60 (default 300); times evaluationPeriods at most a day (under an hour) or 7 days
 * @param thresholdPercent alarm when the rate is strictly above this (default 1)
 * @param evaluationPeriods periods looked at (default 1)
 * @param datapointsToAlarm breaching periods among them that raise the alarm (default = evaluationPeriods)
 */
public record AlarmMath(String alarmName, String functionName, int periodSeconds, double thresholdPercent,
                        int evaluationPeriods, int datapointsToAlarm) {
  public static final int DEFAULT_PERIOD_SECONDS = 300;
  public static final double DEFAULT_THRESHOLD_PERCENT = 1.0;
  public static final int DEFAULT_EVALUATION_PERIODS = 1;
  public static final String ERRORS_ID = "m1";
  public static final String INVOCATIONS_ID = "m2";
  public static final String RATE_ID = "e1";
  /** Guards the division: with no invocations the rate is 0, not a division by zero (no data). */
  public static final String EXPRESSION = "IF(" + INVOCATIONS_ID + " > 0, 100 * " + ERRORS_ID + " / "
      + INVOCATIONS_ID + ", 0)";
  public static final String TREAT_MISSING_DATA = "notBreaching";
  /** PutMetricAlarm: Period × EvaluationPeriods at most seven days, one day for a period under an hour. */
  public static final int MAX_RANGE_SECONDS = 604_800;
  public static final int MAX_RANGE_SHORT_PERIOD_SECONDS = 86_400;

  public AlarmMath {
    if (alarmName == null || alarmName.isBlank() || functionName == null || functionName.isBlank()) {
      throw new IllegalArgumentException("alarm and function names are required");
    }
    // Lambda metrics have 1-minute resolution; PutMetricAlarm caps Period × EvaluationPeriods (api/AlarmsSpec
    // cites both).
    if (!(periodSeconds > 0 && periodSeconds % 60 == 0)) {
      throw new IllegalArgumentException("period must be a multiple of 60 seconds: " + periodSeconds);
    }
    long range = (long) periodSeconds * evaluationPeriods;
    if (range > (periodSeconds < 3600 ? MAX_RANGE_SHORT_PERIOD_SECONDS : MAX_RANGE_SECONDS)) {
      throw new IllegalArgumentException("period × evaluation periods must not exceed one day for a period under an "
          + "hour, seven days otherwise: " + periodSeconds + " × " + evaluationPeriods);
    }
    if (!(thresholdPercent >= 0 && thresholdPercent < 100)) {
      throw new IllegalArgumentException("threshold must be a percentage in [0, 100): " + thresholdPercent);
    }
    if (evaluationPeriods < 1) {
      throw new IllegalArgumentException("evaluation periods must be at least 1: " + evaluationPeriods);
    }
    if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
      throw new IllegalArgumentException("datapoints to alarm must be between 1 and the evaluation periods ("
          + evaluationPeriods + "): " + datapointsToAlarm);
    }
  }

  /** The alarm with defaults for every setting left {@code null}. */
  public static AlarmMath errorRate(String alarmName, String functionName, Integer periodSeconds,
                                    Double thresholdPercent, Integer evaluationPeriods,
                                    Integer datapointsToAlarm) {
    int evaluations = evaluationPeriods == null ? DEFAULT_EVALUATION_PERIODS : evaluationPeriods;
    return new AlarmMath(alarmName, functionName,
        periodSeconds == null ? DEFAULT_PERIOD_SECONDS : periodSeconds,
        thresholdPercent == null ? DEFAULT_THRESHOLD_PERCENT : thresholdPercent,
        evaluations, datapointsToAlarm == null ? evaluations : datapointsToAlarm);
  }

  public static AlarmMath errorRate(String alarmName, String functionName) {
    return errorRate(alarmName, functionName, null, null, null, null);
  }

  /** m1 = Errors (Sum), m2 = Invocations (Sum), e1 = the rate in percent; only e1 returns data. */
  public List<MetricDataQuery> queries() {
    return List.of(
        lambdaMetric(ERRORS_ID, "Errors"),
        lambdaMetric(INVOCATIONS_ID, "Invocations"),
        MetricDataQuery.builder().id(RATE_ID).expression(EXPRESSION).label(label()).returnData(true).build());
  }

  public String expression() {
    return EXPRESSION;
  }

  public String label() {
    return "Error rate of " + functionName + " (%)";
  }

  public ComparisonOperator comparisonOperator() {
    return ComparisonOperator.GREATER_THAN_THRESHOLD;
  }

  public String treatMissingData() {
    return TREAT_MISSING_DATA;
  }

  public String description() {
    return "More than " + formatPercent(thresholdPercent) + " % of the invocations of " + functionName
        + " failed in " + datapointsToAlarm + " of " + evaluationPeriods + " periods of " + periodSeconds + " s";
  }

  /** Problems of the expression against the query ids; empty for ours (asserted by the tests). */
  public List<String> expressionProblems() {
    return MetricMath.problems(EXPRESSION, Set.of(ERRORS_ID, INVOCATIONS_ID));
  }

  private MetricDataQuery lambdaMetric(String id, String metricName) {
    return MetricDataQuery.builder().id(id).returnData(false)
        .metricStat(MetricStat.builder().period(periodSeconds).stat("Sum")
            .metric(Metric.builder().namespace("AWS/Lambda").metricName(metricName)
                .dimensions(Dimension.builder().name("FunctionName").value(functionName).build()).build())
            .build())
        .build();
  }

  private static String formatPercent(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
