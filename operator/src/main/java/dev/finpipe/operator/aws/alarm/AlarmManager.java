package dev.finpipe.operator.aws.alarm;

import static dev.finpipe.operator.aws.alarm.AlarmField.ACTIONS;
import static dev.finpipe.operator.aws.alarm.AlarmField.COMPARISON_OPERATOR;
import static dev.finpipe.operator.aws.alarm.AlarmField.DATAPOINTS_TO_ALARM;
import static dev.finpipe.operator.aws.alarm.AlarmField.DESCRIPTION;
import static dev.finpipe.operator.aws.alarm.AlarmField.EVALUATION_PERIODS;
import static dev.finpipe.operator.aws.alarm.AlarmField.METRICS;
import static dev.finpipe.operator.aws.alarm.AlarmField.TAGS;
import static dev.finpipe.operator.aws.alarm.AlarmField.THRESHOLD;
import static dev.finpipe.operator.aws.alarm.AlarmField.TREAT_MISSING_DATA;

import dev.finpipe.operator.aws.AbstractResourceManager;
import dev.finpipe.operator.aws.Drift;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.TagDiff;
import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.client.AwsClients;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * A CloudWatch metric-math alarm. Observed with {@code DescribeAlarms}, one per pass for all the pipeline's alarms
 * ({@link PipelineAlarmReads}), and its tags from the pass's tag listing, else {@code ListTagsForResource};
 * {@code PutMetricAlarm} rewrites the whole alarm, so it is called only when a field drifted. Tags given
 * to {@code PutMetricAlarm} apply only when it creates the alarm; later tag drift uses {@code TagResource}.
 */
public final class AlarmManager extends AbstractResourceManager<DesiredAlarm, ObservedAlarm, CloudWatchClient> {
  private final PipelineAlarmReads reads;

  public AlarmManager(AwsClients clients) {
    this(clients.cloudWatch());
  }

  public AlarmManager(CloudWatchClient cloudWatch) {
    this(cloudWatch, PipelineAlarmReads.unshared(cloudWatch));
  }

  /** An alarm manager whose DescribeAlarms is {@code reads}' (shared by the alarm rows of a pass). */
  public AlarmManager(CloudWatchClient cloudWatch, PipelineAlarmReads reads) {
    super("CloudWatch alarm", cloudWatch);
    this.reads = reads;
  }

  @Override
  public Optional<ObservedAlarm> observe(DesiredAlarm desired) {
    Optional<MetricAlarm> alarm = reads.find(desired.alarmName());
    if (alarm.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> tags = reads.listedTags().of(alarm.get().alarmArn()).orElseGet(() -> AwsCall.get(
        "ListTagsForResource " + desired.alarmName(), () -> client.listTagsForResource(
            r -> r.resourceARN(alarm.get().alarmArn())).tags().stream()
            .collect(Collectors.toMap(Tag::key, Tag::value, (x, y) -> y))));
    return Optional.of(new ObservedAlarm(alarm.get(), tags));
  }

  @Override
  public ObservedAlarm create(DesiredAlarm desired) {
    put(desired, true);
    reads.forget();
    // Its tags are the ones the creating PutMetricAlarm just gave it: no ListTagsForResource to learn them.
    return reads.find(desired.alarmName()).map(alarm -> new ObservedAlarm(alarm, desired.tags()))
        .orElseThrow(() -> new IllegalStateException("alarm vanished after create"));
  }

  @Override
  public List<FieldDrift> diff(DesiredAlarm d, ObservedAlarm observed) {
    MetricAlarm a = observed.alarm();
    return new Drift()
        .compare(DESCRIPTION, Objects.requireNonNullElse(d.description(), ""),
            Objects.requireNonNullElse(a.alarmDescription(), ""))
        .compare(METRICS, canonical(d.metrics()), canonical(a.metrics()))
        .compare(THRESHOLD, d.threshold(), a.threshold())
        .compare(COMPARISON_OPERATOR, d.comparisonOperator(), a.comparisonOperatorAsString())
        .compare(EVALUATION_PERIODS, d.evaluationPeriods(), a.evaluationPeriods())
        .compare(DATAPOINTS_TO_ALARM, d.datapointsToAlarm(), a.datapointsToAlarm())
        .compare(TREAT_MISSING_DATA, d.treatMissingData(), a.treatMissingData())
        .compare(ACTIONS, new TreeSet<>(d.alarmActions()), new TreeSet<>(a.alarmActions()))
        .tags(TAGS, d.tags(), observed.tags())
        .list();
  }

  @Override
  public void update(DesiredAlarm desired, ObservedAlarm observed, List<FieldDrift> drift) {
    Set<AlarmField> fields = FieldDrift.fields(drift, AlarmField.class);
    if (!Set.of(TAGS).containsAll(fields)) {
      put(desired, false);
    }
    if (fields.contains(TAGS)) {
      Map<String, String> missing = TagDiff.missing(desired.tags(), observed.tags());
      AwsCall.run("TagResource " + desired.alarmName(),
          () -> client.tagResource(r -> r.resourceARN(observed.alarm().alarmArn()).tags(tags(missing))));
      reads.listedTags().forget(observed.alarm().alarmArn());
    }
    reads.forget();
  }

  @Override
  public String arnOf(DesiredAlarm desired, ObservedAlarm observed) {
    return observed.alarm().alarmArn();
  }

  @Override
  public void delete(DesiredAlarm desired, ObservedAlarm observed) {
    AwsCall.run("DeleteAlarms " + desired.alarmName(), () -> client.deleteAlarms(r -> r.alarmNames(
        desired.alarmName())));
    reads.forget();
  }

  private void put(DesiredAlarm d, boolean withTags) {
    AwsCall.run("PutMetricAlarm " + d.alarmName(), () -> client.putMetricAlarm(r -> r.alarmName(d.alarmName())
        .alarmDescription(d.description()).metrics(d.metrics()).threshold(d.threshold())
        .comparisonOperator(d.comparisonOperator()).evaluationPeriods(d.evaluationPeriods())
        .datapointsToAlarm(d.datapointsToAlarm()).treatMissingData(d.treatMissingData())
        .alarmActions(d.alarmActions()).tags(withTags ? tags(d.tags()) : null)));
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

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }
}
