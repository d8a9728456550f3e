package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.metrics.PipelineMetrics;
import dev.finpipe.operator.policy.AdministratorAllowances;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the status says when a pass ends in an exception: a lost write race is not an error of the pipeline. */
class ErrorStatusTest {
  private final FinancialPipelineReconciler reconciler = new FinancialPipelineReconciler(null, null,
      new StatusRecorder(Clock.systemUTC()), null, Duration.ofMinutes(5), AdministratorAllowances.DEFAULTS,
      new PipelineMetrics(new SimpleMeterRegistry(), Clock.systemUTC()));

  @Test
  void aConflictOnTheStatusWriteLeavesTheStatusAlone() {
    FinancialPipeline fp = pipeline();
    var conflict = new RuntimeException("reconcile failed", new KubernetesClientException(
        "Operation cannot be fulfilled: the object has been modified", 409, null));

    var control = reconciler.updateErrorStatus(fp, null, conflict);

    assertThat(control.getResource()).isEmpty();
    assertThat(fp.getStatus()).isNull();
    assertThat(control.isNoRetry()).isFalse();
  }

  @Test
  void anUnexpectedErrorIsReportedAsInternalError() {
    FinancialPipeline fp = pipeline();

    var control = reconciler.updateErrorStatus(fp, null, new KubernetesClientException("boom", 500, null));

    assertThat(control.getResource()).isPresent();
    assertThat(readyReason(fp)).isEqualTo("InternalError");
  }

  private static String readyReason(FinancialPipeline fp) {
    return fp.getStatus().conditions.stream().filter(c -> PipelineCondition.READY.equals(c.type)).findFirst()
        .orElseThrow().reason;
  }

  private static FinancialPipeline pipeline() {
    FinancialPipeline fp = new FinancialPipeline();
    fp.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("p").withUid("u").withGeneration(1L)
        .build());
    fp.setSpec(new FinancialPipelineSpec());
    fp.getSpec().region = "eu-west-1";
    return fp;
  }
}
