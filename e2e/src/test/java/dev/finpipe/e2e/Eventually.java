package dev.finpipe.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition while the operator runs: fails at once, with its log tail, when the operator died, and
 * at the deadline with what was last seen.
 */
public final class Eventually {
  private static final Duration POLL = Duration.ofMillis(500);

  private Eventually() {
  }

  public static void await(String what, Duration timeout, RunningOperator operator, BooleanSupplier condition,
                           Supplier<String> lastSeen) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      operator.assertRunning();
      if (condition.getAsBoolean()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(what + " did not happen within " + timeout + "; last seen: " + lastSeen.get()
            + "\noperator log ends with:\n" + operator.logTail(30));
      }
      pause(POLL);
    }
  }

  /** Asserts that {@code condition} stays false for the whole {@code period}. */
  public static void never(String what, Duration period, RunningOperator operator, BooleanSupplier condition) {
    Instant end = Instant.now().plus(period);
    while (Instant.now().isBefore(end)) {
      operator.assertRunning();
      if (condition.getAsBoolean()) {
        throw new AssertionError(what + " happened, but must not; operator log ends with:\n" + operator.logTail(30));
      }
      pause(POLL);
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
