package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.support.AwsErrors;
import java.time.Duration;
import java.util.List;

/**
 * When the next pass over a pipeline comes, decided from what this pass did alone: no client, no clock. A
 * component that can still make progress by itself is retried with JOSDK's backoff; one that failed terminally
 * is not (the components waiting behind it cannot move either): the resync re-checks it.
 */
final class RequeuePolicy {
  /** JOSDK retry attempts during which a Ready pipeline's transient failure leaves it Ready. */
  static final int GRACE_ATTEMPTS = 3;
  static final Duration PROGRESS_RETRY = Duration.ofSeconds(2);
  static final Duration TRANSIENT_RETRY = Duration.ofSeconds(30);
  private final Duration resyncPeriod;

  RequeuePolicy(Duration resyncPeriod) {
    this.resyncPeriod = resyncPeriod;
  }

  /** What follows a pass. */
  sealed interface Next {
  }

  /** Another pass after {@code delay}. */
  record After(Duration delay) implements Next {
  }

  /** The pass fails naming {@code retrying} and JOSDK's retry backs off ({@link PipelineNotReadyException}). */
  record Backoff(List<ComponentResult> retrying) implements Next {
  }

  /** Nothing holds the deletion any more: the finalizer goes. */
  record Deleted() implements Next {
  }

  /**
   * Whether a Ready pipeline whose pass only hit retryable errors stays Ready: during its first retries (one
   * throttled read is no outage). {@code retryAttempt} is JOSDK's attempt count, 0 on a pass that is no retry.
   */
  static boolean graced(int retryAttempt) {
    return retryAttempt < GRACE_ATTEMPTS;
  }

  /** After a converge pass; {@code wasReady}: the pipeline was Ready before it. */
  Next afterConverge(List<ComponentResult> results, boolean wasReady) {
    List<ComponentResult> retrying = results.stream().filter(ComponentResult::retrying).toList();
    if (retrying.isEmpty()) {
      return new After(resyncPeriod);
    }
    if ((!wasReady && did(results, Convergence.Action.CREATED)) || onlyRateLimited(retrying)) {
      // Provisioning moved forward, or only our own rate limiter held calls back (it paces the next pass
      // itself): go on soon rather than let the retry backoff grow with every pass.
      return new After(PROGRESS_RETRY);
    }
    return new Backoff(retrying);
  }

  /**
   * After a deletion pass: done when nothing failed nor is pending; soon after a pass that deleted something or
   * was only held back by the operator's own rate limiter; after one held up by other retryable errors
   * (throttling, an outage) in {@link #TRANSIENT_RETRY} (or the resync if shorter); when a terminal problem
   * blocks (a bucket that still holds objects, a foreign resource), at the resync: only the user can change that.
   */
  Next afterDeletion(List<ComponentResult> results) {
    List<ComponentResult> failed = results.stream().filter(r -> r.state() == ComponentResult.State.Failed).toList();
    if (results.stream().noneMatch(ComponentResult::blocking)) {
      return new Deleted();
    }
    if (did(results, Convergence.Action.DELETED) || onlyRateLimited(results.stream()
        .filter(r -> r.retrying() || r.state() == ComponentResult.State.Failed).toList())) {
      return new After(PROGRESS_RETRY);
    }
    return new After(!failed.isEmpty() || resyncPeriod.compareTo(TRANSIENT_RETRY) < 0
        ? resyncPeriod : TRANSIENT_RETRY);
  }

  /**
   * A converged pipeline's next pass, {@code sinceConverge} after its last full converge pass: its next health
   * check every {@code healthPeriod}, or the resync (a full pass) when that comes first.
   */
  Duration untilNextPass(Duration healthPeriod, Duration sinceConverge) {
    Duration untilResync = resyncPeriod.minus(sinceConverge);
    if (untilResync.isNegative()) {
      return Duration.ZERO;
    }
    return healthPeriod.compareTo(untilResync) < 0 ? healthPeriod : untilResync;
  }

  private static boolean onlyRateLimited(List<ComponentResult> blocked) {
    return !blocked.isEmpty() && blocked.stream().allMatch(r -> AwsErrors.RATE_LIMITED.equals(r.reason()));
  }

  /** Whether the pass did {@code action} to at least one component. */
  private static boolean did(List<ComponentResult> results, Convergence.Action action) {
    return results.stream().anyMatch(r -> r.convergence().map(c -> c.action() == action).orElse(false));
  }
}
