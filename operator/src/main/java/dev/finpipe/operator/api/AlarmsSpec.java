package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * One alarm per function on its error rate: 100 * Errors / Invocations, in percent.
 *
 * <p>Bounds from AWS: PutMetricAlarm refuses a total evaluation range ({@code Period × EvaluationPeriods}) above
 * seven days (604,800 s), and above one day (86,400 s) when the period is under an hour ("PutMetricAlarm",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html, parameter Period).
 * Lambda sends its metrics to CloudWatch at 1-minute intervals ("Using CloudWatch metrics with Lambda",
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics.html), so a 10 or 30 s period would only
 * give INSUFFICIENT_DATA: the period is a whole number of minutes.
 */
@ValidationRule(value = "!has(self.datapointsToAlarm) || self.datapointsToAlarm <= self.evaluationPeriods",
    message = "alarms.datapointsToAlarm must not exceed alarms.evaluationPeriods")
@ValidationRule(value = "self.periodSeconds >= 3600 || self.periodSeconds * self.evaluationPeriods <= 86400",
    message = "alarms.periodSeconds × alarms.evaluationPeriods must not exceed 86400 (one day) when the period "
        + "is under an hour")
@ValidationRule(value = "self.periodSeconds * self.evaluationPeriods <= 604800",
    message = "alarms.periodSeconds × alarms.evaluationPeriods must not exceed 604800 (seven days)")
public class AlarmsSpec {
  @Default("true")
  @JsonPropertyDescription("Create the alarms. Default true; false deletes them.")
  public boolean enabled = true;

  @Default("1")
  @Min(0)
  @Max(100)
  @JsonPropertyDescription("The alarm fires when the error rate exceeds this percentage. Default 1.")
  public double errorRateThresholdPercent = 1;

  @Default("300")
  @ValidationRule(value = "self % 60 == 0",
      message = "alarms.periodSeconds must be a multiple of 60 (Lambda metrics have 1-minute resolution)")
  @Min(60)
  @Max(86400)
  @JsonPropertyDescription("Length of one evaluation period in seconds: a multiple of 60, 60-86400 (Lambda metrics "
      + "have 1-minute resolution). periodSeconds × evaluationPeriods must not exceed 86400 (one day) for a period "
      + "under an hour, 604800 (seven days) otherwise. Default 300.")
  public int periodSeconds = 300;

  @Default("2")
  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Number of periods evaluated (1-100). Default 2.")
  public int evaluationPeriods = 2;

  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Periods out of evaluationPeriods that must breach. Default: all of them.")
  public Integer datapointsToAlarm;

  @Size(max = 5)
  @JsonPropertyDescription("SNS topic ARNs notified when an alarm fires (at most 5).")
  public List<@io.fabric8.generator.annotation.Pattern(
      "^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$") String> actions = new ArrayList<>();
}
