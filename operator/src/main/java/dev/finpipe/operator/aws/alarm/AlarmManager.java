package dev.finpipe.operator.aws.alarm;

import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ResourceManager;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.support.AwsErrors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * A CloudWatch metric-math alarm. Observed with {@code DescribeAlarms} (+ {@code ListTagsForResource});
 * {@code PutMetricAlarm} rewrites the whole alarm, so it is called only when a field drifted. Tags given
 * to {@code PutMetricAlarm} apply only when it creates the alarm; later tag drift uses {@code TagResource}.
 */
public final class AlarmManager implements ResourceManager<DesiredAlarm, ObservedAlarm> {
  private final CloudWatchClient cloudWatch;

  public AlarmManager(AwsClients clients) {
    this(clients.cloudWatch());
  }

  public AlarmManager(CloudWatchClient cloudWatch) {
    this.cloudWatch = cloudWatch;
  }

  @Override
  public Optional<ObservedAlarm> observe(DesiredAlarm desired) {
    List<MetricAlarm> alarms;
    try {
      alarms = cloudWatch.describeAlarms(r -> r.alarmNames(desired.alarmName())).metricAlarms();
    } catch (SdkException e) {
      throw AwsErrors.classify("DescribeAlarms " + desired.alarmName(), e);
    }
    Optional<MetricAlarm> alarm = alarms.stream().filter(a -> desired.alarmName().equals(a.alarmName())).findFirst();
    if (alarm.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> tags;
    try {
      tags = cloudWatch.listTagsForResource(r -> r.resourceARN(alarm.get().alarmArn())).tags().stream()
          .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    } catch (SdkException e) {
      throw AwsErrors.classify("ListTagsForResource " + desired.alarmName(), e);
    }
    return Optional.of(new ObservedAlarm(alarm.get(), tags));
  }

  @Override
  public Map<String, String> tagsOf(ObservedAlarm observed) {
    return observed.tags();
  }

  @Override
  public ObservedAlarm create(DesiredAlarm desired) {
    put(desired, true);
    return observe(desired).orElseThrow(() -> new IllegalStateException("alarm vanished after create"));
  }

  @Override
  public List<FieldDrift> diff(DesiredAlarm d, ObservedAlarm observed) {
    MetricAlarm a = observed.alarm();
    List<FieldDrift> drift = new ArrayList<>();
    compare(drift, "alarmDescription", Objects.requireNonNullElse(d.description(), ""),
        Objects.requireNonNullElse(a.alarmDescription(), ""));
    compare(drift, "metrics", canonical(d.metrics()), canonical(a.metrics()));
    compare(drift, "threshold", d.threshold(), a.threshold());
    compare(drift, "comparisonOperator", d.comparisonOperator(), a.comparisonOperatorAsString());
    compare(drift, "evaluationPeriods", d.evaluationPeriods(), a.evaluationPeriods());
    compare(drift, "datapointsToAlarm", d.datapointsToAlarm(), a.datapointsToAlarm());
    compare(drift, "treatMissingData", d.treatMissingData(), a.treatMissingData());
    compare(drift, "alarmActions", new TreeSet<>(d.alarmActions()), new TreeSet<>(a.alarmActions()));
    Map<String, String> missing = missingTags(d, observed.tags());
    if (!missing.isEmpty()) {
      drift.add(FieldDrift.of("tags", missing.keySet(), "absent or different"));
    }
    return drift;
  }

  @Override
  public void update(DesiredAlarm desired, ObservedAlarm observed, List<FieldDrift> drift) {
    if (drift.stream().anyMatch(f -> !f.field().equals("tags"))) {
      put(desired, false);
    }
    Map<String, String> missing = missingTags(desired, observed.tags());
    if (!missing.isEmpty()) {
      try {
        cloudWatch.tagResource(r -> r.resourceARN(observed.alarm().alarmArn()).tags(tags(missing)));
      } catch (SdkException e) {
        throw AwsErrors.classify("TagResource " + desired.alarmName(), e);
      }
    }
  }

  @Override
  public String nameOf(DesiredAlarm desired) {
    return desired.alarmName();
  }

  @Override
  public String arnOf(DesiredAlarm desired, ObservedAlarm observed) {
    return observed.alarm().alarmArn();
  }

  @Override
  public String kind() {
    return "CloudWatch alarm";
  }

  @Override
  public void delete(DesiredAlarm desired, ObservedAlarm observed) {
    try {
      cloudWatch.deleteAlarms(r -> r.alarmNames(desired.alarmName()));
    } catch (SdkException e) {
      throw AwsErrors.classify("DeleteAlarms " + desired.alarmName(), e);
    }
  }

  private void put(DesiredAlarm d, boolean withTags) {
    try {
      cloudWatch.putMetricAlarm(r -> r.alarmName(d.alarmName()).alarmDescription(d.description())
          .metrics(d.metrics()).threshold(d.threshold()).comparisonOperator(d.comparisonOperator())
          .evaluationPeriods(d.evaluationPeriods()).datapointsToAlarm(d.datapointsToAlarm())
          .treatMissingData(d.treatMissingData()).alarmActions(d.alarmActions())
          .tags(withTags ? tags(d.tags()) : null));
    } catch (SdkException e) {
      throw AwsErrors.classify("PutMetricAlarm " + d.alarmName(), e);
    }
  }

  /**
   * Queries as comparable strings, sorted by id. Unset and default-valued fields are normalised (ReturnData
   * defaults to true; dimensions are unordered) so a service that fills defaults in does not look drifted.
   */
  static List<String> canonical(List<MetricDataQuery> queries) {
    return queries.stream().sorted(Comparator.comparing(MetricDataQuery::id)).map(q -> {
      MetricStat s = q.metricStat();
      String stat = s == null ? "" : s.metric().namespace() + "/" + s.metric().metricName() + " "
          + s.metric().dimensions().stream().map(AlarmManager::dimension).sorted().toList()
          + " period=" + s.period() + " stat=" + s.stat() + " unit=" + blank(s.unitAsString());
      return q.id() + " expr=" + blank(q.expression()) + " label=" + blank(q.label())
          + " return=" + (q.returnData() == null || q.returnData()) + " period=" + q.period() + " " + stat;
    }).toList();
  }

  private static String dimension(Dimension d) {
    return d.name() + "=" + d.value();
  }

  private static String blank(String s) {
    return s == null ? "" : s;
  }

  private static void compare(List<FieldDrift> drift, String field, Object desired, Object actual) {
    if (!Objects.equals(desired, actual)) {
      drift.add(FieldDrift.of(field, desired, actual));
    }
  }

  private static Map<String, String> missingTags(DesiredAlarm d, Map<String, String> actual) {
    Map<String, String> missing = new java.util.LinkedHashMap<>();
    d.tags().forEach((k, v) -> {
      if (!v.equals(actual.get(k))) {
        missing.put(k, v);
      }
    });
    return missing;
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }
}
