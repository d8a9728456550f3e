package dev.finpipe.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.Phase;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.support.EventReason;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the operator writes on the real API server: conditions in every phase, Events counted, not repeated. */
class StatusOnClusterTest {
  private static final Duration RESYNC = Duration.ofSeconds(2);
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("status").withOperator(RESYNC.toString());

  @Test
  void aPausedPipelineKeepsItsReadyCondition() {
    Pipelines.create(cluster.namespace(), "pause-me", spec -> { });
    FinancialPipeline ready = Pipelines.awaitReady(cluster.namespace(), "pause-me");
    String readySince = Pipelines.condition(ready, PipelineCondition.READY).orElseThrow().lastTransitionTime;

    Pipelines.resource(cluster.namespace(), "pause-me").edit(p -> {
      p.getSpec().paused = true;
      return p;
    });
    FinancialPipeline paused = Pipelines.awaitStatus(cluster.namespace(), "pause-me",
        p -> p.getStatus().phase == Phase.Paused);

    PipelineCondition readyWhilePaused = Pipelines.condition(paused, PipelineCondition.READY).orElseThrow();
    assertThat(readyWhilePaused.status).isEqualTo("True");
    assertThat(readyWhilePaused.reason).isEqualTo("Paused");
    assertThat(readyWhilePaused.lastTransitionTime).isEqualTo(readySince);
    assertThat(Pipelines.condition(paused, PipelineCondition.STALLED).orElseThrow().status).isEqualTo("False");
  }

  /** A bucket name owned by another pipeline fails for good; each resync sees it again. */
  @Test
  void aTerminalFailureRepeatedOverFiveResyncsIsOneWarningEventCountedUp() {
    String bucket = "foreign-" + Long.toHexString(System.nanoTime());
    var s3 = Moto.clients().s3();
    s3.createBucket(b -> b.bucket(bucket));
    s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(
        tag("finpipe.dev/namespace", "someone"), tag("finpipe.dev/name", "else"),
        tag("finpipe.dev/uid", "00000000-0000-0000-0000-000000000000"))));
    Pipelines.create(cluster.namespace(), "foreign", spec -> {
      spec.bucket = new dev.finpipe.operator.api.BucketSpec();
      spec.bucket.name = bucket;
    });
    FinancialPipeline failed = Pipelines.awaitStatus(cluster.namespace(), "foreign",
        p -> p.getStatus().phase == Phase.Failed);
    assertThat(Pipelines.condition(failed, PipelineCondition.STALLED).orElseThrow().status).isEqualTo("True");

    await().atMost(RESYNC.multipliedBy(5).plus(TestGround.timeout())).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(warnings("foreign")).singleElement()
            .satisfies(e -> assertThat(e.getCount()).isGreaterThanOrEqualTo(5)));
    Event warning = warnings("foreign").get(0);
    assertThat(warning.getReason()).isEqualTo(EventReason.ComponentFailed.name());
    assertThat(warning.getMessage()).startsWith("bucket (ForeignResource)");
    assertThat(warning.getLastTimestamp()).isGreaterThan(warning.getFirstTimestamp());
  }

  private static List<Event> warnings(String pipeline) {
    return TestGround.kubernetes().v1().events().inNamespace(cluster.namespace()).list().getItems().stream()
        .filter(e -> "Warning".equals(e.getType()) && pipeline.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  private static software.amazon.awssdk.services.s3.model.Tag tag(String key, String value) {
    return software.amazon.awssdk.services.s3.model.Tag.builder().key(key).value(value).build();
  }
}
