package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.support.AwsErrors;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.support.TerminalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries inside the pass while AWS propagates, and only then: the waits are counted, not slept. */
class PropagationWaitTest {
  private final List<Duration> waits = new ArrayList<>();
  private final PropagationWait.Sleeper counting = waits::add;

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void aStepRefusedWhileAwsPropagatesIsTriedAgainAfterTheWaitsUntilItIsAccepted() {
    Supplier<String> step = refusedTimes(2, propagation());

    assertThat(PropagationWait.retrying(step, counting)).isEqualTo("done");
    assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void aStepStillRefusedAfterTheWholeScheduleIsLeftToTheRequeue() {
    AtomicInteger tries = new AtomicInteger();
    Supplier<String> step = () -> {
      tries.incrementAndGet();
      throw propagation();
    };

    assertThatThrownBy(() -> PropagationWait.retrying(step, counting)).isInstanceOfSatisfying(
        RetryableException.class, e -> assertThat(e.reason()).isEqualTo(AwsErrors.PROPAGATION));
    assertThat(waits).isEqualTo(PropagationWait.SCHEDULE);
    assertThat(tries).hasValue(PropagationWait.SCHEDULE.size() + 1);
    assertThat(waits.stream().mapToLong(Duration::toMillis).sum()).as("what one component adds to a pass")
        .isEqualTo(7_500);
  }

  @Test
  void otherFailuresAreNotRetriedInsideThePass() {
    RetryableException throttled = new RetryableException("Throttled", "Rate exceeded");
    TerminalException invalid = new TerminalException("InvalidConfiguration", "bad memory size");

    assertThatThrownBy(() -> PropagationWait.retrying(refusedTimes(1, throttled), counting)).isSameAs(throttled);
    assertThatThrownBy(() -> PropagationWait.retrying(refusedTimes(1, invalid), counting)).isSameAs(invalid);
    assertThat(waits).isEmpty();
  }

  @Test
  void anInterruptedWaitEndsWithTheRefusalAndKeepsTheInterrupt() {
    RetryableException refusal = propagation();
    PropagationWait.Sleeper interrupted = d -> {
      throw new InterruptedException();
    };

    assertThatThrownBy(() -> PropagationWait.retrying(refusedTimes(5, refusal), interrupted)).isSameAs(refusal);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  private static RetryableException propagation() {
    return new RetryableException(AwsErrors.PROPAGATION, "CreateFunction failed: InvalidParameterValueException: "
        + "The role defined for the function cannot be assumed by Lambda.");
  }

  private static Supplier<String> refusedTimes(int times, RuntimeException refusal) {
    AtomicInteger calls = new AtomicInteger();
    return () -> {
      if (calls.getAndIncrement() < times) {
        throw refusal;
      }
      return "done";
    };
  }
}
