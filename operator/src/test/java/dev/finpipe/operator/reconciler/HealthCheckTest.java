package dev.finpipe.operator.reconciler;

import static dev.finpipe.operator.reconciler.Results.pending;
import static dev.finpipe.operator.reconciler.Results.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineStatus;
import dev.finpipe.operator.api.Phase;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.api.PipelineHealth;
import dev.finpipe.operator.health.HealthVerdict;
import dev.finpipe.operator.metrics.PipelineMetrics;
import dev.finpipe.operator.support.EventRecorder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When a pass only checks health, and what the Healthy condition looks like in the status a pass writes. No AWS:
 * the cases here never reach a check ({@code PipelineHealthOnClusterTest} covers the checks).
 */
class HealthCheckTest {
  private static final Duration RESYNC = Duration.ofMinutes(5);
  private static final HealthCheck.Budget NO_READS = reads -> {
    throw new AssertionError("no AWS read expected");
  };
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T10:00:00Z"));
  private final StatusRecorder recorder = new StatusRecorder(clock);
  private final HealthCheck health = newHealthCheck();

  private HealthCheck newHealthCheck() {
    return new HealthCheck(Duration.ofMinutes(1), recorder, new EventRecorder(null),
        new PipelineMetrics(new SimpleMeterRegistry(), clock), clock);
  }

  private static FinancialPipeline pipeline() {
    FinancialPipeline fp = new FinancialPipeline();
    fp.setMetadata(new ObjectMetaBuilder().withName("p").withNamespace("ns").withUid("uid-1").withGeneration(2L)
        .withAnnotations(new java.util.HashMap<>(Map.of("finpipe.dev/resync-period", "PT5M"))).build());
    return fp;
  }

  /** The pipeline after a full pass that converged it: Ready, and its converge recorded. */
  private FinancialPipeline converged() {
    FinancialPipeline fp = pipeline();
    FinancialPipelineStatus notYetChecked = recorder.converged(fp, List.of(ready("bucket")), null);
    // a status that is not Ready makes afterConverge record the converge without reading AWS
    health.afterConverge(fp, recorder.converged(fp, List.of(pending("bucket", "Throttled")), null), true, null, null,
        NO_READS);
    fp.setStatus(notYetChecked);
    return fp;
  }

  @Test
  void aConvergedPipelineOnlyHasItsHealthCheckedUntilTheResync() {
    FinancialPipeline fp = converged();
    clock.move(Duration.ofMinutes(1));
    assertThat(health.onlyHealthDue(fp, RESYNC)).isTrue();
    clock.move(Duration.ofMinutes(4).minus(HealthCheck.RESYNC_SLACK).minusMillis(1));
    assertThat(health.onlyHealthDue(fp, RESYNC)).isTrue();
    clock.move(Duration.ofMillis(1));
    assertThat(health.onlyHealthDue(fp, RESYNC)).as("(almost) at the resync: a full pass").isFalse();
  }

  @Test
  void aSpecChangeIsAFullPass() {
    FinancialPipeline fp = converged();
    fp.getMetadata().setGeneration(3L);
    assertThat(health.onlyHealthDue(fp, RESYNC)).isFalse();
  }

  @Test
  void aChangedFinpipeAnnotationIsAFullPassAnotherAnnotationIsNot() {
    FinancialPipeline fp = converged();
    fp.getMetadata().getAnnotations().put("example.com/owner", "team-a");
    assertThat(health.onlyHealthDue(fp, RESYNC)).isTrue();
    fp.getMetadata().getAnnotations().put("finpipe.dev/reconcile-requested-at", "2026-11-30T10:00:30Z");
    assertThat(health.onlyHealthDue(fp, RESYNC)).isFalse();
  }

  @Test
  void aPassThatDidNotConvergeOrARestartedOperatorConvergesFirst() {
    FinancialPipeline fp = converged();
    assertThat(newHealthCheck().onlyHealthDue(fp, RESYNC)).as("nothing known after a restart").isFalse();
    health.afterConverge(fp, recorder.converged(fp, List.of(pending("bucket", "Throttled")), null), false, null,
        null, NO_READS);
    assertThat(health.onlyHealthDue(fp, RESYNC)).isFalse();
  }

  @Test
  void aPipelineThatIsNotReadyIsNotCheckedAndItsHealthIsUnknown() {
    FinancialPipeline fp = pipeline();
    FinancialPipelineStatus status = health.afterConverge(fp,
        recorder.converged(fp, List.of(pending("bucket", "Throttled")), null), false, null, null, NO_READS);
    PipelineCondition healthy = condition(status, PipelineCondition.HEALTHY);
    assertThat(healthy.status).isEqualTo("Unknown");
    assertThat(healthy.reason).isEqualTo(HealthCheck.NOT_READY);
    assertThat(status.phase).isEqualTo(Phase.Provisioning);
  }

  @Test
  void theNextPassIsTheNextHealthCheckOrTheGivenDelayIfSooner() {
    FinancialPipeline fp = converged();
    RequeuePolicy requeue = new RequeuePolicy(RESYNC);
    assertThat(health.nextPass(fp, requeue, RESYNC)).isEqualTo(Duration.ofMinutes(1));
    assertThat(health.nextPass(fp, requeue, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    assertThat(health.nextPass(pipeline2(), requeue, RESYNC)).as("not converged: no health cadence")
        .isEqualTo(RESYNC);
  }

  @Test
  void aHealthOnlyPassChangesOnlyHealthyAndTheFigures() {
    FinancialPipeline fp = converged();
    PipelineHealth figures = new PipelineHealth();
    figures.checkedAt = "2026-11-30T10:01:00Z";
    clock.move(Duration.ofMinutes(1));
    FinancialPipelineStatus checked = recorder.healthChecked(fp,
        new HealthVerdict("False", HealthVerdict.DEAD_LETTERS, "processor function: ..."), figures);

    assertThat(checked.phase).isEqualTo(fp.getStatus().phase);
    assertThat(checked.observedGeneration).isEqualTo(fp.getStatus().observedGeneration);
    assertThat(checked.resources).isEqualTo(fp.getStatus().resources);
    assertThat(checked.conditions).filteredOn(c -> !c.type.equals(PipelineCondition.HEALTHY))
        .containsExactlyInAnyOrderElementsOf(fp.getStatus().conditions.stream()
            .filter(c -> !c.type.equals(PipelineCondition.HEALTHY)).toList());
    assertThat(condition(checked, PipelineCondition.HEALTHY).status).isEqualTo("False");
    assertThat(condition(checked, PipelineCondition.HEALTHY).lastTransitionTime).isEqualTo("2026-11-30T10:01:00Z");
    assertThat(checked.health.checkedAt).isEqualTo("2026-11-30T10:01:00Z");
  }

  @Test
  void aFullPassAndAPauseKeepTheLastHealthyAndFigures() {
    FinancialPipeline fp = converged();
    PipelineHealth figures = new PipelineHealth();
    figures.checkedAt = "2026-11-30T10:00:00Z";
    fp.setStatus(recorder.healthChecked(fp, new HealthVerdict("True", HealthVerdict.HEALTHY, "quiet"), figures));

    FinancialPipelineStatus resynced = recorder.converged(fp, List.of(ready("bucket")), null);
    assertThat(condition(resynced, PipelineCondition.HEALTHY).message).isEqualTo("quiet");
    assertThat(resynced.health).isSameAs(figures);

    FinancialPipelineStatus paused = recorder.paused(fp);
    assertThat(condition(paused, PipelineCondition.HEALTHY).status).isEqualTo("True");
    assertThat(condition(paused, PipelineCondition.HEALTHY).reason).isEqualTo("Paused");
    assertThat(condition(paused, PipelineCondition.HEALTHY).message).contains("health is not checked", "quiet");
    assertThat(paused.health).isSameAs(figures);
  }

  @Test
  void readsThatFailMakeHealthUnknownWithoutAnEvent() {
    FinancialPipeline fp = converged();
    FinancialPipelineStatus status = health.checkOnly(fp, null, null, reads -> {
      throw new dev.finpipe.operator.support.RetryableException(PassBudget.REASON,
          "no answer from http://127.0.0.1:1 within PT3M");
    });
    PipelineCondition healthy = condition(status, PipelineCondition.HEALTHY);
    assertThat(healthy.status).isEqualTo("Unknown");
    assertThat(healthy.reason).isEqualTo(HealthVerdict.CHECK_FAILED);
    assertThat(healthy.message).contains("no answer from http://127.0.0.1:1");
    assertThat(status.phase).isEqualTo(Phase.Ready);
  }

  @Test
  void aHealthPeriodMustBePositive() {
    assertThatThrownBy(() -> new HealthCheck(Duration.ZERO, recorder, new EventRecorder(null),
        new PipelineMetrics(new SimpleMeterRegistry(), clock), clock))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--health-period");
  }

  private static FinancialPipeline pipeline2() {
    FinancialPipeline fp = pipeline();
    fp.getMetadata().setUid("uid-2");
    return fp;
  }

  private static PipelineCondition condition(FinancialPipelineStatus status, String type) {
    return status.conditions.stream().filter(c -> c.type.equals(type)).findFirst().orElseThrow();
  }

  /** A clock the test moves forward. */
  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
