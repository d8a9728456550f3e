package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.AwsAccess;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.Tarpit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's unresponsive AWS endpoint delays only its own pipeline. The operator reconciles one pipeline at a
 * time ({@code --concurrency=1}), so any wait on the tarpit that is not cut by the pass budget holds up the other
 * pipeline: without the budget its calls wait for the SDK's timeouts (minutes, three attempts) on the only
 * reconcile thread.
 */
class SlowEndpointOnClusterTest {
  private static final Logger LOG = LoggerFactory.getLogger(SlowEndpointOnClusterTest.class);
  private static final Duration BUDGET = Duration.ofSeconds(15);
  /** Declared before the operator, which must be told that pipelines may name it. */
  static final Tarpit TARPIT = new Tarpit();

  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("tarpit").withOperator("PT5M", "--concurrency=1",
      "--pass-budget=" + BUDGET, "--allowed-pipeline-endpoints=" + TARPIT.uri());

  @Test
  void aPipelineOnATarpitDelaysOnlyItselfAndSaysWhichEndpointDidNotAnswer() {
    Duration solo = timeToReady("alone");

    var onTarpit = Pipelines.create(cluster.namespace(), "on-tarpit", spec -> {
      spec.aws = new AwsAccess();
      spec.aws.endpoint = TARPIT.uri().toString();
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> TARPIT.connections() > 0);
    Duration beside = timeToReady("beside-tarpit");

    LOG.info("time to Ready alone {}, beside a tarpit pipeline {}", solo, beside);
    assertThat(beside).as("time to Ready next to a tarpit pipeline (alone: %s)", solo)
        .isLessThanOrEqualTo(solo.multipliedBy(2).plus(BUDGET));
    var stalled = Pipelines.awaitStatus(cluster.namespace(), "on-tarpit", fp -> Pipelines
        .condition(fp, PipelineCondition.READY).map(c -> PassBudget.REASON.equals(c.reason)).orElse(false));
    // From creation to the first verdict (the condition's first transition to False): the first pass gave up
    // within its budget (plus the time to write the status), not after the SDK's minutes.
    Duration firstVerdict = Duration.between(Instant.parse(onTarpit.getMetadata().getCreationTimestamp()),
        Instant.parse(Pipelines.condition(stalled, PipelineCondition.READY).orElseThrow().lastTransitionTime));
    PipelineCondition ready = Pipelines.condition(stalled, PipelineCondition.READY).orElseThrow();
    assertThat(ready.isTrue()).isFalse();
    assertThat(ready.message).contains(TARPIT.uri().toString()).contains("did not answer");
    assertThat(firstVerdict).isLessThanOrEqualTo(BUDGET.plus(Duration.ofSeconds(10)));
  }

  private static Duration timeToReady(String name) {
    long start = System.nanoTime();
    Pipelines.create(cluster.namespace(), name, spec -> { });
    Pipelines.awaitReady(cluster.namespace(), name);
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
