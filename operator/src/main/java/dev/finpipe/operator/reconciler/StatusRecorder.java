package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineStatus;
import dev.finpipe.operator.api.Phase;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.api.PipelineHealth;
import dev.finpipe.operator.health.HealthVerdict;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that computes status: phase, conditions (carrying lastTransitionTime forward while a
 * condition's status does not change) and per-resource entries.
 */
public final class StatusRecorder {
  private final Clock clock;

  public StatusRecorder(Clock clock) {
    this.clock = clock;
  }

  /** Status after a converge pass over every component. */
  public FinancialPipelineStatus converged(FinancialPipeline fp, List<ComponentResult> results, String apiUrl) {
    return converged(fp, results, apiUrl, false);
  }

  /**
   * {@code transientGrace}: a Ready pipeline whose pass only hit retryable errors stays Ready (Progressing says
   * what is retried) instead of flapping to Degraded on one throttled read; it turns Degraded when the
   * failure persists (the caller stops granting grace) or at once for a terminal failure.
   */
  public FinancialPipelineStatus converged(FinancialPipeline fp, List<ComponentResult> results, String apiUrl,
                                           boolean transientGrace) {
    FinancialPipelineStatus status = base(fp);
    status.resources = results.stream().map(ComponentResult::toStatus).toList();
    if (apiUrl != null) {
      status.apiEndpointUrl = apiUrl; // otherwise the last known one, kept by base()
    }
    results.stream().filter(r -> r.component().equals(ComponentTable.BUCKET)).findFirst()
        .ifPresent(r -> status.bucketName = r.name());
    Optional<ComponentResult> failing = results.stream().filter(r -> !r.ready()).findFirst();
    boolean terminal = failing.map(r -> r.state() == ComponentResult.State.Failed).orElse(false);
    boolean wasReady = isReady(fp.getStatus());
    boolean graced = transientGrace && wasReady && !terminal && failing.isPresent();
    if (graced) {
      ComponentResult f = failing.get();
      status.phase = Phase.Ready;
      set(fp, status, PipelineCondition.READY, true, "Converged", "every AWS resource of the pipeline is ready");
      set(fp, status, PipelineCondition.PROGRESSING, true, f.reason(), "retrying " + f.component() + ": "
          + f.message());
      set(fp, status, PipelineCondition.DEGRADED, false, "Converged", "no component is failing for long");
    } else if (failing.isEmpty()) {
      status.phase = Phase.Ready;
      set(fp, status, PipelineCondition.READY, true, "Converged", "every AWS resource of the pipeline is ready");
      set(fp, status, PipelineCondition.PROGRESSING, false, "Converged", "nothing left to do");
      set(fp, status, PipelineCondition.DEGRADED, false, "Converged", "no component is failing");
    } else {
      ComponentResult f = failing.get();
      String message = f.component() + " (" + f.kind() + " " + f.name() + "): " + f.message();
      status.failingComponent = f.component();
      status.phase = terminal ? Phase.Failed : wasReady ? Phase.Degraded : Phase.Provisioning;
      set(fp, status, PipelineCondition.READY, false, f.reason(), message);
      set(fp, status, PipelineCondition.PROGRESSING, !terminal, terminal ? "Blocked" : f.reason(),
          terminal ? "stopped: the error needs a change of the spec or of AWS" : "converging: " + message);
      set(fp, status, PipelineCondition.DEGRADED, wasReady || terminal, f.reason(), message);
    }
    set(fp, status, PipelineCondition.INVALID_SPEC, false, "Valid", "the spec passed validation");
    if (terminal) {
      stalled(fp, status, failing.get().reason(), "stopped: the error needs a change of the spec or of AWS");
    } else {
      reconciling(fp, status, failing.isPresent(), failing.map(ComponentResult::reason).orElse("Converged"),
          failing.map(f -> "retrying " + f.component() + ": " + f.message()).orElse("nothing left to do"));
    }
    return status;
  }

  /** Status of a spec the operator refuses: no AWS call was made. */
  public FinancialPipelineStatus invalid(FinancialPipeline fp, List<String> problems) {
    FinancialPipelineStatus status = base(fp);
    keepResources(fp, status);
    String message = String.join("; ", problems);
    status.phase = Phase.Failed;
    set(fp, status, PipelineCondition.INVALID_SPEC, true, "InvalidSpec", message);
    set(fp, status, PipelineCondition.READY, false, "InvalidSpec", message);
    set(fp, status, PipelineCondition.PROGRESSING, false, "InvalidSpec", "fix the spec to continue");
    stalled(fp, status, "InvalidSpec", "fix the spec to continue");
    return status;
  }

  /** Status while paused: nothing is read nor written in AWS. */
  public FinancialPipelineStatus paused(FinancialPipeline fp) {
    FinancialPipelineStatus status = base(fp);
    keepResources(fp, status);
    status.phase = Phase.Paused;
    // Ready stays as last observed (nothing is checked while paused), Unknown if it never was observed.
    PipelineCondition lastReady = find(fp.getStatus(), PipelineCondition.READY);
    setStatus(fp, status, PipelineCondition.READY, lastReady == null ? PipelineCondition.UNKNOWN : lastReady.status,
        "Paused", "spec.paused is true: AWS is not checked; "
            + (lastReady == null ? "never observed" : "last observed: " + lastReady.message));
    set(fp, status, PipelineCondition.PROGRESSING, false, "Paused", "spec.paused is true: no AWS call is made");
    reconciling(fp, status, false, "Paused", "spec.paused is true: no AWS call is made");
    PipelineCondition lastHealthy = find(fp.getStatus(), PipelineCondition.HEALTHY);
    if (lastHealthy != null) {
      setStatus(fp, status, PipelineCondition.HEALTHY, lastHealthy.status, "Paused",
          "spec.paused is true: health is not checked; last checked: " + lastHealthy.message);
    }
    return status;
  }

  /**
   * {@code status} (being computed) with the Healthy condition of a health check and, when read, its figures;
   * without figures the last ones stay, their checkedAt saying how old they are.
   */
  public FinancialPipelineStatus withHealth(FinancialPipeline fp, FinancialPipelineStatus status,
                                            HealthVerdict verdict, PipelineHealth figures) {
    setStatus(fp, status, PipelineCondition.HEALTHY, verdict.status(), verdict.reason(), verdict.message());
    if (figures != null) {
      status.health = figures;
    }
    return status;
  }

  /** The last status unchanged but for the Healthy condition and figures: a pass that only checked health. */
  public FinancialPipelineStatus healthChecked(FinancialPipeline fp, HealthVerdict verdict, PipelineHealth figures) {
    FinancialPipelineStatus status = base(fp);
    keepResources(fp, status);
    FinancialPipelineStatus last = fp.getStatus();
    status.observedGeneration = last.observedGeneration;
    status.phase = last.phase;
    status.failingComponent = last.failingComponent;
    status.conditions = new ArrayList<>(last.conditions);
    return withHealth(fp, status, verdict, figures);
  }

  /** Status while a deletion waits (e.g. on a non-empty bucket). */
  public FinancialPipelineStatus deleting(FinancialPipeline fp, List<ComponentResult> results) {
    FinancialPipelineStatus status = base(fp);
    status.resources = results.stream().map(ComponentResult::toStatus).toList();
    status.phase = Phase.Deleting;
    Optional<ComponentResult> blocking = results.stream().filter(ComponentResult::blocking).findFirst();
    blocking.ifPresentOrElse(f -> {
      status.failingComponent = f.component();
      set(fp, status, PipelineCondition.READY, false, f.reason(), f.message());
      set(fp, status, PipelineCondition.PROGRESSING, true, "DeletionBlocked",
          "deletion waits: " + f.component() + ": " + f.message());
      reconciling(fp, status, true, "DeletionBlocked", "deletion waits: " + f.component() + ": " + f.message());
    }, () -> {
      set(fp, status, PipelineCondition.READY, false, "Deleting", "the pipeline is being deleted");
      set(fp, status, PipelineCondition.PROGRESSING, true, "Deleting", "the pipeline is being deleted");
      reconciling(fp, status, true, "Deleting", "the pipeline is being deleted");
    });
    return status;
  }

  /** Status after an unexpected error (the reconcile will be retried). */
  public FinancialPipelineStatus error(FinancialPipeline fp, String reason, String message) {
    FinancialPipelineStatus status = base(fp);
    keepResources(fp, status);
    status.phase = isReady(fp.getStatus()) ? Phase.Degraded : Phase.Provisioning;
    set(fp, status, PipelineCondition.READY, false, reason, message);
    set(fp, status, PipelineCondition.PROGRESSING, true, reason, "retrying: " + message);
    reconciling(fp, status, true, reason, "retrying: " + message);
    return status;
  }

  /** Status after an error no retry can fix: progress stops until the spec or AWS changes. */
  public FinancialPipelineStatus terminalError(FinancialPipeline fp, String reason, String message) {
    FinancialPipelineStatus status = base(fp);
    keepResources(fp, status);
    status.phase = Phase.Failed;
    set(fp, status, PipelineCondition.READY, false, reason, message);
    set(fp, status, PipelineCondition.PROGRESSING, false, "Blocked", "stopped: " + message);
    stalled(fp, status, reason, message);
    return status;
  }

  /** kstatus: Reconciling True while work is under way; Stalled False unless {@link #stalled}. */
  private void reconciling(FinancialPipeline fp, FinancialPipelineStatus status, boolean underWay, String reason,
                           String message) {
    set(fp, status, PipelineCondition.RECONCILING, underWay, reason, message);
    set(fp, status, PipelineCondition.STALLED, false, "NotStalled", "nothing is stuck");
  }

  /** kstatus: Stalled True when progress stopped until a person changes something. */
  private void stalled(FinancialPipeline fp, FinancialPipelineStatus status, String reason, String message) {
    set(fp, status, PipelineCondition.RECONCILING, false, reason, "stopped");
    set(fp, status, PipelineCondition.STALLED, true, reason, message);
  }

  private FinancialPipelineStatus base(FinancialPipeline fp) {
    FinancialPipelineStatus status = new FinancialPipelineStatus();
    status.observedGeneration = fp.getMetadata().getGeneration();
    status.conditions = new ArrayList<>();
    if (fp.getStatus() != null) {
      status.bucketName = fp.getStatus().bucketName;
      status.apiEndpointUrl = fp.getStatus().apiEndpointUrl;
      status.outputsConfigMap = fp.getStatus().outputsConfigMap;
      status.plan = fp.getStatus().plan;
      // health is checked on its own cadence: until the next check, the last Healthy and its figures stay
      status.health = fp.getStatus().health;
      PipelineCondition healthy = find(fp.getStatus(), PipelineCondition.HEALTHY);
      if (healthy != null) {
        status.conditions.add(healthy);
      }
    }
    return status;
  }

  private static void keepResources(FinancialPipeline fp, FinancialPipelineStatus status) {
    if (fp.getStatus() != null && fp.getStatus().resources != null) {
      status.resources = fp.getStatus().resources;
    }
  }

  /** Sets one condition of {@code status} for {@code fp}, carrying its lastTransitionTime forward. */
  void condition(FinancialPipeline fp, FinancialPipelineStatus status, String type, String value, String reason,
                 String message) {
    setStatus(fp, status, type, value, reason, message);
  }

  private void set(FinancialPipeline fp, FinancialPipelineStatus status, String type, boolean value, String reason,
                   String message) {
    setStatus(fp, status, type, value ? "True" : "False", reason, message);
  }

  private void setStatus(FinancialPipeline fp, FinancialPipelineStatus status, String type, String value,
                         String reason, String message) {
    PipelineCondition c = PipelineCondition.of(type, value, reason == null ? "Unknown" : reason, message);
    c.observedGeneration = fp.getMetadata().getGeneration();
    PipelineCondition previous = find(fp.getStatus(), type);
    c.lastTransitionTime = previous != null && Objects.equals(previous.status, c.status)
        && previous.lastTransitionTime != null
        ? previous.lastTransitionTime : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    status.conditions.removeIf(existing -> existing.type.equals(type));
    status.conditions.add(c);
  }

  private static PipelineCondition find(FinancialPipelineStatus status, String type) {
    if (status == null || status.conditions == null) {
      return null;
    }
    return status.conditions.stream().filter(c -> type.equals(c.type)).findFirst().orElse(null);
  }

  static boolean isReady(FinancialPipelineStatus status) {
    PipelineCondition ready = find(status, PipelineCondition.READY);
    return ready != null && ready.isTrue();
  }
}
