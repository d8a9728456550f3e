package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** One alarm per function on its error rate: 100 * Errors / Invocations, in percent. */
@ValidationRule(value = "!has(self.datapointsToAlarm) || self.datapointsToAlarm <= self.evaluationPeriods",
    message = "alarms.datapointsToAlarm must not exceed alarms.evaluationPeriods")
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
  @ValidationRule(value = "self == 10 || self == 30 || (self >= 60 && self % 60 == 0)",
      message = "alarms.periodSeconds must be 10, 30 or a multiple of 60")
  @Max(86400)
  @JsonPropertyDescription("Length of one evaluation period in seconds (10, 30 or a multiple of 60). Default 300.")
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
