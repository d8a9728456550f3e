package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineStatus;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.api.PipelineHealth;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.health.FunctionReading;
import dev.finpipe.operator.health.HealthEvaluation;
import dev.finpipe.operator.health.HealthReader;
import dev.finpipe.operator.health.HealthVerdict;
import dev.finpipe.operator.metrics.PipelineMetrics;
import dev.finpipe.operator.support.ClassifiedException;
import dev.finpipe.operator.support.EventReason;
import dev.finpipe.operator.support.EventRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Healthy condition on its own cadence ({@link #period()}). A converged pipeline's passes between two resyncs
 * only read its health (a few reads) and patch status; a spec or {@code finpipe.dev/} annotation change, a pass
 * that did not converge, or an operator restart leads to a full converge pass first. Status has one writer: the
 * reconcile. A pipeline that is not Ready is not checked: Healthy is Unknown (NotReady), its figures those of the
 * last check.
 */
public final class HealthCheck {
  public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(1);
  static final String NOT_READY = "NotReady";
  /**
   * A pass this close to the resync is the resync: the timer that ends the last health period before it fires a
   * little after it was computed, and a health-only pass right before a full one would only add reads.
   */
  static final Duration RESYNC_SLACK = Duration.ofSeconds(1);
  private final Duration period;
  private final HealthReader reader;
  private final StatusRecorder statusRecorder;
  private final EventRecorder events;
  private final PipelineMetrics metrics;
  private final Clock clock;
  /** The last full converge pass of each pipeline (by uid) that left it converged. */
  private final Map<String, Converged> converged = new ConcurrentHashMap<>();

  private record Converged(Instant at, Long generation, Map<String, String> triggers) {
  }

  /** Runs a check's reads within the pipeline's pass budget ({@link PassBudget}). */
  interface Budget extends Function<Supplier<List<FunctionReading>>, List<FunctionReading>> {
  }

  /** A check's outcome: the verdict, and the figures unless AWS could not be read. */
  private record Checked(HealthVerdict verdict, PipelineHealth figures) {
  }

  public HealthCheck(Duration period, StatusRecorder statusRecorder, EventRecorder events, PipelineMetrics metrics,
                     Clock clock) {
    if (period == null || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("--health-period must be a positive duration, got " + period);
    }
    this.period = period;
    this.reader = new HealthReader(clock);
    this.statusRecorder = statusRecorder;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Duration period() {
    return period;
  }

  /**
   * Whether this pass only checks health: the pipeline is Ready for its current spec and annotations, and its last
   * full converge pass is younger than {@code resync}.
   */
  boolean onlyHealthDue(FinancialPipeline fp, Duration resync) {
    Converged last = converged.get(fp.getMetadata().getUid());
    FinancialPipelineStatus status = fp.getStatus();
    return last != null && StatusRecorder.isReady(status)
        && Objects.equals(status.observedGeneration, fp.getMetadata().getGeneration())
        && Objects.equals(last.generation, fp.getMetadata().getGeneration())
        && last.triggers.equals(ReconcileTriggers.ours(fp.getMetadata().getAnnotations()))
        && Duration.between(last.at, clock.instant()).plus(RESYNC_SLACK).compareTo(resync) < 0;
  }

  /**
   * After a full converge pass: {@code allConverged} (every component ready) starts the pipeline's health cadence
   * and checks health now; otherwise Healthy is Unknown until it converges.
   */
  FinancialPipelineStatus afterConverge(FinancialPipeline fp, FinancialPipelineStatus status, boolean allConverged,
                                        PipelineIdentity identity, AwsClients aws, Budget budget) {
    if (allConverged) {
      converged.put(fp.getMetadata().getUid(), new Converged(clock.instant(), fp.getMetadata().getGeneration(),
          ReconcileTriggers.ours(fp.getMetadata().getAnnotations())));
    } else {
      converged.remove(fp.getMetadata().getUid());
    }
    if (!StatusRecorder.isReady(status)) {
      return statusRecorder.withHealth(fp, status, HealthVerdict.unknown(NOT_READY,
          "health is checked once the pipeline is Ready"), null);
    }
    Checked checked = check(fp, identity, aws, budget);
    return statusRecorder.withHealth(fp, status, checked.verdict(), checked.figures());
  }

  /** A pass that only checks health: the last status with the new Healthy condition and figures. */
  FinancialPipelineStatus checkOnly(FinancialPipeline fp, PipelineIdentity identity, AwsClients aws,
                                    Budget budget) {
    Checked checked = check(fp, identity, aws, budget);
    return statusRecorder.healthChecked(fp, checked.verdict(), checked.figures());
  }

  /** When the next pass comes: {@code delay}, or the pipeline's next health check if sooner. */
  Duration nextPass(FinancialPipeline fp, RequeuePolicy requeue, Duration delay) {
    Converged last = converged.get(fp.getMetadata().getUid());
    if (last == null) {
      return delay;
    }
    Duration health = requeue.untilNextPass(period, Duration.between(last.at, clock.instant()));
    return health.compareTo(delay) < 0 ? health : delay;
  }

  /** The pipeline is gone. */
  void forget(FinancialPipeline fp) {
    converged.remove(fp.getMetadata().getUid());
  }

  /** A failed read (throttled, refused, an endpoint that does not answer within the budget) makes Healthy Unknown. */
  private Checked check(FinancialPipeline fp, PipelineIdentity identity, AwsClients aws, Budget budget) {
    Checked checked;
    try {
      List<FunctionReading> readings = budget.apply(() -> reader.read(identity.names(), identity.accountId(), aws,
          identity.spec().alarmsOrDefault().enabled));
      checked = new Checked(HealthEvaluation.verdict(readings), HealthEvaluation.figures(readings, clock.instant()));
    } catch (ClassifiedException e) {
      checked = new Checked(HealthVerdict.unknown(HealthVerdict.CHECK_FAILED, e.getMessage()), null);
    }
    recordTransition(fp, checked.verdict());
    return checked;
  }

  /** An Event and the transitions counter when Healthy turns False (from anything else) or back to True. */
  private void recordTransition(FinancialPipeline fp, HealthVerdict verdict) {
    PipelineCondition last = fp.getStatus() == null || fp.getStatus().conditions == null ? null
        : fp.getStatus().conditions.stream().filter(c -> PipelineCondition.HEALTHY.equals(c.type)).findFirst()
            .orElse(null);
    boolean wasFalse = last != null && "False".equals(last.status);
    if (verdict.isFalse() && !wasFalse) {
      events.record(fp, EventReason.Unhealthy, verdict.message());
      metrics.healthChanged(false);
    } else if (verdict.isTrue() && wasFalse) {
      events.record(fp, EventReason.HealthRestored, verdict.message());
      metrics.healthChanged(true);
    }
  }
}
