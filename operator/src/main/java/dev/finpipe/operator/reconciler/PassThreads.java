package dev.finpipe.operator.reconciler;

import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The unbounded pools a pass runs on (the pass itself, its components): a thread per task in flight, never one
 * shared by count, so an unanswered endpoint holds only its own pipeline's threads.
 */
final class PassThreads {
  /**
   * How long a thread beyond the warm ones waits for more work: passes come in bursts (a resync, a batch of
   * applies), and each idle thread keeps its stack; a minute kept a burst's threads for the whole next quiet spell.
   */
  static final Duration IDLE_KEEP_ALIVE = Duration.ofSeconds(10);

  private PassThreads() {
  }

  /** {@code warm} threads are kept however long they idle; the others end after {@link #IDLE_KEEP_ALIVE}. */
  static ThreadPoolExecutor pool(String name, int warm) {
    return new ThreadPoolExecutor(warm, Integer.MAX_VALUE, IDLE_KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }
}
