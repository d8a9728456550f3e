package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The figures behind the Healthy condition, as last read from AWS. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public class PipelineHealth {
  @JsonPropertyDescription("When AWS was last read for these figures (RFC 3339).")
  public String checkedAt;

  @JsonPropertyDescription("One entry per function: its error-rate alarm and its dead-letter queue.")
  public List<FunctionHealth> functions = new ArrayList<>();

  /** One function's alarm and dead-letter queue. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  public static class FunctionHealth {
    @JsonPropertyDescription("The function: upload, status, results or processor.")
    public String function;

    @JsonPropertyDescription("Name of the function's error-rate alarm (absent when spec.alarms.enabled is false).")
    public String alarmName;

    @JsonPropertyDescription("The alarm's state: OK, ALARM, INSUFFICIENT_DATA, or Missing when it was not found.")
    public String alarmState;

    @JsonPropertyDescription("CloudWatch's StateReason of the alarm.")
    public String alarmReason;

    @JsonPropertyDescription("Name of the function's dead-letter queue.")
    public String deadLetterQueue;

    @JsonPropertyDescription("Messages waiting in the dead-letter queue (SQS ApproximateNumberOfMessages).")
    public Long messagesVisible;

    @JsonPropertyDescription("Messages received but not deleted (SQS ApproximateNumberOfMessagesNotVisible).")
    public Long messagesNotVisible;

    @JsonPropertyDescription("Age of the oldest message as an ISO-8601 duration (CloudWatch "
        + "ApproximateAgeOfOldestMessage), or 'unknown' when CloudWatch has no datapoint.")
    public String oldestMessageAge;
  }
}
