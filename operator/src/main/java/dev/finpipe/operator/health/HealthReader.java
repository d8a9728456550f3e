package dev.finpipe.operator.health;

import dev.finpipe.operator.aws.alarm.PipelineAlarmReads;
import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.queue.QueueManager;
import dev.finpipe.operator.aws.queue.QueueUrls;
import dev.finpipe.operator.policy.PipelineFunction;
import dev.finpipe.operator.policy.ResourceNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The few reads of one health check, all read-only: one {@code DescribeAlarms} naming the pipeline's alarms,
 * one {@code GetQueueAttributes} per dead-letter queue (at its derived URL, {@link QueueUrls}: no GetQueueUrl),
 * and, only when a queue holds messages, one {@code GetMetricData} for the ages of their oldest messages. It never
 * receives from a dead-letter queue: ReceiveMessage hides the message for the visibility timeout and counts a
 * receive ("Amazon SQS visibility timeout",
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html).
 */
public final class HealthReader {
  /**
   * SQS publishes its CloudWatch metrics every minute, ApproximateAgeOfOldestMessage only while the queue holds a
   * message ("Available CloudWatch metrics for Amazon SQS",
   * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html):
   * the latest 1-minute datapoint of the last few minutes is the age; none means unknown.
   */
  static final Duration AGE_LOOKBACK = Duration.ofMinutes(5);
  static final int AGE_PERIOD_SECONDS = 60;
  private final Clock clock;

  public HealthReader(Clock clock) {
    this.clock = clock;
  }

  /** Reads every function's alarm (when {@code alarmsEnabled}) and dead-letter queue. */
  public List<FunctionReading> read(ResourceNames names, String accountId, AwsClients aws, boolean alarmsEnabled) {
    Map<String, MetricAlarm> alarms = alarmsEnabled ? alarms(aws, names) : Map.of();
    Map<PipelineFunction, Map<String, String>> depths = new LinkedHashMap<>();
    for (PipelineFunction f : PipelineFunction.values()) {
      depths.put(f, depth(aws, accountId, names.deadLetterQueue(f)));
    }
    List<String> holding = new ArrayList<>();
    depths.forEach((f, attributes) -> {
      if (count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) > 0) {
        holding.add(names.deadLetterQueue(f));
      }
    });
    Map<String, Duration> ages = oldestAges(aws, holding);
    List<FunctionReading> readings = new ArrayList<>();
    for (PipelineFunction f : PipelineFunction.values()) {
      String alarmName = alarmsEnabled ? names.errorRateAlarm(f) : null;
      MetricAlarm alarm = alarmName == null ? null : alarms.get(alarmName);
      Map<String, String> attributes = depths.get(f);
      String queue = names.deadLetterQueue(f);
      readings.add(new FunctionReading(f, alarmName,
          alarmName == null ? null : alarm == null ? FunctionReading.MISSING : alarm.stateValueAsString(),
          alarm == null ? null : alarm.stateReason(), queue,
          attributes == null ? null : count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
          attributes == null ? null : count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
          Optional.ofNullable(ages.get(queue))));
    }
    return readings;
  }

  /** One DescribeAlarms naming the pipeline's alarms. */
  private static Map<String, MetricAlarm> alarms(AwsClients aws, ResourceNames names) {
    List<String> alarmNames = Arrays.stream(PipelineFunction.values()).map(names::errorRateAlarm).toList();
    PipelineAlarmReads reads = new PipelineAlarmReads(aws.cloudWatch(), alarmNames);
    Map<String, MetricAlarm> byName = new HashMap<>();
    alarmNames.forEach(name -> reads.find(name).ifPresent(alarm -> byName.put(name, alarm)));
    return byName;
  }

  /**
   * ApproximateNumberOfMessages (waiting) and ApproximateNumberOfMessagesNotVisible (received, not deleted), the
   * only attributes asked for ("GetQueueAttributes", Amazon SQS API Reference,
   * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html); null
   * when the queue does not exist.
   */
  private Map<String, String> depth(AwsClients aws, String accountId, String queue) {
    String url = QueueUrls.of(aws.target().region(), accountId, queue, aws.target().endpoint());
    return AwsCall.unlessAbsent("GetQueueAttributes " + queue,
        () -> aws.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributesAsStrings(),
        QueueManager::queueIsMissing).orElse(null);
  }

  /**
   * One GetMetricData for every queue that holds messages (up to 500 queries a call, "GetMetricData", Amazon
   * CloudWatch API Reference, https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html):
   * the Maximum of AWS/SQS ApproximateAgeOfOldestMessage per minute, newest first. SQS itself has no queue attribute
   * for that age.
   */
  private Map<String, Duration> oldestAges(AwsClients aws, List<String> queues) {
    if (queues.isEmpty()) {
      return Map.of();
    }
    List<MetricDataQuery> queries = new ArrayList<>();
    for (int i = 0; i < queues.size(); i++) {
      String queue = queues.get(i);
      queries.add(MetricDataQuery.builder().id("age" + i).returnData(true).metricStat(s -> s
          .metric(m -> m.namespace("AWS/SQS").metricName("ApproximateAgeOfOldestMessage")
              .dimensions(d -> d.name("QueueName").value(queue)))
          .period(AGE_PERIOD_SECONDS).stat("Maximum")).build());
    }
    Instant now = clock.instant();
    List<MetricDataResult> results = AwsCall.get("GetMetricData ApproximateAgeOfOldestMessage",
        () -> aws.cloudWatch().getMetricData(b -> b.metricDataQueries(queries).startTime(now.minus(AGE_LOOKBACK))
            .endTime(now).scanBy(ScanBy.TIMESTAMP_DESCENDING))).metricDataResults();
    Map<String, Duration> ages = new HashMap<>();
    for (MetricDataResult result : results) {
      int index = Integer.parseInt(result.id().substring("age".length()));
      if (result.hasValues() && !result.values().isEmpty()) {
        ages.put(queues.get(index), Duration.ofSeconds(Math.round(result.values().get(0))));
      }
    }
    return ages;
  }

  private static long count(Map<String, String> attributes, QueueAttributeName name) {
    String value = attributes.get(name.toString());
    return value == null || value.isBlank() ? 0 : Long.parseLong(value.trim());
  }
}
