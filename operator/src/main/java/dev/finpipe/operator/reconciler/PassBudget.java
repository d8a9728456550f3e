package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.support.RetryableException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The time one pipeline's AWS pass may take. The pass runs on a thread of its own; the reconcile thread (one of
 * JOSDK's few, shared by all pipelines) waits at most the budget, then gives up with {@link #REASON}, naming the
 * endpoint, and the pass is retried with backoff. The abandoned calls end with the SDK's own timeouts; until
 * they have, the same pipeline's next pass is refused at once, so a tarpit costs at most one budget per
 * abandoned pass and never more than one set of abandoned calls per pipeline.
 */
public final class PassBudget implements AutoCloseable {
  public static final String REASON = "EndpointUnresponsive";
  private final Duration budget;
  private final ExecutorService passes = PassThreads.pool("aws-pass", 0);
  /** Per pipeline: completes when its abandoned pass has really ended. */
  private final ConcurrentHashMap<String, CompletableFuture<Void>> abandoned = new ConcurrentHashMap<>();

  public PassBudget(Duration budget) {
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("pass budget must be positive: " + budget);
    }
    this.budget = budget;
  }

  public Duration budget() {
    return budget;
  }

  /**
   * Runs {@code pass} for {@code pipeline} (a key unique per pipeline) within the budget; {@code endpoint}
   * names where its calls go, for the message when it does not answer.
   */
  public <T> T run(String pipeline, String endpoint, Supplier<T> pass) {
    CompletableFuture<Void> earlier = abandoned.get(pipeline);
    if (earlier != null) {
      if (!earlier.isDone()) {
        throw unresponsive(endpoint, "; the calls of an earlier pass are still waiting for it");
      }
      abandoned.remove(pipeline, earlier);
    }
    CompletableFuture<Void> ended = new CompletableFuture<>();
    Future<T> running = passes.submit(() -> {
      try {
        return pass.get();
      } finally {
        ended.complete(null);
      }
    });
    try {
      return running.get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      abandoned.put(pipeline, ended);
      running.cancel(true); // the SDK stops retrying an interrupted call
      throw unresponsive(endpoint, "");
    } catch (InterruptedException e) {
      running.cancel(true);
      Thread.currentThread().interrupt();
      throw new RetryableException("Interrupted", "the pass was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private RetryableException unresponsive(String endpoint, String more) {
    return new RetryableException(REASON, "AWS endpoint " + endpoint + " did not answer within the pass budget of "
        + budget + more + "; retrying with backoff");
  }

  @Override
  public void close() {
    passes.shutdownNow();
  }
}
