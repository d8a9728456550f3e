package dev.finpipe.operator.metrics;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineStatus;
import dev.finpipe.operator.api.Phase;
import dev.finpipe.operator.api.PipelineCondition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-pipeline state gauges (1 or 0, labels namespace and name), the apply-to-Ready duration, drift corrections
 * by kind and field, and the reconcile duration. Names follow the Prometheus conventions; docs/METRICS.md lists
 * them.
 */
public final class PipelineMetrics {
  public static final String READY = "finpipe_pipeline_ready";
  public static final String DEGRADED = "finpipe_pipeline_degraded";
  public static final String FAILED = "finpipe_pipeline_failed";
  public static final String PAUSED = "finpipe_pipeline_paused";
  public static final String OBSERVE_ONLY = "finpipe_pipeline_observe_only";
  public static final String HEALTHY = "finpipe_pipeline_healthy";
  public static final String HEALTH_TRANSITIONS = "finpipe_pipeline_health_transitions";
  public static final String TIME_TO_READY = "finpipe_pipeline_time_to_ready";
  public static final String DRIFT_CORRECTIONS = "finpipe_drift_corrections";
  public static final String RECONCILE_DURATION = "finpipe_reconcile_duration";
  private static final Duration[] TIME_TO_READY_BUCKETS = {Duration.ofSeconds(15), Duration.ofSeconds(30),
      Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
      Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1)};
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, State> states = new ConcurrentHashMap<>();
  /** When this operator first saw a pipeline's current generation not Ready: the start of apply-to-Ready. */
  private final Map<String, Applied> applied = new ConcurrentHashMap<>();

  private record Applied(long generation, Instant since) {
  }

  /** The gauges of one pipeline read these fields. */
  private static final class State {
    volatile double ready;
    volatile double degraded;
    volatile double failed;
    volatile double paused;
    volatile double observeOnly;
    volatile double healthy;
    final List<Meter> meters = new ArrayList<>();
  }

  public PipelineMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    // registered at 0 so that dashboards and alert rules find both series before the first transition
    healthTransition(HEALTHY_TRANSITION, 0);
    healthTransition(UNHEALTHY_TRANSITION, 0);
  }

  static final String HEALTHY_TRANSITION = "healthy";
  static final String UNHEALTHY_TRANSITION = "unhealthy";

  /** The Healthy condition of a pipeline turned True ({@code healthy}) or False. */
  public void healthChanged(boolean healthy) {
    healthTransition(healthy ? HEALTHY_TRANSITION : UNHEALTHY_TRANSITION, 1);
  }

  private void healthTransition(String to, double amount) {
    Counter.builder(HEALTH_TRANSITIONS).description("Transitions of a pipeline's Healthy condition to True or False")
        .tags("to", to).register(registry).increment(amount);
  }

  /** Records the status just computed for {@code fp} (before it is written). */
  public void observed(FinancialPipeline fp, FinancialPipelineStatus status) {
    State state = states.computeIfAbsent(key(fp), k -> register(fp));
    boolean ready = isTrue(status, PipelineCondition.READY);
    state.ready = ready ? 1 : 0;
    state.degraded = status.phase == Phase.Degraded ? 1 : 0;
    state.failed = status.phase == Phase.Failed ? 1 : 0;
    state.paused = status.phase == Phase.Paused ? 1 : 0;
    state.observeOnly = fp.getSpec() != null && fp.getSpec().observeOnly ? 1 : 0;
    state.healthy = isTrue(status, PipelineCondition.HEALTHY) ? 1 : 0;
    timeToReady(fp, ready && status.phase == Phase.Ready);
  }

  private void timeToReady(FinancialPipeline fp, boolean ready) {
    long generation = fp.getMetadata().getGeneration() == null ? 0 : fp.getMetadata().getGeneration();
    boolean wasReadyForThisGeneration = fp.getStatus() != null
        && Long.valueOf(generation).equals(fp.getStatus().observedGeneration)
        && isTrue(fp.getStatus(), PipelineCondition.READY);
    if (wasReadyForThisGeneration) {
      applied.remove(key(fp));
      return;
    }
    Applied start = applied.compute(key(fp), (k, known) -> known != null && known.generation == generation
        ? known : new Applied(generation, firstSeen(fp, generation)));
    if (ready) {
      Timer.builder(TIME_TO_READY).description("From a spec change (or creation) to the pipeline being Ready")
          .serviceLevelObjectives(TIME_TO_READY_BUCKETS).register(registry)
          .record(Duration.between(start.since, clock.instant()));
      applied.remove(key(fp));
    }
  }

  /** A new pipeline's clock starts at its creation; a changed one's when this operator first sees the change. */
  private Instant firstSeen(FinancialPipeline fp, long generation) {
    String created = fp.getMetadata().getCreationTimestamp();
    return generation <= 1 && created != null ? Instant.parse(created) : clock.instant();
  }

  public void driftCorrected(String kind, String field) {
    Counter.builder(DRIFT_CORRECTIONS).description("Managed fields written back because AWS differed from the spec")
        .tags("kind", kind, "field", field).register(registry).increment();
  }

  /** One reconcile pass, by the phase it left the pipeline in (or "error"). */
  public void reconciled(Duration took, String outcome) {
    Timer.builder(RECONCILE_DURATION).description("Duration of one reconcile pass of one pipeline")
        .tags("outcome", outcome).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry).record(took);
  }

  /** The pipeline is gone: its series disappear. */
  public void removed(FinancialPipeline fp) {
    applied.remove(key(fp));
    State state = states.remove(key(fp));
    if (state != null) {
      state.meters.forEach(registry::remove);
    }
  }

  private State register(FinancialPipeline fp) {
    State state = new State();
    Tags tags = Tags.of("namespace", fp.getMetadata().getNamespace(), "name", fp.getMetadata().getName());
    state.meters.add(gauge(READY, "1 when the pipeline's Ready condition is True", tags, state, s -> s.ready));
    state.meters.add(gauge(DEGRADED, "1 when a pipeline that was Ready has a failing component", tags, state,
        s -> s.degraded));
    state.meters.add(gauge(FAILED, "1 when the pipeline is stopped by an error only a change can fix", tags, state,
        s -> s.failed));
    state.meters.add(gauge(PAUSED, "1 when spec.paused is true", tags, state, s -> s.paused));
    state.meters.add(gauge(OBSERVE_ONLY, "1 when spec.observeOnly is true", tags, state, s -> s.observeOnly));
    state.meters.add(gauge(HEALTHY, "1 when the pipeline's Healthy condition is True", tags, state,
        s -> s.healthy));
    return state;
  }

  private Meter gauge(String name, String help, Tags tags, State state,
                      java.util.function.ToDoubleFunction<State> value) {
    return Gauge.builder(name, state, value).description(help).tags(tags).strongReference(true).register(registry);
  }

  private static String key(FinancialPipeline fp) {
    return fp.getMetadata().getNamespace() + "/" + fp.getMetadata().getName();
  }

  private static boolean isTrue(FinancialPipelineStatus status, String type) {
    return status != null && status.conditions != null
        && status.conditions.stream().anyMatch(c -> type.equals(c.type) && c.isTrue());
  }
}
