package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineStatus;
import dev.finpipe.operator.api.Phase;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.aws.Convergence;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusRecorderTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static StatusRecorder at(Instant now) {
    return new StatusRecorder(Clock.fixed(now, ZoneOffset.UTC));
  }

  private static FinancialPipeline pipeline(FinancialPipelineStatus status) {
    FinancialPipeline fp = new FinancialPipeline();
    fp.setMetadata(new ObjectMetaBuilder().withName("p").withNamespace("ns").withGeneration(3L).build());
    fp.setStatus(status);
    return fp;
  }

  private static ComponentResult ready(String component) {
    return ComponentResult.converged(component, "kind", Convergence.unchanged(component + "-name", "arn:" + component));
  }

  private static PipelineCondition condition(FinancialPipelineStatus status, String type) {
    return status.conditions.stream().filter(c -> c.type.equals(type)).findFirst().orElseThrow();
  }

  @Test
  void everyComponentReadyMakesThePipelineReady() {
    var status = at(T0).converged(pipeline(null), List.of(ready("bucket"), ready("api")), "https://x/prod");
    assertThat(status.phase).isEqualTo(Phase.Ready);
    assertThat(status.observedGeneration).isEqualTo(3L);
    assertThat(status.apiEndpointUrl).isEqualTo("https://x/prod");
    assertThat(status.bucketName).isEqualTo("bucket-name");
    assertThat(status.failingComponent).isNull();
    assertThat(condition(status, PipelineCondition.READY).status).isEqualTo("True");
    assertThat(condition(status, PipelineCondition.PROGRESSING).status).isEqualTo("False");
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenAConditionChangesStatus() {
    var first = at(T0).converged(pipeline(null), List.of(ready("bucket")), null);
    var same = at(T0.plusSeconds(60)).converged(pipeline(first), List.of(ready("bucket")), null);
    assertThat(condition(same, PipelineCondition.READY).lastTransitionTime).isEqualTo("2026-01-01T00:00:00Z");

    var pending = new ComponentResult("api", "REST API", "api", null, ComponentResult.State.Pending, "Throttled",
        "slow down", java.util.Optional.empty());
    var degraded = at(T0.plusSeconds(120)).converged(pipeline(same), List.of(ready("bucket"), pending), null);
    assertThat(condition(degraded, PipelineCondition.READY).lastTransitionTime).isEqualTo("2026-01-01T00:02:00Z");
    assertThat(condition(degraded, PipelineCondition.READY).reason).isEqualTo("Throttled");
    assertThat(degraded.phase).as("it was Ready before").isEqualTo(Phase.Degraded);
    assertThat(degraded.failingComponent).isEqualTo("api");
  }

  @Test
  void aTerminalFailureFailsThePipelineAndStopsProgress() {
    var foreign = ComponentResult.failed("bucket", "S3 bucket", "b", "ForeignResource", "owned by someone else");
    var status = at(T0).converged(pipeline(null), List.of(foreign, ComponentResult.waiting("api", "REST API", "a",
        "bucket")), null);
    assertThat(status.phase).isEqualTo(Phase.Failed);
    assertThat(status.failingComponent).isEqualTo("bucket");
    assertThat(condition(status, PipelineCondition.READY).message).contains("owned by someone else");
    assertThat(condition(status, PipelineCondition.PROGRESSING).status).isEqualTo("False");
    assertThat(status.resources).extracting(r -> r.state).containsExactly("Failed", "Pending");
  }

  @Test
  void firstProvisioningIsNotDegraded() {
    var pending = ComponentResult.waiting("api", "REST API", "a", "functions");
    var status = at(T0).converged(pipeline(null), List.of(pending), null);
    assertThat(status.phase).isEqualTo(Phase.Provisioning);
    assertThat(condition(status, PipelineCondition.DEGRADED).status).isEqualTo("False");
  }

  @Test
  void anInvalidSpecKeepsWhatWasBuiltAndSaysWhy() {
    var ready = at(T0).converged(pipeline(null), List.of(ready("bucket")), "https://x/prod");
    var invalid = at(T0).invalid(pipeline(ready), List.of("spec.bucket.kmsKeyArn is in region eu-west-1"));
    assertThat(invalid.phase).isEqualTo(Phase.Failed);
    assertThat(invalid.resources).hasSize(1);
    assertThat(invalid.apiEndpointUrl).isEqualTo("https://x/prod");
    assertThat(condition(invalid, PipelineCondition.INVALID_SPEC).status).isEqualTo("True");
    assertThat(condition(invalid, PipelineCondition.INVALID_SPEC).message).contains("eu-west-1");
  }

  @Test
  void aReadyPipelineStaysReadyThroughAFirstTransientFailureButNotAPersistentOne() {
    var ready = at(T0).converged(pipeline(null), List.of(ready("bucket")), null);
    var throttled = new ComponentResult("bucket", "S3 bucket", "b", null, ComponentResult.State.Pending, "Throttled",
        "slow down", java.util.Optional.empty());

    var graced = at(T0.plusSeconds(60)).converged(pipeline(ready), List.of(throttled), null, true);
    assertThat(graced.phase).isEqualTo(Phase.Ready);
    assertThat(condition(graced, PipelineCondition.READY).status).isEqualTo("True");
    assertThat(condition(graced, PipelineCondition.READY).lastTransitionTime).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(condition(graced, PipelineCondition.PROGRESSING).message).contains("retrying bucket");

    var persistent = at(T0.plusSeconds(120)).converged(pipeline(graced), List.of(throttled), null, false);
    assertThat(persistent.phase).isEqualTo(Phase.Degraded);

    var foreign = ComponentResult.failed("bucket", "S3 bucket", "b", "ForeignResource", "not ours");
    assertThat(at(T0).converged(pipeline(ready), List.of(foreign), null, true).phase).isEqualTo(Phase.Failed);
  }
}
