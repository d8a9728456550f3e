package dev.finpipe.operator.aws.alarm;

import dev.finpipe.operator.aws.FieldName;
import dev.finpipe.operator.aws.ManagedField;

/** The fields of a metric-math alarm the operator manages; all but the tags are written by one PutMetricAlarm. */
public enum AlarmField implements ManagedField {
  @FieldName("alarmDescription")
  DESCRIPTION,
  @FieldName("metrics")
  METRICS,
  @FieldName("threshold")
  THRESHOLD,
  @FieldName("comparisonOperator")
  COMPARISON_OPERATOR,
  @FieldName("evaluationPeriods")
  EVALUATION_PERIODS,
  @FieldName("datapointsToAlarm")
  DATAPOINTS_TO_ALARM,
  @FieldName("treatMissingData")
  TREAT_MISSING_DATA,
  @FieldName("alarmActions")
  ACTIONS,
  @FieldName("tags")
  TAGS;
}
