package dev.finpipe.operator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.api.PipelineHealth;
import dev.finpipe.operator.policy.PipelineFunction;
import dev.finpipe.operator.policy.ResourceNames;
import dev.finpipe.operator.support.EventReason;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The Healthy condition on the real API server and the emulator: a message in a dead-letter queue and an
 * error-rate alarm in ALARM turn it False, naming what; their end turns it True again; each transition is an Event.
 * The resync (5 min) is far longer than the test: every change seen here comes from passes that only read health
 * every 2 s.
 */
class PipelineHealthOnClusterTest {
  private static final Duration HEALTH_PERIOD = Duration.ofSeconds(2);
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("health")
      .withOperator("PT5M", "--health-period=" + HEALTH_PERIOD);

  @Test
  void aMessageInADeadLetterQueueMakesThePipelineUnhealthyUntilTheQueueIsPurged() {
    FinancialPipeline ready = readyAndHealthy("dlq");
    String queue = names(ready).deadLetterQueue(PipelineFunction.PROCESSOR);
    var sqs = Moto.clients().sqs();
    String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();

    sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"Records\":[]}"));
    FinancialPipeline unhealthy = awaitHealthy("dlq", "False");
    PipelineCondition healthy = condition(unhealthy);
    assertThat(healthy.reason).isEqualTo(HealthVerdict.DEAD_LETTERS);
    assertThat(healthy.message).contains("processor function", queue, "holds 1 message",
        "oldest unknown"); // the emulator publishes no ApproximateAgeOfOldestMessage datapoint
    PipelineHealth.FunctionHealth processor = figures(unhealthy, "processor");
    assertThat(processor.deadLetterQueue).isEqualTo(queue);
    assertThat(processor.messagesVisible).isEqualTo(1L);
    assertThat(processor.messagesNotVisible).isZero();
    assertThat(processor.oldestMessageAge).isEqualTo("unknown");
    assertThat(figures(unhealthy, "upload").messagesVisible).isZero();
    assertThat(events("dlq", EventReason.Unhealthy)).singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains(queue, "holds 1 message"));
    assertThat(cluster.operator().runtime().awsCalls().snapshot().keySet()).as("the age was asked of CloudWatch")
        .anySatisfy(k -> assertThat(k).endsWith(":GetMetricData"));

    // SQS publishes ApproximateAgeOfOldestMessage to CloudWatch every minute; the emulator's SQS does not, so the
    // test publishes the datapoint SQS would, through the emulator's CloudWatch API.
    Moto.clients().cloudWatch().putMetricData(b -> b.namespace("AWS/SQS").metricData(d -> d
        .metricName("ApproximateAgeOfOldestMessage").dimensions(x -> x.name("QueueName").value(queue))
        .timestamp(Instant.now()).value(754.0).unit("Seconds")));
    FinancialPipeline aged = await().atMost(HEALTH_PERIOD.multipliedBy(5).plus(TestGround.timeout()))
        .pollInterval(Duration.ofMillis(500)).until(() -> Pipelines.get(cluster.namespace(), "dlq"),
            p -> "PT12M34S".equals(figures(p, "processor").oldestMessageAge));
    assertThat(condition(aged).message).contains("holds 1 message, oldest PT12M34S");
    assertThat(condition(aged).lastTransitionTime).isEqualTo(healthy.lastTransitionTime);

    sqs.purgeQueue(b -> b.queueUrl(url));
    FinancialPipeline restored = awaitHealthy("dlq", "True");
    assertThat(figures(restored, "processor").messagesVisible).isZero();
    assertThat(events("dlq", EventReason.HealthRestored)).hasSize(1);
    assertThat(events("dlq", EventReason.Unhealthy).get(0).getCount()).isEqualTo(1);
  }

  @Test
  void anErrorRateAlarmInAlarmMakesThePipelineUnhealthyNamingTheFunctionAndTheReason() {
    FinancialPipeline ready = readyAndHealthy("alarm");
    String alarm = names(ready).errorRateAlarm(PipelineFunction.UPLOAD);
    var cloudWatch = Moto.clients().cloudWatch();
    String reason = "Threshold Crossed: 2 out of the last 2 datapoints were greater than the threshold (5.0)";

    cloudWatch.setAlarmState(b -> b.alarmName(alarm).stateValue(StateValue.ALARM).stateReason(reason));
    FinancialPipeline unhealthy = awaitHealthy("alarm", "False");
    PipelineCondition healthy = condition(unhealthy);
    assertThat(healthy.reason).isEqualTo(HealthVerdict.ALARM_FIRING);
    assertThat(healthy.message).isEqualTo("upload function: alarm " + alarm + " is ALARM: " + reason);
    PipelineHealth.FunctionHealth upload = figures(unhealthy, "upload");
    assertThat(upload.alarmName).isEqualTo(alarm);
    assertThat(upload.alarmState).isEqualTo("ALARM");
    assertThat(upload.alarmReason).isEqualTo(reason);
    assertThat(events("alarm", EventReason.Unhealthy)).singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains("upload function", alarm, reason));

    cloudWatch.setAlarmState(b -> b.alarmName(alarm).stateValue(StateValue.OK).stateReason("back to normal"));
    FinancialPipeline restored = awaitHealthy("alarm", "True");
    assertThat(figures(restored, "upload").alarmState).isEqualTo("OK");
    assertThat(events("alarm", EventReason.HealthRestored)).hasSize(1);
  }

  /** Observe-only writes nothing to AWS but still reads health; pausing stops the reads and keeps the last value. */
  @Test
  void anObserveOnlyPipelineIsStillCheckedAPausedOneIsNot() {
    readyAndHealthy("watched");
    Pipelines.resource(cluster.namespace(), "watched").edit(p -> {
      p.getSpec().observeOnly = true;
      return p;
    });
    FinancialPipeline observed = Pipelines.awaitStatus(cluster.namespace(), "watched",
        p -> Pipelines.condition(p, PipelineCondition.READY).map(PipelineCondition::isTrue).orElse(false));
    String queue = names(observed).deadLetterQueue(PipelineFunction.STATUS);
    var sqs = Moto.clients().sqs();
    String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("{}"));
    assertThat(condition(awaitHealthy("watched", "False")).message).contains("status function", queue);

    Pipelines.resource(cluster.namespace(), "watched").edit(p -> {
      p.getSpec().paused = true;
      return p;
    });
    FinancialPipeline paused = Pipelines.awaitStatus(cluster.namespace(), "watched",
        p -> p.getStatus().phase == dev.finpipe.operator.api.Phase.Paused);
    sqs.purgeQueue(b -> b.queueUrl(url));
    String checkedAt = paused.getStatus().health.checkedAt;
    await().during(HEALTH_PERIOD.multipliedBy(3)).atMost(HEALTH_PERIOD.multipliedBy(4))
        .until(() -> Pipelines.get(cluster.namespace(), "watched"),
            p -> checkedAt.equals(p.getStatus().health.checkedAt) && "False".equals(condition(p).status)
                && "Paused".equals(condition(p).reason));
  }

  /**
   * Between resyncs a pass only reads health: one DescribeAlarms and one GetQueueAttributes per dead-letter queue
   * (the queue URLs are known from the first check; no GetMetricData while no queue holds a message), nothing else.
   */
  @Test
  void betweenResyncsHealthIsReadEveryHealthPeriodWithOnlyDescribeAlarmsAndGetQueueAttributes() {
    FinancialPipeline first = readyAndHealthy("cadence");
    Instant checked = Instant.parse(first.getStatus().health.checkedAt);
    Map<String, Long> before = cluster.operator().runtime().awsCalls().snapshot();

    FinancialPipeline later = await().atMost(HEALTH_PERIOD.multipliedBy(5).plus(TestGround.timeout()))
        .pollInterval(Duration.ofMillis(500)).until(() -> Pipelines.get(cluster.namespace(), "cadence"),
            p -> Instant.parse(p.getStatus().health.checkedAt).isAfter(checked.plusSeconds(3)));
    Map<String, Long> calls = delta(before, cluster.operator().runtime().awsCalls().snapshot());
    System.out.println("HEALTH: AWS calls of the passes between resyncs " + calls);

    assertThat(calls.keySet()).as("AWS calls of the passes between resyncs: %s", calls)
        .allSatisfy(k -> assertThat(k).matches(".*:(DescribeAlarms|GetQueueAttributes)"))
        .anySatisfy(k -> assertThat(k).endsWith(":DescribeAlarms"));
    assertThat(condition(later).status).isEqualTo("True");
    assertThat(later.getStatus().observedGeneration).isEqualTo(first.getStatus().observedGeneration);
  }

  private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new java.util.TreeMap<>();
    after.forEach((k, v) -> {
      long d = v - before.getOrDefault(k, 0L);
      if (d > 0) {
        delta.put(k, d);
      }
    });
    return delta;
  }

  private static FinancialPipeline readyAndHealthy(String name) {
    Pipelines.create(cluster.namespace(), name, spec -> { });
    Pipelines.awaitReady(cluster.namespace(), name);
    FinancialPipeline healthy = awaitHealthy(name, "True");
    assertThat(healthy.getStatus().health.functions).extracting(f -> f.function)
        .containsExactly("upload", "status", "results", "processor");
    return healthy;
  }

  private static FinancialPipeline awaitHealthy(String name, String status) {
    return await().atMost(HEALTH_PERIOD.multipliedBy(5).plus(TestGround.timeout()))
        .pollInterval(Duration.ofMillis(500)).until(() -> Pipelines.get(cluster.namespace(), name),
            hasHealthy(status));
  }

  private static Predicate<FinancialPipeline> hasHealthy(String status) {
    return p -> p != null && p.getStatus() != null && p.getStatus().health != null
        && Pipelines.condition(p, PipelineCondition.HEALTHY).map(c -> status.equals(c.status)).orElse(false);
  }

  private static PipelineCondition condition(FinancialPipeline fp) {
    return Pipelines.condition(fp, PipelineCondition.HEALTHY).orElseThrow();
  }

  private static PipelineHealth.FunctionHealth figures(FinancialPipeline fp, String function) {
    return fp.getStatus().health.functions.stream().filter(f -> function.equals(f.function)).findFirst()
        .orElseThrow();
  }

  private static ResourceNames names(FinancialPipeline fp) {
    return new ResourceNames(fp.getMetadata().getNamespace(), fp.getMetadata().getName(), fp.getSpec().environment);
  }

  private static List<Event> events(String pipeline, EventReason reason) {
    return await().atMost(TestGround.timeout()).until(() -> TestGround.kubernetes().v1().events()
        .inNamespace(cluster.namespace()).list().getItems().stream()
        .filter(e -> reason.name().equals(e.getReason()) && pipeline.equals(e.getInvolvedObject().getName()))
        .toList(), list -> !list.isEmpty());
  }
}
