package dev.finpipe.operator.aws.alarm;

import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.tagging.OwnedResourceTags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * The pipeline's alarms as one {@code DescribeAlarms} naming them all reads them, for one pass: the alarm rows of
 * a pass share the one call instead of one each. Never kept across passes, and forgotten by every write, so a read
 * after a create or an update sees AWS again. An alarm not named up front is read on its own, every time.
 * DescribeAlarms takes at most 100 AlarmNames ("DescribeAlarms", Amazon CloudWatch API Reference,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html).
 */
public final class PipelineAlarmReads {
  public static final int ALARM_NAMES_MAX = 100;
  private final CloudWatchClient cloudWatch;
  private final List<String> names;
  private final OwnedResourceTags listedTags;
  private Map<String, MetricAlarm> byName;

  /** Reads of {@code names} (at most {@value #ALARM_NAMES_MAX}), no tag listing. */
  public PipelineAlarmReads(CloudWatchClient cloudWatch, List<String> names) {
    this(cloudWatch, names, OwnedResourceTags.none());
  }

  /** Reads of {@code names} (at most {@value #ALARM_NAMES_MAX}) shared by one pass, tags from {@code listedTags}. */
  public PipelineAlarmReads(CloudWatchClient cloudWatch, List<String> names, OwnedResourceTags listedTags) {
    if (names.size() > ALARM_NAMES_MAX) {
      throw new IllegalArgumentException("DescribeAlarms takes at most " + ALARM_NAMES_MAX + " alarm names: "
          + names.size());
    }
    this.cloudWatch = cloudWatch;
    this.names = List.copyOf(names);
    this.listedTags = listedTags;
  }

  /** The pass's tag listing: the alarm's tags when it lists the alarm. */
  OwnedResourceTags listedTags() {
    return listedTags;
  }

  /** Reads that share nothing: every alarm is read on its own. */
  public static PipelineAlarmReads unshared(CloudWatchClient cloudWatch) {
    return new PipelineAlarmReads(cloudWatch, List.of());
  }

  /** The alarm of that exact name; empty when it does not exist. */
  public Optional<MetricAlarm> find(String name) {
    if (!names.contains(name)) {
      return Optional.ofNullable(describe(List.of(name)).get(name));
    }
    synchronized (this) {
      if (byName == null) {
        byName = describe(names);
      }
      return Optional.ofNullable(byName.get(name));
    }
  }

  /** After a write: the next {@link #find} reads AWS again. */
  synchronized void forget() {
    byName = null;
  }

  private Map<String, MetricAlarm> describe(List<String> alarmNames) {
    Map<String, MetricAlarm> found = new HashMap<>();
    AwsCall.get("DescribeAlarms " + String.join(",", alarmNames),
        () -> cloudWatch.describeAlarms(b -> b.alarmNames(alarmNames).maxRecords(ALARM_NAMES_MAX)))
        .metricAlarms().forEach(a -> found.put(a.alarmName(), a));
    return found;
  }
}
