package dev.finpipe.operator.testing;

import dev.finpipe.operator.reconciler.ComponentResult;
import dev.finpipe.operator.reconciler.PipelineContext;
import dev.finpipe.operator.reconciler.PipelineConverger;
import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.support.AwsErrors;
import dev.finpipe.operator.support.RetryableException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs an action again, as the reconciler's requeue would, while it fails with AWS's eventual consistency
 * ({@code AwsPropagation}: a new role not usable yet, an S3 destination not validated yet). Against plain moto
 * the first try succeeds; through the AWS behaviour layer (docs/TESTING.md) a few tries are refused first.
 */
public final class Requeue {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Set<String> TRANSIENT = Set.of(AwsErrors.PROPAGATION, "Conflict", "Throttled", "FunctionPending");

  private Requeue() {
  }

  public static <T> T untilPropagated(Supplier<T> action) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      try {
        return action.get();
      } catch (RetryableException e) {
        if (!TRANSIENT.contains(e.reason()) || System.nanoTime() > deadline) {
          throw e;
        }
        pause();
      }
    }
  }

  /**
   * Converges as the reconciler would: again (a requeue) while a component is retrying, e.g. a function whose new
   * role AWS has not propagated yet; against plain moto one pass suffices.
   */
  public static PipelineConverger.Outcome converge(PipelineConverger converger, Supplier<PipelineContext> context) {
    long deadline = System.nanoTime() + 2 * PATIENCE.toNanos();
    while (true) {
      PipelineConverger.Outcome outcome = converger.converge(context.get());
      if (outcome.results().stream().noneMatch(ComponentResult::retrying) || System.nanoTime() > deadline) {
        return outcome;
      }
      pause();
    }
  }

  /**
   * Deletion passes, paced like requeues, until every component is Deleted; none may ever be Failed, and it must
   * be done within {@code patience}.
   */
  public static void deleteUntilGone(PipelineConverger converger, PipelineContext ctx, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      List<ComponentResult> deleted = converger.delete(ctx);
      assertThat(deleted).noneSatisfy(r ->
          assertThat(r.state()).as(r.component() + ": " + r.message()).isEqualTo(ComponentResult.State.Failed));
      if (deleted.stream().allMatch(r -> r.state() == ComponentResult.State.Deleted)) {
        return;
      }
      assertThat(System.nanoTime()).as("not deleted after %s: %s", patience, deleted).isLessThan(deadline);
      pause();
    }
  }

  /** The pause between two tries, as short as the reconciler's first requeue. */
  public static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
