package dev.finpipe.operator.aws.alarm;

import dev.finpipe.operator.aws.ManagedField;

/** The fields of a metric-math alarm the operator manages; all but the tags are written by one PutMetricAlarm. */
public enum AlarmField implements ManagedField {
  DESCRIPTION("alarmDescription"),
  METRICS("metrics"),
  THRESHOLD("threshold"),
  COMPARISON_OPERATOR("comparisonOperator"),
  EVALUATION_PERIODS("evaluationPeriods"),
  DATAPOINTS_TO_ALARM("datapointsToAlarm"),
  TREAT_MISSING_DATA("treatMissingData"),
  ACTIONS("alarmActions"),
  TAGS("tags");

  private final String name;

  AlarmField(String name) {
    this.name = name;
  }

  @Override
  public String fieldName() {
    return name;
  }
}
